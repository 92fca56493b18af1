"""Items assigned by meeting decisions (Art. 57) and major decisions (Arts. 19–23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, date_order, refs


class Assignment(Record):
    record_type: ClassVar[str] = "assignment"

    item: str = Field(min_length=1)
    meeting: RecordId | None = None
    department: RecordId
    assigned_on: dt.date
    reported_on: dt.date | None = Field(default=None, description="Written report of the result")
    delay_justification: str | None = Field(
        default=None,
        description="Recorded reason for reporting late (Art. 57 says 一般, generally)",
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("meetings", "meeting", self.meeting)
        yield from refs("departments", "department", self.department)

    _reported_after_assigned = date_order("reported_on", "assigned_on", must_not_be="before")


class Decision(Record):
    """A major administrative decision (重大行政决策)."""

    record_type: ClassVar[str] = "decision"

    title: str = Field(min_length=1)
    category: str | None = None
    decided_at: RecordId | None = Field(default=None, description="Meeting that decided it")
    date: dt.date | None = None
    public_participation: bool = False
    expert_argumentation: bool = False
    risk_assessment: bool = False
    legality_review: bool = False
    collective_discussion: bool = False
    reported_to_party_committee: bool = False

    def references(self) -> Iterator[Reference]:
        yield from refs("meetings", "decided_at", self.decided_at)
