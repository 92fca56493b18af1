"""User calendar files: one year's official schedule in YAML, overriding the package data.

Used when a State Council notice is published before `holidays` is updated, e.g.::

    year: 2027
    source: 国务院办公厅关于2027年部分节假日安排的通知
    holidays:                 # days off (statutory + substituted)
      - {date: 2027-01-01, name: 元旦}
      - {from: 2027-02-05, to: 2027-02-11, name: 春节}
    workdays:                 # make-up working days (调休上班), Saturday or Sunday only
      - {date: 2027-02-13, name: 春节调休}

A file may also hold a YAML list of such mappings (several years).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

import yaml

from ..input_limits import InputRefused, read_input_text
from ..pack.yaml_source import SourceError, compose_yaml

DEFAULT_HOLIDAY_NAME = "休息日"
DEFAULT_WORKDAY_NAME = "调休上班"
_TOP_KEYS = ("year", "source", "holidays", "workdays")
_ENTRY_KEYS = ("date", "from", "to", "name")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class CalendarFileError(SourceError):
    """A calendar file was refused; `line` is 1-based, or None when no line applies. The same
    located error as a refused rule pack (file, line, reason, code)."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, reason: str) -> None:
        super().__init__(str(path), line, reason, code="calendar")
        self.path = self.file

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickling would call __init__ with the message only.
        return type(self), (self.path, self.line, self.reason)


@dataclass(frozen=True)
class CalendarYear:
    """The official schedule of one year; replaces the package's data for that year."""

    year: int
    source: str
    holidays: Mapping[date, str] = field(default_factory=dict, hash=False)
    workdays: Mapping[date, str] = field(default_factory=dict, hash=False)
    path: Path | None = None

    def __post_init__(self) -> None:
        # Copy behind a read-only proxy so the caller's dicts cannot change a built calendar.
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "workdays", MappingProxyType(dict(self.workdays)))
        for d in (*self.holidays, *self.workdays):
            if type(d) is not date or d.year != self.year:
                raise ValueError(f"{d!r} is not a date in {self.year}")
        if weekdays := sorted(d for d in self.workdays if d.weekday() < 5):
            raise ValueError(f"make-up working days must be Saturday or Sunday: {weekdays}")
        if both := sorted(self.holidays.keys() & self.workdays.keys()):
            raise ValueError(f"dates both holiday and make-up working day: {both}")


def load_calendar_file(path: str | os.PathLike[str]) -> CalendarYear:
    """Load a file holding exactly one year."""
    years = load_calendar_years(path)
    if len(years) != 1:
        raise CalendarFileError(path, 1, f"expected one year, found {len(years)}")
    return years[0]


def load_calendar_years(path: str | os.PathLike[str]) -> tuple[CalendarYear, ...]:
    """Load a file holding one year (a mapping) or several (a list of mappings). Like a case
    file, it must be a regular file within the size limit, in UTF-8 (`input_limits`)."""
    try:
        text, damaged = read_input_text(os.fspath(path))
    except InputRefused as exc:
        raise CalendarFileError(path, exc.line, f"cannot read file: {exc.en}") from None
    if damaged:
        line = text.count("\n", 0, text.index("\ufffd")) + 1
        raise CalendarFileError(path, line, "cannot read file: not valid UTF-8; re-save as UTF-8")
    return _Parser(Path(path)).parse(text)


def load_calendar_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[CalendarYear, ...]:
    """Load several files; a year defined twice across them is refused."""
    seen: dict[int, CalendarYear] = {}
    for path in paths:
        for cy in load_calendar_years(path):
            if (other := seen.get(cy.year)) is not None:
                reason = f"year {cy.year} already defined in {other.path}"
                raise CalendarFileError(path, None, reason)
            seen[cy.year] = cy
    return tuple(seen.values())


