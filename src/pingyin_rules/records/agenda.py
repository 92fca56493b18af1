"""Items put to a government meeting (议题), Arts. 54 and 55.

An item goes to a plenary, executive or county head's office meeting after its lead department
(主办部门) has studied it, consulted the departments concerned and reached agreement; it is sent to
the county government office (报县政府办公室), reviewed and proposed by the deputy head in charge
(分管副县长审核后提出) and settled by the county head (县长确定). A major administrative decision
first passes legality review by the legal affairs body (合法性审查). An item still disputed after
coordination (经协调仍有异议) carries a coordination note, goes to the deputy head in charge, and is
then either countersigned by the heads of the departments concerned (会签) or, still disputed,
decided by the county head on the deputy's opinion.

Each step is recorded with its date and who took it, so that a rule can check that it came before
the meeting. Input that cannot describe a real item (a date without who, a step for a dispute that
is not recorded as one, a department listed twice) is refused here, naming the field; a step that
is missing or late is a verdict, left to the rules.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Items, Record, RecordId, Reference, invalid, refs


class MatterAuthority(StrEnum):
    """Whose authority a matter falls in (Art. 55 ¶2)."""

    county_government = "county_government"  # 需县政府会议研究决定的事项
    deputy_head = "deputy_head"  # 属于副县长职责权限范围内决定的事项
    department = "department"  # 属于县政府各部门职责权限范围内决定的事项


def _twice(items: Iterable[Any]) -> list[str]:
    return sorted(str(i) for i, n in Counter(items).items() if n > 1)


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class PartyGrounds(_Part):
    """One party's grounds (理据) in a coordination note."""

    department: RecordId = Field(description="The department whose position this is")
    grounds: str = Field(min_length=1, description="Its grounds (理据)")


class CoordinationNote(_Part):
    """协调说明 attached by the lead department to an item still disputed after coordination
    (Art. 54): each party's grounds (列明各方理据) and a preferred opinion (倾向性意见)."""

    on: dt.date | None = Field(default=None, description="Date of the note")
    grounds: Items[PartyGrounds] = Field(
        default=(), description="各方理据: each party's grounds, the lead department's included"
    )
    preferred_opinion: str | None = Field(
        default=None, description="倾向性意见: the lead department's preferred opinion"
    )

    @field_validator("grounds")
    @classmethod
    def _each_party_once(cls, grounds: tuple[PartyGrounds, ...]) -> tuple[PartyGrounds, ...]:
        twice = _twice(g.department for g in grounds)
        if twice:
            raise invalid(
                f"重复列出 {'、'.join(twice)} 的理据",
                f"gives the grounds of {', '.join(twice)} twice",
            )
        return grounds


class DeputyCoordination(_Part):
    """报请分管副县长协调 (Art. 54): who coordinated, when, and whether agreement was reached."""

    by: RecordId = Field(description="The deputy head who coordinated (分管副县长)")
    on: dt.date = Field(description="Date of the coordination")
    agreed: bool = Field(description="协调一致: agreement was reached")
    opinion: str | None = Field(
        default=None,
        description="分管副县长提出的意见: the deputy's opinion, put to the county head when no "
        "agreement was reached",
    )


class LegalityReview(_Part):
    """合法性审查 of an item that is a major administrative decision (Art. 54)."""

    by: RecordId = Field(description="The department that reviewed it (县政府法制机构)")
    on: dt.date = Field(description="Date of the review (its written opinion)")
    conclusion: str | None = Field(default=None, description="Its conclusion, as recorded")


class LeaderDecision(_Part):
    """A leader's decision on a date (Art. 54: 由分管副县长提出意见报县长确定)."""

    by: RecordId
    on: dt.date


