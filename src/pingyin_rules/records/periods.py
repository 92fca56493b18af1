"""Records that the engine derives rather than reads: a calendar period of a case file,
with the records that fall in it, for rules about duties that recur (weekly, quarterly...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import Items, Record, Reference, invalid, refs


class CasePeriod(BaseModel):
    """The dates a case file covers: periodic duties are judged only inside them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> CasePeriod:
        if self.end < self.start:
            raise invalid(
                f"period 的结束日期（{self.end}）早于开始日期（{self.start}）",
                f"period end {self.end} is before its start {self.start}",
            )
        return self


class Period(Record):
    """One week, quarter or year, and the selected records dated in it (label is the id)."""

    record_type: ClassVar[str] = "period"

    start: dt.date
    end: dt.date
    records: Items[Any] = ()

    @property
    def count(self) -> int:
        return len(self.records)


class Roster(Record):
    """The case's roster as a whole, judged once per case that lists officials: rules on the
    composition of the government (who must be on it, how many of each role) apply to it."""

    record_type: ClassVar[str] = "roster"

    officials: Items[Any] = ()
    departments: Items[Any] = ()

    @property
    def subject(self) -> str:
        return "roster"


class Justification(Record):
    """A recorded reason for departing from an "in principle" rule for one subject."""

    record_type: ClassVar[str] = "justification"

    rule: str = Field(min_length=1, description="Rule id, e.g. art52.weekly_office_meeting")
    concerning: str = Field(min_length=1, description="Subject, e.g. period:2026-W41, meeting:M-1")
    reason: str = Field(min_length=1)
    approved_by: str | None = None

    def references(self) -> Iterator[Reference]:
        yield from refs("officials", "approved_by", self.approved_by)
