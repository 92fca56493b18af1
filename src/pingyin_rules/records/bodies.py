"""Deliberative and coordinating bodies (议事协调机构), Art. 11 ¶2."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field, field_validator

from .base import Items, Record, RecordId, Reference, date_order, invalid, refs


class CoordinatingBody(Record):
    """A deliberative and coordinating body (领导小组, 委员会...) and the departments on it."""

    record_type: ClassVar[str] = "coordinating_body"

    name: str = Field(min_length=1)
    members: Items[RecordId] = Field(default=(), description="Member departments")
    audit_related: bool = Field(
        default=False,
        description="Its remit lies within the audit bureau's statutory audit duties "
        "(与审计法定职责有关), as recorded by the office that set it up (Art. 11 ¶2)",
    )
    established_on: dt.date | None = None
    dissolved_on: dt.date | None = None

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "members", self.members)

    @field_validator("members")
    @classmethod
    def _no_member_twice(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        return ids

    _dissolved_after_established = date_order(
        "dissolved_on", "established_on", must_not_be="before"
    )
