"""The official Chinese working-day calendar (工作日), for deadlines such as 10个工作日.

A working day is Monday–Friday minus statutory and substituted days off, plus the make-up
working days (调休上班) on weekends, as set by the State Council's yearly notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from types import MappingProxyType
from typing import Any

import holidays

from .calendar_file import CalendarYear

DEFAULT_YEARS = range(2000, 2101)
# A user calendar file may extend the years, within reason (each year costs memory).
SUPPORTED_YEARS = range(1950, 2201)
MAKEUP_LABEL = "调休上班"
_WEEKEND_ZH = ("周六", "周日")
_PACKAGE = f"holidays {holidays.__version__}"
_ASSUMPTION = (
    "No State Council holiday notice for {year} is encoded, so statutory holidays are "
    "estimated by rule (a holiday on a weekend moves to the next weekday), Saturdays and "
    "Sundays are rest days, and there are no make-up working days (调休)."
)


@dataclass(frozen=True)
class YearStatus:
    year: int
    confirmed: bool
    source: str
    assumption: str | None


@dataclass(frozen=True)
class SkippedDay:
    date: date
    reason: str


def _entries(value: Any) -> tuple[tuple[Any, ...], ...]:
    # The package stores a year's entries either as one tuple or as a tuple of tuples.
    return (value,) if value and not isinstance(value[0], tuple) else tuple(value)


class OfficialCalendar:
    """Immutable, precomputed working-day calendar for the years in `years`.

    `overrides` replace the package's data for their years (every day of that year) and
    count as confirmed. Dates outside the computed years raise ValueError.
    """

    __slots__ = (
        "_base",
        "_confirmed",
        "_cum",
        "_flags",
        "_holidays",
        "_overrides",
        "_work",
        "_workdays",
        "_years",
    )
    _years: range
    _base: int
    _flags: bytes
    _cum: tuple[int, ...]
    _work: tuple[int, ...]
    _holidays: Mapping[date, str]
    _workdays: Mapping[date, str]
    _confirmed: frozenset[int]
    _overrides: Mapping[int, CalendarYear]

    def __init__(
        self, overrides: Sequence[CalendarYear] = (), *, years: range = DEFAULT_YEARS
    ) -> None:
        by_year: dict[int, CalendarYear] = {}
        for cy in overrides:
            if cy.year in by_year:
                raise ValueError(f"two overrides for the year {cy.year}")
            by_year[cy.year] = cy
        if not years:
            raise ValueError("years must not be empty")
        outside = sorted(y for y in by_year if y not in SUPPORTED_YEARS)
        if outside:
            raise ValueError(
                f"calendar years must lie in {SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1},"
                f" not {', '.join(map(str, outside))}"
            )
        lo, hi = min(years[0], *by_year, years[-1]), max(years[0], *by_year, years[-1])

        # Explicit language: the default follows the process locale (C.UTF-8 gives English).
        pkg = holidays.China(years=range(lo, hi + 1), language="zh_CN")
        special = getattr(pkg, "special_public_holidays", {})
        hols = {d: name for d, name in pkg.items() if d.year not in by_year}
        swapped = {}  # make-up working day -> the day off it pays for
        for year, entries in special.items():
            for entry in _entries(entries):
                if len(entry) >= 4:
                    to_m, to_d, from_m, from_d, *from_y = entry
                    swapped[date(from_y[0] if from_y else year, from_m, from_d)] = date(
                        year, to_m, to_d
                    )
        work = {
            d: f"{MAKEUP_LABEL}（与 {swapped[d]} 对调）" if d in swapped else MAKEUP_LABEL
            for d in pkg.weekend_workdays
            if lo <= d.year <= hi and d.year not in by_year
        }
        for cy in by_year.values():
            hols.update(cy.holidays)
            work.update(cy.workdays)

        base = date(lo, 1, 1).toordinal()
        hol_ords = {d.toordinal() for d in hols}
        work_ords = {d.toordinal() for d in work}
        # Ordinal 1 is a Monday, so ordinal % 7 is 6 on Saturday and 0 on Sunday.
        flags = bytes(
            (o in work_ords) if o % 7 in (6, 0) else (o not in hol_ords)
            for o in range(base, date(hi, 12, 31).toordinal() + 1)
        )
        init = object.__setattr__
        init(self, "_years", range(lo, hi + 1))
        init(self, "_base", base)
        init(self, "_flags", flags)
        # _cum[i]: working days in [first day, first day + i]; makes spans O(1).
        init(self, "_cum", tuple(accumulate(flags)))
        init(self, "_work", tuple(base + i for i, f in enumerate(flags) if f))
        init(self, "_holidays", MappingProxyType(hols))
        init(self, "_workdays", MappingProxyType(work))
        init(self, "_confirmed", frozenset(special) | frozenset(by_year))
        init(self, "_overrides", MappingProxyType(by_year))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __repr__(self) -> str:
        return (
            f"OfficialCalendar(years={self._years.start}..{self._years.stop - 1}, "
            f"overrides={sorted(self._overrides)})"
        )

    @property
    def years(self) -> range:
        """The years computed; dates outside them raise ValueError."""
        return self._years

    def _index(self, d: date) -> int:
        i = d.toordinal() - self._base
        if not 0 <= i < len(self._flags):
            raise ValueError(
                f"{d} is outside the calendar's years {self._years.start}–{self._years.stop - 1}"
            )
        return i

    def is_working_day(self, d: date) -> bool:
        return bool(self._flags[self._index(d)])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, which itself is not counted.

        n == 0 gives `start` if it is a working day, else the next working day.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        i = self._index(start)
        done = self._cum[i]  # working days up to and including start
        if n == 0 and self._flags[i]:
            return date.fromordinal(start.toordinal())
        try:
            return date.fromordinal(self._work[done + n - 1 if n else done])
        except IndexError:
            raise ValueError(
                f"{start} + {n} working days goes past {self._years.stop - 1}"
            ) from None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 if end <= start."""
        if end <= start:
            return 0
        return self._cum[self._index(end)] - self._cum[self._index(start)]

    def skipped_days(self, start: date, end: date) -> list[SkippedDay]:
        """The non-working days in (start, end], with the holiday name or 周六/周日."""
        if end <= start:
            return []
        flags, base = self._flags, self._base
        days = (
            date.fromordinal(base + i)
            for i in range(self._index(start) + 1, self._index(end) + 1)
            if not flags[i]
        )
        return [SkippedDay(d, self._holidays.get(d) or _WEEKEND_ZH[d.weekday() - 5]) for d in days]

    def name_of(self, d: date) -> str | None:
        """The holiday or make-up working day label of `d`, None for an ordinary day."""
        self._index(d)
        # Make-up days win, as they do in is_working_day.
        return self._workdays.get(d) or self._holidays.get(d)

    def year_status(self, year: int) -> YearStatus:
        if (cy := self._overrides.get(year)) is not None:
            return YearStatus(year, True, cy.source, None)
        if year in self._confirmed:
            return YearStatus(year, True, f"{_PACKAGE} (State Council notice)", None)
        return YearStatus(
            year, False, f"{_PACKAGE} (estimated by rule)", _ASSUMPTION.format(year=year)
        )

    def unconfirmed_years(self, *dates: date) -> tuple[int, ...]:
        """Unconfirmed years among `dates` and between the earliest and latest of them."""
        if not dates:
            return ()
        years = range(min(d.year for d in dates), max(d.year for d in dates) + 1)
        return tuple(y for y in years if y not in self._confirmed)
