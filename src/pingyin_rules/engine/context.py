"""The state of one rule evaluated against one record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import OfficialCalendar
from ..pack.compiled import CompiledRule
from ..pack.tables import CompiledTable
from ..records import Record
from .case_index import CaseIndex


class MissingValue(Exception):
    """A value a rule needs is absent from the record: an input problem, not a verdict. The
    reason in English, and in Chinese (`reason_zh`) for the clerk's error message."""

    def __init__(self, field: str, reason: str, reason_zh: str | None = None) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.reason_zh = reason_zh


class Context:
    __slots__ = (
        "calendar",
        "consulted",
        "day",
        "fns",
        "index",
        "items",
        "lets",
        "matched_rows",
        "on",
        "record",
        "rule",
        "tables",
        "unconfirmed_years",
    )

    def __init__(
        self,
        rule: CompiledRule,
        record: Record,
        day: dt.date | None,
        on: dt.date,
        index: CaseIndex,
        tables: Any,
        calendar: OfficialCalendar,
        fns: Any = None,
    ) -> None:
        self.rule = rule
        self.fns = fns  # the rule lowered to closures (engine.lowering.LoweredRule)
        self.record = record
        self.day = day  # the record's own date: selects dated parameter values
        self.on = on  # the evaluation date
        self.index = index
        self.tables: dict[str, CompiledTable] = tables
        self.calendar = calendar
        self.lets: dict[str, Any] = {}
        self.items: list[Any] = []
        self.unconfirmed_years: set[int] = set()
        # For explanations: decision-table rows matched (table, row, inputs) and the
        # justification records consulted.
        self.matched_rows: list[tuple[str, str, dict[str, Any]]] = []
        self.consulted: list[Any] = []
