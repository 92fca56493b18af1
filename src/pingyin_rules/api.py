"""The library's front door: check a case file against the bundled pack or one you load."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from .aliases import ValueAliases
from .calendar import OfficialCalendar
from .case_files import LoadedCase, build_case
from .engine.checker import Checker
from .pack.compiled import CompiledPack
from .records import CaseFile
from .report import Report

__all__ = ["Checker", "check", "check_loaded", "default_calendar", "default_checker"]


@cache
def default_calendar() -> OfficialCalendar:
    """The official calendar from the `holidays` package, built once (immutable)."""
    return OfficialCalendar()


@cache
def default_checker() -> Checker:
    """The bundled pack and the official calendar, loaded and compiled once (immutable)."""
    from .pack.loader import load_pack  # the loader and its schema only when a pack is loaded

    return Checker(load_pack(), default_calendar())


def check_loaded(
    checker: Checker,
    loaded: LoadedCase,
    *,
    on: dt.date | None = None,
    source: str | None = None,
    explain: bool = False,
) -> Report:
    """Check a case file read record by record: its input errors come first in the report."""
    if loaded.case is None:
        return Report(errors=loaded.errors)
    report = checker.check(loaded.case, on=on, source=source, explain=explain)
    locations = (
        {f"{source}#{s}": (source, line) for s, line in loaded.lines.items()} if source else {}
    )
    return Report(report.verdicts, loaded.errors + report.errors, locations)


def check(
    case: CaseFile | dict[str, Any],
    *,
    pack: CompiledPack | None = None,
    on: dt.date | None = None,
    source: str = "input",
) -> Report:
    """Check one case file. A plain dict (parsed JSON or YAML) is validated record by record:
    an invalid record is reported in `report.errors` (record, field, reason) and the others
    are still checked. For many checks against one amended pack, build a Checker once."""
    checker = default_checker() if pack is None else Checker(pack, default_calendar())
    if isinstance(case, CaseFile):
        return checker.check(case, on=on)
    loaded = build_case(case, source, aliases=ValueAliases.from_pack(checker.pack))
    return check_loaded(checker, loaded, on=on)
