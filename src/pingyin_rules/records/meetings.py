"""Government meetings, Chapter 9 (Arts. 49–60)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Items, Record, RecordId, Reference, date_order, invalid, refs


class MeetingKind(StrEnum):
    plenary = "plenary"  # 县政府全体会议
    executive = "executive"  # 县政府常务会议
    county_head_office = "county_head_office"  # 县长办公会议
    special_topic = "special_topic"  # 专题会议
    county_wide = "county_wide"  # 以县政府名义召开的全县性会议
    department_system = "department_system"  # 部门本系统全县性会议
    law_study = "law_study"  # 县政府领导班子集体学法 (Art. 29)
    higher_level = "higher_level"  # 上级部门通过县政府有关部门商洽在平阴召开的会议 (Art. 60)


# Meetings a department holds for its own system, or arranges for a higher-level department:
# what each is called in a message, in Chinese (the pack's names) and English.
_DEPARTMENT_KINDS = {
    "department_system": ("部门本系统全县性会议", "a department system meeting"),
    "higher_level": (
        "上级部门在平阴召开的会议",
        "a meeting a higher-level department holds in Pingyin",
    ),
}


class MeetingPurpose(StrEnum):
    """What a department's meeting is for (Art. 59)."""

    relay_higher_level = "relay_higher_level"  # 贯彻上级部门会议精神
    departmental_work = "departmental_work"  # 部署总结部门业务
    other = "other"


class Material(StrEnum):
    plan = "plan"  # 会议方案
    speech = "speech"  # 领导讲话
    chair_script = "chair_script"  # 主持稿


class LeaveOfAbsence(BaseModel):
    """Leave from a meeting (Art. 56): who granted it, when it was asked, whether a leave slip
    (请假条) was filled in, and whether it was filed with the office (报县政府办公室备案)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    official: RecordId
    granted_by: RecordId | None = None
    filed: bool = Field(default=False, description="报县政府办公室备案: filed with the office")
    asked_on: dt.date | None = Field(
        default=None,
        description="请假日期: the day leave was asked (提前: on or before the meeting date)",
    )
    leave_slip: bool = Field(
        default=False, description="填写请假条: a leave slip was filled in (Art. 56)"
    )


class Substitution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    absent: RecordId
    substitute: RecordId
    approved_by: RecordId | None = None


class DepartmentOpinion(BaseModel):
    """An opinion sought from a department (Art. 60: 征求县财政局的意见)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    department: RecordId = Field(description="The department consulted")
    on: dt.date = Field(description="When its opinion was sought")
    opinion: str | None = None


