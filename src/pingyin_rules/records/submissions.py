"""Documents sent to the county government (来文 / 收文), Arts. 62–64: how they travel (through
the county government office, to one main recipient, without skipping a level), what a
request for instructions (请示) must be (a formal document, one matter, signed by the unit's
principal head, agreed and countersigned where it touches other departments' powers), and how
county government leaders approve them (an explicit opinion, a name and a date; a circle on a
report; the county head's signature on what goes up to the county party committee)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Items, Record, RecordId, Reference, date_order, invalid, refs


class SubmissionKind(StrEnum):
    request_for_instructions = "request_for_instructions"  # 请示
    report = "report"  # 报告（一般报告性公文）
    other = "other"  # 其他来文（函、来电等）


class Recipient(StrEnum):
    """A main recipient (主送机关) named on the document."""

    county_government = "county_government"  # 县政府
    county_government_office = "county_government_office"  # 县政府办公室
    county_party_committee = "county_party_committee"  # 县委
    county_department = "county_department"  # 县政府其他部门
    city_government = "city_government"  # 市政府
    city_department = "city_department"  # 市政府部门
    provincial_body = "provincial_body"  # 省级机关
    other = "other"


# Codes that may stand more than once among the main recipients (two different departments).
_REPEATABLE = frozenset({Recipient.county_department, Recipient.other})


class Route(StrEnum):
    """How the document reached the county government (Art. 62 ¶1)."""

    via_office = "via_office"  # 送县政府办公室按程序统一办理
    direct = "direct"  # 直接报送县政府领导


class DirectGround(StrEnum):
    """The grounds on which a document may go directly, not through the office (Art. 62 ¶1)."""

    leader_assigned = "leader_assigned"  # 县政府领导直接交办事项
    classified = "classified"  # 必须直接报送的涉密事项
    major_emergency = "major_emergency"  # 重大突发事件


class Forwarding(StrEnum):
    """Who passed a leader's instructions on to the units that carry them out (Art. 62 ¶3)."""

    office = "office"  # 由县政府办公室统一转办
    direct = "direct"  # 由领导本人或其他人员直接转交承办单位


class Countersignature(BaseModel):
    """A department whose powers the document touches, countersigning it (会签, Art. 63)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    department: RecordId = Field(description="The department countersigning")
    by: RecordId = Field(description="The official who signed for it (its main head)")
    on: dt.date = Field(description="Date of the countersignature")
    agreed: bool = Field(
        default=True,
        description="协商一致: the department agreed; false: still no agreement after consultation",
    )


class LeaderApproval(BaseModel):
    """A county government leader's handling of the document (呈批 and 审批, Arts. 62, 64), in
    the order the leaders received it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    by: RecordId = Field(description="The county government leader")
    received_on: dt.date | None = Field(
        default=None, description="When it was presented to this leader (呈报)"
    )
    opinion: str | None = Field(
        default=None, min_length=1, description="The opinion written on it (批示意见), as written"
    )
    circled: bool = Field(default=False, description="圈阅: the leader circled it (已阅知)")
    name_signed: bool = Field(default=False, description="The leader signed their name")
    on: dt.date | None = Field(
        default=None, description="The date the leader wrote with the approval (none: undated)"
    )

    _after_receipt = date_order("on", "received_on", must_not_be="before")

    @property
    def handled(self) -> bool:
        """Whether the leader has done anything with it yet (else it waits for them)."""
        return self.opinion is not None or self.circled or self.name_signed or self.on is not None