class _Parser:
    """Walks the composed node tree so every refusal can name the offending line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Only used to construct scalars from already-composed nodes; never sees a stream.
        self._constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, reason: str) -> NoReturn:
        raise CalendarFileError(self.path, node.start_mark.line + 1, reason)

    def parse(self, text: str) -> tuple[CalendarYear, ...]:
        try:
            root = compose_yaml(text, str(self.path))  # nesting and size bounded, located
        except SourceError as exc:
            raise CalendarFileError(self.path, exc.line, exc.reason) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            raise CalendarFileError(
                self.path, mark.line + 1 if mark else None, f"not valid YAML: {problem}"
            ) from None
        if root is None:
            raise CalendarFileError(self.path, 1, "empty file")
        docs = root.value if isinstance(root, yaml.SequenceNode) else [root]
        if not docs:
            self.fail(root, "empty list of years")
        years: dict[int, CalendarYear] = {}
        for doc in docs:
            cy = self._year(doc)
            if cy.year in years:
                self.fail(doc, f"year {cy.year} is defined twice")
            years[cy.year] = cy
        return tuple(years.values())

    def _value(self, node: yaml.Node) -> Any:
        try:
            return self._constructor.construct_document(node)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. 2027-02-30
            shown = f" {node.value!r}" if isinstance(node, yaml.ScalarNode) else ""
            self.fail(node, f"invalid value{shown}: {getattr(exc, 'problem', None) or exc}")

    def _fields(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                expected = ", ".join(allowed)
                self.fail(key_node, f"unknown key {key!r} in {what} (allowed: {expected})")
            if key in fields:
                self.fail(key_node, f"duplicate key {key!r} in {what}")
            fields[key] = value_node
        return fields

    def _year(self, node: yaml.Node) -> CalendarYear:
        fields = self._fields(node, _TOP_KEYS, "calendar year")
        for key in ("year", "source", "holidays"):
            if key not in fields:
                self.fail(node, f"missing required key {key!r}")
        year = self._value(fields["year"])
        if type(year) is not int or not date.min.year <= year <= date.max.year:
            self.fail(fields["year"], f"year must be an integer such as 2027, got {year!r}")
        source = self._value(fields["source"])
        if not isinstance(source, str) or not source.strip():
            self.fail(fields["source"], "source must name the notice the schedule comes from")
        holidays = self._days(fields["holidays"], year, "holidays", DEFAULT_HOLIDAY_NAME)
        if not holidays:
            self.fail(fields["holidays"], "holidays must list at least one day off")
        workdays = {}
        if "workdays" in fields:
            workdays = self._days(fields["workdays"], year, "workdays", DEFAULT_WORKDAY_NAME)
        for d, (_, entry) in workdays.items():
            if d in holidays:
                line = holidays[d][1].start_mark.line + 1
                self.fail(entry, f"{d} is both a holiday (line {line}) and a make-up working day")
        return CalendarYear(
            year=year,
            source=source.strip(),
            holidays={d: name for d, (name, _) in holidays.items()},
            workdays={d: name for d, (name, _) in workdays.items()},
            path=self.path,
        )

    def _days(
        self, node: yaml.Node, year: int, kind: str, default_name: str
    ) -> dict[date, tuple[str, yaml.Node]]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{kind} must be a list of entries")
        days: dict[date, tuple[str, yaml.Node]] = {}
        for entry in node.value:
            fields = self._fields(entry, _ENTRY_KEYS, f"{kind} entry")
            if "date" in fields and ("from" in fields or "to" in fields):
                self.fail(entry, "use either 'date' or 'from'/'to', not both")
            if "date" in fields:
                first = last = self._date(fields["date"])
            elif "from" in fields and "to" in fields:
                first, last = self._date(fields["from"]), self._date(fields["to"])
                if first > last:
                    self.fail(entry, f"range from {first} is after to {last}")
            else:
                self.fail(entry, "entry needs 'date', or both 'from' and 'to'")
            name = self._value(fields["name"]) if "name" in fields else default_name
            if not isinstance(name, str) or not name.strip():
                self.fail(entry, "name must be a non-empty text")
            for d in (first, last):
                if d.year != year:
                    self.fail(entry, f"{d} is outside the year {year}")
            for offset in range((last - first).days + 1):
                d = first + timedelta(days=offset)
                if kind == "workdays" and d.weekday() < 5:
                    self.fail(
                        entry,
                        f"make-up working day {d} is a {_WEEKDAY_EN[d.weekday()]}, "
                        "not a Saturday or Sunday",
                    )
                if d in days:
                    line = days[d][1].start_mark.line + 1
                    self.fail(entry, f"{d} is already listed on line {line}")
                days[d] = (name.strip(), entry)
        return days

    def _date(self, node: yaml.Node) -> date:
        value = self._value(node)
        if isinstance(value, str):
            with suppress(ValueError):
                value = date.fromisoformat(value.strip())
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(node, f"expected a date as YYYY-MM-DD, got {value!r}")
        return value
