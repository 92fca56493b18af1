"""Official Chinese working-day calendar (工作日) with user-supplied schedule overrides."""

from .calendar_file import (
    CalendarFileError,
    CalendarYear,
    load_calendar_file,
    load_calendar_files,
    load_calendar_years,
)
from .explain import describe_addition
from .official import OfficialCalendar, SkippedDay, YearStatus

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
