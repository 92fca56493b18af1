"""Major administrative decisions (重大行政决策), Chapter 4 (Arts. 4, 9, 19–23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, refs


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