class Meeting(Record):
    record_type: ClassVar[str] = "meeting"

    kind: MeetingKind
    title: str = Field(min_length=1)
    date: dt.date
    convener: RecordId | None = None
    chair: RecordId | None = None
    entrusted_by: RecordId | None = Field(
        default=None, description="Who entrusted the convener/chair (Arts. 51, 53)"
    )
    expected_members: Items[RecordId] = Field(
        default=(),
        description="应到人员 as recorded; the quorum counts the membership the article defines "
        "(from the roster), and a list that disagrees with it is reported (Art. 51)",
    )
    invited: Items[RecordId] = Field(
        default=(),
        description="Officials invited or summoned by name who are not members: 列席 invitees "
        "(Art. 56), county government leaders invited to a department's meeting (Art. 59), "
        "heads summoned to a county-wide meeting (Art. 58)",
    )
    main_heads_of: Items[RecordId] = Field(
        default=(),
        description="Towns (subdistricts) and departments whose main heads (主要负责同志) are "
        "asked to attend (Arts. 58 ¶2, 59)",
    )
    attendees: Items[RecordId] = Field(default=(), description="实到成员")
    non_voting_attendees: Items[RecordId] = Field(default=(), description="列席人员")
    leaves: Items[LeaveOfAbsence] = ()
    substitutes: Items[Substitution] = ()
    agenda: Items[str] = ()
    organizing_department: RecordId | None = Field(
        default=None,
        validate_default=True,
        description="The department that holds a system meeting (Art. 59), or through which a "
        "higher-level department arranges its meeting (Art. 60)",
    )
    purpose: MeetingPurpose | None = Field(
        default=None, description="What a department's meeting is for (Art. 59)"
    )
    # County-wide meetings (Art. 58); a higher-level department's meeting (Art. 60)
    needs_main_leaders: bool = False
    reported_on: dt.date | None = Field(
        default=None,
        description="Reported to the main leaders (Art. 58) or to the county government (Art. 60)",
    )
    materials: Items[Material] = ()
    approved_by: Items[RecordId] = Field(
        default=(),
        description="Who approved: the main leader and the office director (Art. 58); the county "
        "government leader who consented (Art. 60)",
    )
    approved_on: dt.date | None = Field(
        default=None,
        validate_default=True,
        description="When the county government consented (Art. 60: 经同意后方可答复和安排)",
    )
    # A deputy head's county-wide meeting that summons main heads (Art. 58 ¶2)
    authorized_by: RecordId | None = Field(
        default=None,
        description="县政府主要领导同志授权: who authorized summoning main heads (Art. 58 ¶2)",
    )
    authorized_on: dt.date | None = Field(
        default=None, validate_default=True, description="When it was authorized"
    )
    # A department's system meeting that invites a deputy head (Art. 59: 严格按程序报批)
    invitation_approved_by: RecordId | None = Field(
        default=None, description="Who approved inviting a deputy head (Art. 59)"
    )
    invitation_approved_on: dt.date | None = Field(
        default=None, validate_default=True, description="When the invitation was approved"
    )
    # A meeting a higher-level department holds in Pingyin through a county department (Art. 60)
    higher_body: str | None = Field(
        default=None,
        validate_default=True,
        description="上级部门: the higher-level department that holds the meeting (Art. 60)",
    )
    replied_on: dt.date | None = Field(
        default=None, description="When the county department replied to it (答复, Art. 60)"
    )
    subsidy_needed: bool = Field(default=False, description="需补贴经费 (Art. 60)")
    finance_opinion: DepartmentOpinion | None = Field(
        default=None, description="The finance bureau's opinion, sought beforehand (Art. 60)"
    )

    def references(self) -> Iterator[Reference]:
        for field in ("convener", "chair", "entrusted_by", "authorized_by",
                      "invitation_approved_by"):  # fmt: skip
            yield from refs("officials", field, getattr(self, field))
        for field in ("expected_members", "invited", "attendees", "non_voting_attendees",
                      "approved_by"):  # fmt: skip
            yield from refs("officials", field, getattr(self, field))
        for leave in self.leaves:
            yield from refs("officials", "leaves.official", leave.official)
            yield from refs("officials", "leaves.granted_by", leave.granted_by)
        for sub in self.substitutes:
            yield from refs("officials", "substitutes.absent", sub.absent)
            yield from refs("officials", "substitutes.substitute", sub.substitute)
            yield from refs("officials", "substitutes.approved_by", sub.approved_by)
        yield from refs("departments", "organizing_department", self.organizing_department)
        yield from refs("departments", "main_heads_of", self.main_heads_of)
        if self.finance_opinion is not None:
            yield from refs("departments", "finance_opinion.department",
                            self.finance_opinion.department)  # fmt: skip

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator(
        "expected_members", "invited", "main_heads_of", "attendees", "non_voting_attendees"
    )
    @classmethod
    def _no_one_twice(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        return ids

    @field_validator("invited")
    @classmethod
    def _invited_are_not_members(
        cls, ids: tuple[str, ...], info: ValidationInfo
    ) -> tuple[str, ...]:
        both = sorted(set(ids) & set(info.data.get("expected_members") or ()))
        if both:
            raise invalid(
                f"{'、'.join(both)} 已列入 expected_members",
                f"already among expected_members: {', '.join(both)}",
            )
        return ids

    @field_validator("attendees")
    @classmethod
    def _attendees_expected(cls, ids: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        expected = info.data.get("expected_members") or ()
        stray = sorted(set(ids) - set(expected))
        if expected and stray:
            raise invalid(
                f"{'、'.join(stray)} 不在 expected_members 中（非成员请列入 non_voting_attendees）",
                f"not among expected_members: {', '.join(stray)}"
                " (list non-members under non_voting_attendees)",
            )
        return ids

    @field_validator("organizing_department")
    @classmethod
    def _department_meeting_department(cls, dep: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind is not None and kind.value in _DEPARTMENT_KINDS and not dep:
            zh, en = _DEPARTMENT_KINDS[kind.value]
            raise invalid(
                f"{zh}须写明 organizing_department",
                f"{en} needs its organizing_department",
            )
        return dep

    @field_validator("approved_on")
    @classmethod
    def _consent_has_a_date(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if day is not None and not info.data.get("approved_by"):
            raise invalid(
                "有日期而无 approved_by，请写明由谁批准",
                "a date without approved_by: who approved?",
            )
        if (
            day is None
            and info.data.get("kind") is MeetingKind.higher_level
            and info.data.get("approved_by")
        ):
            raise invalid(
                "县政府同意须写明日期（第六十条）",
                "the county government's consent needs its date (Art. 60)",
            )
        return day

    @field_validator("authorized_on")
    @classmethod
    def _authorization_has_a_date(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _dated("authorized_by", day, info)

    @field_validator("invitation_approved_on")
    @classmethod
    def _invitation_approval_has_a_date(
        cls, day: dt.date | None, info: ValidationInfo
    ) -> dt.date | None:
        return _dated("invitation_approved_by", day, info)

    @field_validator("higher_body")
    @classmethod
    def _higher_level_body(cls, body: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") is MeetingKind.higher_level and not body:
            raise invalid(
                "上级部门在平阴召开的会议须写明 higher_body（上级部门）",
                "a meeting a higher-level department holds needs its higher_body",
            )
        return body

    _reported_before = date_order(
        "reported_on",
        "date",
        must_not_be="after",
        other_label="the meeting date",
        other_label_zh="会议日期",
    )


# What the person named by each dated approval did, for the message when they are missing.
_DONE_ZH = {"authorized_by": "授权", "invitation_approved_by": "批准"}


def _dated(who: str, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
    """An approval and its date go together: neither without the other."""
    given = info.data.get(who) is not None
    if day is None and given:
        raise invalid(f"已填写 {who}，但未写明日期", f"{who} is recorded without its date")
    if day is not None and not given and who in info.data:
        raise invalid(
            f"有日期而无 {who}，请写明由谁{_DONE_ZH.get(who, '批准')}",
            f"a date without {who}: who approved?",
        )
    return day