class Submission(Record):
    """A document a town government, subdistrict office or county department sends to the
    county government (请示, 报告, 函...): Arts. 62–64."""

    record_type: ClassVar[str] = "submission"

    title: str = Field(min_length=1)
    sender: RecordId | None = Field(default=None, description="Sending department or town")
    kind: SubmissionKind = Field(
        default=SubmissionKind.other,
        description="请示 (request_for_instructions), 报告 (report) or other (the default)",
    )
    internal_unit: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "Name of the sender's internal unit (内设机构) when that unit sent it in its own "
            "name rather than its department (Art. 63 ¶2)"
        ),
    )
    formal: bool | None = Field(
        default=None, description="Sent as a formal document (正式公文, Art. 63 ¶1)"
    )
    matters: int | None = Field(
        default=None, ge=1, description="How many matters it asks about (一文一事, Art. 63 ¶1)"
    )
    contains_request_items: bool = Field(
        default=False,
        description=(
            "A report or other document that carries specific matters for decision (有具体请示"
            "事项, Art. 64); a request always does"
        ),
    )
    major: bool = Field(default=False, description="重大事项: for the county head (Art. 62 ¶2)")
    main_recipients: Items[Recipient] = Field(
        default=(), description="主送机关 named on it (Art. 62 ¶1: not several)"
    )
    route: Route | None = Field(
        default=None, description="Via the county government office, or direct (Art. 62 ¶1)"
    )
    direct_ground: DirectGround | None = Field(
        default=None, description="Why it went direct, if it did (Art. 62 ¶1)"
    )
    assigned_by: RecordId | None = Field(
        default=None,
        validate_default=True,
        description="The county government leader who assigned the matter directly",
    )
    signed_by: RecordId | None = Field(default=None, description="签发: who signed it")
    signed_on: dt.date | None = None
    submitted_on: dt.date | None = Field(
        default=None, description="When it was sent to the county government (报送)"
    )
    touches_departments: Items[RecordId] = Field(
        default=(), description="Other departments whose powers its content touches (Art. 63)"
    )
    countersignatures: Items[Countersignature] = ()
    grounds_listed: bool = Field(
        default=False,
        description="列明各方依据: each side's grounds listed, where no agreement was reached",
    )
    proposal: str | None = Field(
        default=None,
        min_length=1,
        description="提出办理意见: the lead department's proposed handling, where no agreement",
    )
    resolvable_by_department: RecordId | None = Field(
        default=None,
        description=(
            "A county department that could settle the matter if sent to it directly, as the "
            "office found on review (Art. 63 ¶2: 可以直报县政府有关部门解决的事项，不报县政府)"
        ),
    )
    approvals: Items[LeaderApproval] = Field(
        default=(), description="County government leaders' handling, in the order received"
    )
    forwarding: Forwarding | None = Field(
        default=None, description="Who forwarded the leaders' instructions (Art. 62 ¶3)"
    )
    to_party_committee: bool = Field(
        default=False, description="需上报县委: it must go up to the county party committee"
    )
    party_committee_signed_by: RecordId | None = Field(
        default=None, description="Who signed it for the county party committee (Art. 64)"
    )
    party_committee_signed_on: dt.date | None = Field(default=None, validate_default=True)
    sent_to_party_committee_on: dt.date | None = Field(
        default=None, description="When it went up to the county party committee"
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "sender", self.sender)
        yield from refs("officials", "assigned_by", self.assigned_by)
        yield from refs("officials", "signed_by", self.signed_by)
        yield from refs("departments", "touches_departments", self.touches_departments)
        for countersignature in self.countersignatures:
            yield from refs(
                "departments", "countersignatures.department", countersignature.department
            )
            yield from refs("officials", "countersignatures.by", countersignature.by)
        yield from refs("departments", "resolvable_by_department", self.resolvable_by_department)
        for approval in self.approvals:
            yield from refs("officials", "approvals.by", approval.by)
        yield from refs("officials", "party_committee_signed_by", self.party_committee_signed_by)

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("internal_unit")
    @classmethod
    def _unit_of_a_sender(cls, unit: str | None, info: ValidationInfo) -> str | None:
        if unit is not None and info.data.get("sender") is None and "sender" in info.data:
            raise invalid(
                "写明内设机构的，须同时写明其所属部门（sender）",
                "an internal unit needs its department: give sender",
            )
        return unit

    @field_validator("main_recipients")
    @classmethod
    def _recipients_not_repeated(cls, recipients: tuple[Recipient, ...]) -> Any:
        seen: set[Recipient] = set()
        for recipient in recipients:
            if recipient in seen and recipient not in _REPEATABLE:
                raise invalid(
                    f"主送机关 {recipient.value!r} 重复列出", f"{recipient.value!r} is named twice"
                )
            seen.add(recipient)
        return recipients

    @field_validator("direct_ground")
    @classmethod
    def _ground_for_direct(cls, ground: DirectGround | None, info: ValidationInfo) -> Any:
        if ground is not None and info.data.get("route") is not Route.direct:
            raise invalid(
                "写明直接报送理由（direct_ground）的，route 须为 direct",
                "a ground for going direct needs route: direct",
            )
        return ground

    @field_validator("assigned_by")
    @classmethod
    def _assigning_leader(cls, leader: str | None, info: ValidationInfo) -> str | None:
        ground = info.data.get("direct_ground")
        if ground is DirectGround.leader_assigned and leader is None:
            raise invalid(
                "县政府领导直接交办的事项，须写明交办领导（assigned_by）",
                "a matter assigned directly by a county leader needs that leader (assigned_by)",
            )
        if leader is not None and ground is not DirectGround.leader_assigned:
            raise invalid(
                "assigned_by 仅用于县政府领导直接交办的事项（direct_ground: leader_assigned）",
                "assigned_by goes with direct_ground: leader_assigned",
            )
        return leader

    _signed_before_submission = date_order(
        "submitted_on", "signed_on", must_not_be="before", other_label="signed_on"
    )

    @field_validator("touches_departments")
    @classmethod
    def _other_departments(cls, deps: tuple[str, ...], info: ValidationInfo) -> Any:
        if len(set(deps)) != len(deps):
            raise invalid("有部门重复列出", "a department is listed twice")
        sender = info.data.get("sender")
        if sender is not None and sender in deps:
            raise invalid(
                f"不应列入报送单位 {sender!r} 本身",
                f"the sender {sender!r} is not another department",
            )
        return deps

    @field_validator("countersignatures")
    @classmethod
    def _countersigners_touched(
        cls, signatures: tuple[Countersignature, ...], info: ValidationInfo
    ) -> Any:
        touched = info.data.get("touches_departments")
        if touched is None:  # touches_departments itself failed validation
            return signatures
        for signature in signatures:
            if signature.department not in touched:
                raise invalid(
                    f"{signature.department!r} 已会签，但未列入 touches_departments",
                    f"{signature.department!r} countersigned but is not in touches_departments",
                )
        return signatures

    @field_validator("party_committee_signed_by", "sent_to_party_committee_on")
    @classmethod
    def _party_committee_only(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and not info.data.get("to_party_committee"):
            raise invalid(
                "仅在 to_party_committee 为 true（需上报县委）时填写",
                "applies only when to_party_committee is true",
            )
        return value

    @field_validator("party_committee_signed_on")
    @classmethod
    def _signature_dated(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        signer = info.data.get("party_committee_signed_by")
        if signer is not None and day is None:
            raise invalid(
                "上报县委的签字须写明日期",
                "the signature for the county party committee needs its date",
            )
        if day is not None and signer is None and "party_committee_signed_by" in info.data:
            raise invalid(
                "请写明 party_committee_signed_by，即由谁签字",
                "give party_committee_signed_by, who signed",
            )
        return day

    _signed_before_sent_up = date_order(
        "sent_to_party_committee_on",
        "party_committee_signed_on",
        must_not_be="before",
        other_label="party_committee_signed_on",
    )
