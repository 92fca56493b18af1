"""Official Chinese working-day calendar (工作日) with user-supplied schedule overrides.

Only the calendar itself is imported with the package; the schedule-file reader and the
clerk's explanation load on first use (most runs need neither)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .official import OfficialCalendar, SkippedDay, YearStatus

if TYPE_CHECKING:
    from .calendar_file import (
        CalendarFileError,
        CalendarYear,
        load_calendar_file,
        load_calendar_files,
        load_calendar_years,
    )
    from .explain import describe_addition

_LAZY = {
    "CalendarFileError": "calendar_file",
    "CalendarYear": "calendar_file",
    "load_calendar_file": "calendar_file",
    "load_calendar_files": "calendar_file",
    "load_calendar_years": "calendar_file",
    "describe_addition": "explain",
}

__all__ = [
    "CalendarFileError",
    "CalendarYear",
    "OfficialCalendar",
    "SkippedDay",
    "YearStatus",
    "describe_addition",
    "load_calendar_file",
    "load_calendar_files",
    "load_calendar_years",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value
