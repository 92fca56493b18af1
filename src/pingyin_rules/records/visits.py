"""Visits to the county by leaders of higher-level bodies (Art. 60 ¶2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, refs


class Visit(Record):
    """A visit to Pingyin by a leader of a higher-level department, received by a department."""

    record_type: ClassVar[str] = "visit"

    visitor: str = Field(min_length=1, description="Who visits, with title")
    host_department: RecordId = Field(description="County department that receives the visit")
    start: dt.date

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "host_department", self.host_department)