class AgendaItem(Record):
    """One topic (议题) put to a plenary, executive or office meeting."""

    record_type: ClassVar[str] = "agenda_item"

    meeting: RecordId = Field(description="The meeting the item is put to")
    title: str = Field(min_length=1)
    lead_department: RecordId | None = Field(
        default=None, description="主办部门: the department that prepares and submits the item"
    )
    departments_concerned: Items[RecordId] = Field(
        default=(),
        description="有关部门: the other departments consulted (沟通协商、征求意见, Art. 54); the "
        "departments that still object are added to them",
    )
    prepared_on: dt.date | None = Field(
        default=None,
        description="Date the lead department completed its study and argumentation, its "
        "consultation of the departments concerned and the soliciting of opinions "
        "(研究论证、沟通协商和征求意见, Art. 54): agreement was reached, or the dispute remained",
    )
    submitted_on: dt.date | None = Field(
        default=None,
        description="报县政府办公室: date the item was sent to the office (Arts. 54, 55)",
    )
    # Art. 54: a major administrative decision first passes legality review.
    major_decision: bool = Field(
        default=False, description="属于县政府重大行政决策的议题 (Art. 54)"
    )
    decision: RecordId | None = Field(
        default=None,
        description="The decision record of the matter (decisions section), if any; a decision "
        "of a major kind makes the item a major decision too",
    )
    legality_review: LegalityReview | None = Field(
        default=None, description="合法性审查 by the legal affairs body (Art. 54)"
    )
    # Art. 54: an item still disputed after coordination.
    disputed: bool = Field(
        default=False, description="经协调仍有异议: still disputed after the lead's coordination"
    )
    objecting_departments: Items[RecordId] = Field(
        default=(),
        validate_default=True,
        description="The departments that still object (a disputed item names at least one)",
    )
    coordination_note: CoordinationNote | None = Field(
        default=None, validate_default=True, description="协调说明 (disputed items only)"
    )
    deputy_coordination: DeputyCoordination | None = Field(
        default=None,
        validate_default=True,
        description="报请分管副县长协调 (disputed items only)",
    )
    countersigned_by: Items[RecordId] = Field(
        default=(),
        description="会签: the department heads (official ids) who signed the countersigned "
        "opinion",
    )
    countersigned_on: dt.date | None = Field(
        default=None, validate_default=True, description="Date of the countersigned opinion"
    )
    dispute_decision: LeaderDecision | None = Field(
        default=None,
        validate_default=True,
        description="报县长确定: the county head's decision on a dispute the deputy could not "
        "resolve (Art. 54)",
    )
    # Art. 55: the deputy in charge reviews and proposes; the county head settles.
    reviewed_by: RecordId | None = Field(
        default=None, description="分管副县长审核后提出: who reviewed and proposed the item"
    )
    reviewed_on: dt.date | None = Field(
        default=None, validate_default=True, description="Date of that review"
    )
    settled_by: RecordId | None = Field(
        default=None,
        description="确定: the leader who settled the item for the meeting (县长确定, Art. 55; "
        "县政府领导同志确定, Art. 54)",
    )
    settled_on: dt.date | None = Field(
        default=None, validate_default=True, description="Date it was settled"
    )
    authority: MatterAuthority = Field(
        default=MatterAuthority.county_government,
        description="Whose authority the matter falls in: the county government's (a matter for "
        "its meetings), a deputy head's or a department's own (Art. 55 ¶2)",
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("meetings", "meeting", self.meeting)
        yield from refs("decisions", "decision", self.decision)
        yield from refs("departments", "lead_department", self.lead_department)
        yield from refs("departments", "departments_concerned", self.departments_concerned)
        yield from refs("departments", "objecting_departments", self.objecting_departments)
        if self.legality_review is not None:
            yield from refs("departments", "legality_review.by", self.legality_review.by)
        if self.coordination_note is not None:
            for party in self.coordination_note.grounds:
                yield from refs(
                    "departments", "coordination_note.grounds.department", party.department
                )
        if self.deputy_coordination is not None:
            yield from refs("officials", "deputy_coordination.by", self.deputy_coordination.by)
        yield from refs("officials", "countersigned_by", self.countersigned_by)
        if self.dispute_decision is not None:
            yield from refs("officials", "dispute_decision.by", self.dispute_decision.by)
        yield from refs("officials", "reviewed_by", self.reviewed_by)
        yield from refs("officials", "settled_by", self.settled_by)

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("departments_concerned")
    @classmethod
    def _concerned(cls, ids: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        twice = _twice(ids)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        lead = info.data.get("lead_department")
        if lead is not None and lead in ids:
            raise invalid(
                f"不应列入主办部门 {lead} 本身", f"lists the lead department {lead} itself"
            )
        return ids

    @field_validator("objecting_departments")
    @classmethod
    def _objecting(cls, ids: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        twice = _twice(ids)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        lead = info.data.get("lead_department")
        if lead is not None and lead in ids:
            raise invalid(
                f"不应列入主办部门 {lead} 本身", f"lists the lead department {lead} itself"
            )
        disputed = info.data.get("disputed")
        if disputed and not ids:
            raise invalid(
                "有异议的议题须列明仍有异议的部门",
                "a disputed item names the departments that still object",
            )
        if ids and disputed is False:
            raise invalid(
                "列有仍有异议的部门，但 disputed 为 false",
                "departments still object, but disputed is false",
            )
        return ids

    @field_validator("coordination_note", "deputy_coordination")
    @classmethod
    def _dispute_steps(cls, step: Any, info: ValidationInfo) -> Any:
        if step is not None and info.data.get("disputed") is False:
            raise invalid(
                "此项仅适用于经协调仍有异议的议题，但 disputed 为 false",
                "is a step for a disputed item, but disputed is false",
            )
        return step

    @field_validator("countersigned_by")
    @classmethod
    def _signers_once(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        twice = _twice(ids)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        return ids

    @field_validator("countersigned_on")
    @classmethod
    def _countersign_dated(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        signed = bool(info.data.get("countersigned_by"))
        if day is None and signed:
            raise invalid(
                "已填写 countersigned_by，但未写明会签意见的日期",
                "countersigned_by is recorded without the date of the opinion",
            )
        if day is not None and not signed and "countersigned_by" in info.data:
            raise invalid(
                "有日期而无 countersigned_by，请写明由谁会签",
                "a date without countersigned_by: who signed?",
            )
        return day

    @field_validator("dispute_decision")
    @classmethod
    def _decision_on_unresolved(cls, step: Any, info: ValidationInfo) -> Any:
        if step is None:
            return step
        if info.data.get("disputed") is False:
            raise invalid(
                "此项仅适用于经协调仍有异议的议题，但 disputed 为 false",
                "is a step for a disputed item, but disputed is false",
            )
        coordination = info.data.get("deputy_coordination")
        if coordination is not None and coordination.agreed:
            raise invalid(
                "分管副县长协调已达成一致，没有需报县长确定的分歧",
                "the deputy's coordination reached agreement: there is no dispute to decide",
            )
        return step

    @field_validator("reviewed_on")
    @classmethod
    def _review_dated(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _dated("reviewed_by", day, info)

    @field_validator("settled_on")
    @classmethod
    def _settlement_dated(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _dated("settled_by", day, info)


# What the person named by each dated step did, for the message when they are missing.
_DONE_ZH = {"reviewed_by": "审核", "settled_by": "确定"}


def _dated(who: str, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
    """A step and its date go together: neither without the other."""
    given = info.data.get(who) is not None
    if day is None and given:
        raise invalid(f"已填写 {who}，但未写明日期", f"{who} is recorded without its date")
    if day is not None and not given and who in info.data:
        raise invalid(
            f"有日期而无 {who}，请写明由谁{_DONE_ZH.get(who, '办理')}",
            f"a date without {who}: who?",
        )
    return day
