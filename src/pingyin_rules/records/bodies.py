"""Coordinating bodies (议事协调机构), Art. 11."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, refs


class CoordinatingBody(Record):
    """A deliberative and coordinating body and the departments that sit on it."""

    record_type: ClassVar[str] = "coordinating_body"

    name: str = Field(min_length=1)
    members: tuple[RecordId, ...] = Field(default=(), description="Member departments")

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "members", self.members)
