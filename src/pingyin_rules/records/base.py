"""Shared base for every record: immutable, strict about unknown fields."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

RecordId = str


class Record(BaseModel):
    """A record that a rule can be checked against; `id` names it in verdicts."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: RecordId = Field(min_length=1, description="Stable identifier, unique within its kind")

    # Overridden by each record type; names the subject of a verdict ("meeting:M-1").
    record_type: ClassVar[str] = "record"

    @property
    def subject(self) -> str:
        return f"{self.record_type}:{self.id}"
