"""Shared base for every record: immutable, strict about unknown fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

RecordId = str

T = TypeVar("T")
if TYPE_CHECKING:
    # A caller may pass any sequence (a list from its own data) and type-check under
    # mypy --strict or pyright; the model stores an immutable tuple.
    Items: TypeAlias = Sequence[T]
else:
    Items = tuple[T, ...]


class Reference(NamedTuple):
    """An id one record gives for another: `section` is the case-file section it must be in."""

    field: str
    section: str
    id: str


class Approval(BaseModel):
    """A leader's approval on a day (经县长审定同意, 经县政府批准): who, and when. Whoever gives
    it must hold the role that day (the rules check that with `acts_as`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    by: RecordId = Field(description="The leader who approved")
    on: dt.date


class Record(BaseModel):
    """A record that a rule can be checked against; `id` names it in verdicts."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: RecordId = Field(min_length=1, description="Stable identifier, unique within its kind")

    # Overridden by each record type; names the subject of a verdict ("meeting:M-1").
    record_type: ClassVar[str] = "record"

    @property
    def subject(self) -> str:
        return f"{self.record_type}:{self.id}"

    def references(self) -> Iterator[Reference]:
        """The ids this record gives for other records, each with the field that gives it.
        Each record type names its own, so the case file needs no list of record types."""
        return iter(())


def refs(section: str, field: str, ids: str | Iterable[str | None] | None) -> Iterator[Reference]:
    """References from one field holding an id, or several."""
    if ids is None:
        return
    for one in (ids,) if isinstance(ids, str) else ids:
        if one is not None:
            yield Reference(field, section, one)


def invalid(zh: str, en: str) -> ValueError:
    """The error a record validator raises: Chinese first, then English, in the form every
    other input error takes (`中文 / English`). Every raise in the record models goes through
    here, so no message reaches a clerk in one language only."""
    return ValueError(f"{zh} / {en}")


def date_order(
    field: str,
    other: str,
    *,
    must_not_be: str,
    other_label: str | None = None,
    other_label_zh: str | None = None,
) -> Any:
    """A field validator: `field` must not be `before` or `after` the earlier-declared date
    field `other`. Being a field validator, its error names `field`, the one at fault.
    `other_label` and `other_label_zh` name `other` in the message (default: its field name)."""
    label = other_label or other
    label_zh = other_label_zh or f" {other}"  # a field name, set off as in `早于 start`
    wrong: Callable[[dt.date, dt.date], bool] = (
        (lambda a, b: a < b) if must_not_be == "before" else (lambda a, b: a > b)
    )
    relation_zh = "早于" if must_not_be == "before" else "晚于"

    def check(cls: type, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        bound = info.data.get(other)
        if day and bound and wrong(day, bound):
            raise invalid(
                f"{field}（{day}）{relation_zh}{label_zh}（{bound}）",
                f"{field} {day} is {must_not_be} {label} {bound}",
            )
        return day

    return field_validator(field)(classmethod(check))  # type: ignore[arg-type]
