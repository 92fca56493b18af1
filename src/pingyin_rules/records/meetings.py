"""Government meetings, Chapter 9 (Arts. 49–60)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Record, RecordId, Reference, date_order, refs


class MeetingKind(StrEnum):
    plenary = "plenary"  # 县政府全体会议
    executive = "executive"  # 县政府常务会议
    county_head_office = "county_head_office"  # 县长办公会议
    special_topic = "special_topic"  # 专题会议
    county_wide = "county_wide"  # 以县政府名义召开的全县性会议
    department_system = "department_system"  # 部门本系统全县性会议
    law_study = "law_study"  # 县政府领导班子集体学法 (Art. 29)


# Meetings whose attendance is counted against the expected members (Arts. 50, 51).


class Material(StrEnum):
    plan = "plan"  # 会议方案
    speech = "speech"  # 领导讲话
    chair_script = "chair_script"  # 主持稿


class LeaveOfAbsence(BaseModel):
    """Leave from a meeting (Art. 56): who granted it and whether it was filed with the office."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    official: RecordId
    granted_by: RecordId | None = None
    filed: bool = False


class Substitution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    absent: RecordId
    substitute: RecordId
    approved_by: RecordId | None = None


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
    expected_members: tuple[RecordId, ...] = Field(
        default=(),
        description="应到人员 as recorded; the quorum counts the membership the article defines "
        "(from the roster), and a list that disagrees with it is reported (Art. 51)",
    )
    attendees: tuple[RecordId, ...] = Field(default=(), description="实到成员")
    non_voting_attendees: tuple[RecordId, ...] = Field(default=(), description="列席人员")
    leaves: tuple[LeaveOfAbsence, ...] = ()
    substitutes: tuple[Substitution, ...] = ()
    agenda: tuple[str, ...] = ()
    organizing_department: RecordId | None = Field(default=None, validate_default=True)
    # County-wide meetings (Art. 58)
    needs_main_leaders: bool = False
    reported_on: dt.date | None = None
    materials: tuple[Material, ...] = ()
    approved_by: tuple[RecordId, ...] = ()

    def references(self) -> Iterator[Reference]:
        for field in ("convener", "chair", "entrusted_by"):
            yield from refs("officials", field, getattr(self, field))
        for field in ("expected_members", "attendees", "non_voting_attendees", "approved_by"):
            yield from refs("officials", field, getattr(self, field))
        for leave in self.leaves:
            yield from refs("officials", "leaves.official", leave.official)
            yield from refs("officials", "leaves.granted_by", leave.granted_by)
        for sub in self.substitutes:
            yield from refs("officials", "substitutes.absent", sub.absent)
            yield from refs("officials", "substitutes.approved_by", sub.approved_by)
        yield from refs("departments", "organizing_department", self.organizing_department)

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("expected_members", "attendees", "non_voting_attendees")
    @classmethod
    def _no_one_twice(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise ValueError(f"lists {', '.join(twice)} twice")
        return ids

    @field_validator("attendees")
    @classmethod
    def _attendees_expected(cls, ids: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        expected = info.data.get("expected_members") or ()
        stray = sorted(set(ids) - set(expected))
        if expected and stray:
            raise ValueError(
                f"not among expected_members: {', '.join(stray)}"
                " (list non-members under non_voting_attendees)"
            )
        return ids

    @field_validator("organizing_department")
    @classmethod
    def _system_meeting_department(cls, dep: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") is MeetingKind.department_system and not dep:
            raise ValueError("a department system meeting needs its organizing_department")
        return dep

    _reported_before = date_order(
        "reported_on", "date", must_not_be="after", other_label="the meeting date"
    )
