"""Leave and travel outside the county (Arts. 8, 10, 73)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Items, Record, RecordId, Reference, date_order, refs


class AbsenceKind(StrEnum):
    leave = "leave"  # 休假 / 请假
    travel = "travel"  # 离县外出 / 因公外出


class Authority(StrEnum):
    """Who a leader asks or reports to before leaving the county (Art. 73)."""

    county_head = "county_head"
    deputy_in_charge = "deputy_in_charge"
    county_party_secretary = "county_party_secretary"
    county_government = "county_government"
    county_party_committee = "county_party_committee"
    city_party_committee = "city_party_committee"
    city_government = "city_government"


class ApprovalStep(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    authority: Authority
    on: dt.date
    official: RecordId | None = None
    action: str = Field(default="approve", pattern="^(approve|report)$")


class Absence(Record):
    record_type: ClassVar[str] = "absence"

    official: RecordId
    kind: AbsenceKind
    start: dt.date
    end: dt.date
    destination: str | None = None
    outside_county: bool | None = Field(
        default=None,
        validate_default=True,
        description="离县外出: leaves the county (Art. 73). Travel does unless it says otherwise; "
        "a leave must say, since many are taken at home",
    )
    requested_on: dt.date | None = None
    steps: Items[ApprovalStep] = ()
    justification: str | None = None

    def references(self) -> Iterator[Reference]:
        yield from refs("officials", "official", self.official)
        for step in self.steps:
            yield from refs("officials", "steps.official", step.official)

    @field_validator("outside_county")
    @classmethod
    def _travel_leaves_the_county(cls, value: bool | None, info: ValidationInfo) -> bool | None:
        if value is None and info.data.get("kind") is AbsenceKind.travel:
            return True
        return value

    # Cross-field checks are field validators, so an error names the field at fault.
    _end_after_start = date_order("end", "start", must_not_be="before")
    _requested_before_leaving = date_order(
        "requested_on",
        "start",
        must_not_be="after",
        other_label="the start",
        other_label_zh="开始日期",
    )

    @property
    def days(self) -> int:
        """Length in calendar days, both ends included: a same-day trip is 1 day."""
        return (self.end - self.start).days + 1
