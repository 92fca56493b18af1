"""Documents sent to the county government (来文 / 收文), Arts. 62–64."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, refs


class Submission(Record):
    """A document a unit sends to the county government (请示, 报告...)."""

    record_type: ClassVar[str] = "submission"

    title: str = Field(min_length=1)
    sender: RecordId | None = Field(default=None, description="Sending department or town")

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "sender", self.sender)
