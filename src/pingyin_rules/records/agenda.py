"""Items put to a government meeting (议题), Arts. 54 and 55."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, refs


class AgendaItem(Record):
    """One topic (议题) put to a plenary, executive or office meeting."""

    record_type: ClassVar[str] = "agenda_item"

    meeting: RecordId = Field(description="The meeting the item is put to")
    title: str = Field(min_length=1)

    def references(self) -> Iterator[Reference]:
        yield from refs("meetings", "meeting", self.meeting)
