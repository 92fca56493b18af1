"""Items assigned by meeting decisions (Art. 57)."""

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
