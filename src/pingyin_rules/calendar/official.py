"""The official Chinese working-day calendar (工作日), for deadlines such as 10个工作日.

A working day is Monday–Friday minus statutory and substituted days off, plus the make-up
working days (调休上班) on weekends, as set by the State Council's yearly notice.

Years are built when first asked for, and the `holidays` package is imported only then: most
commands and many case files never count a working day, and importing the package and
building a century up front cost a command line run about 150 ms.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import accumulate
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the schedule-file reader loads only when a file is given
    from pathlib import Path

    from .calendar_file import CalendarYear
    from .package_cache import PackageCache

DEFAULT_YEARS = range(2000, 2101)
# A user calendar file may extend the years, within reason.
SUPPORTED_YEARS = range(1950, 2201)
MAKEUP_LABEL = "调休上班"
_WEEKEND_ZH = ("周六", "周日")
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


@dataclass(frozen=True, slots=True)
class _Year:
    """One built year: a working-day flag per day, counts, and the names of special days."""

    base: int  # ordinal of 1 January
    flags: bytes
    cum: tuple[int, ...]  # cum[i]: working days in [1 January, 1 January + i]
    work: tuple[int, ...]  # ordinals of the working days, in order
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]


def _entries(value: Any) -> tuple[tuple[Any, ...], ...]:
    # The package stores a year's entries either as one tuple or as a tuple of tuples.
    return (value,) if value and not isinstance(value[0], tuple) else tuple(value)


@cache
def _package() -> tuple[str, frozenset[int], Mapping[date, date]]:
    """The package's version label, the years it has a State Council notice for, and each
    make-up working day with the day off it pays for (notices can cross a year end)."""
    import holidays  # deferred: see the module docstring

    special = getattr(holidays.China(language="zh_CN"), "special_public_holidays", {})
    swapped: dict[date, date] = {}
    for year, entries in special.items():
        for entry in _entries(entries):
            if len(entry) >= 4:
                to_m, to_d, from_m, from_d, *from_y = entry
                swapped[date(from_y[0] if from_y else year, from_m, from_d)] = date(
                    year, to_m, to_d
                )
    return f"holidays {holidays.__version__}", frozenset(special), MappingProxyType(swapped)


def _package_year(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """The package's days off and make-up working days dated in `year`. The neighbouring
    years are populated too, because a notice can move a working day across a year end
    (the 2002 notice made Saturday 2001-12-29 a working day)."""
    import holidays

    _, _, swapped = _package()
    pkg = holidays.China(years=range(year - 1, year + 2), language="zh_CN")
    hols = {d: name for d, name in pkg.items() if d.year == year}
    work = {
        d: f"{MAKEUP_LABEL}（与 {swapped[d]} 对调）" if d in swapped else MAKEUP_LABEL
        for d in pkg.weekend_workdays
        if d.year == year
    }
    return hols, work


def _package_days(
    year: int, cache: PackageCache | None
) -> tuple[dict[date, str], dict[date, str]]:
    """A year's days from the cache file when it has them, else from the package."""
    if cache is not None and (found := cache.year(year)) is not None:
        return found
    days = _package_year(year)
    if cache is not None:
        label, confirmed, _ = _package()
        cache.store(label, confirmed, year, days)
    return days


def _build_year(year: int, override: CalendarYear | None, cache: PackageCache | None) -> _Year:
    if override is not None:
        hols, work = dict(override.holidays), dict(override.workdays)
    else:
        hols, work = _package_days(year, cache)
    base = date(year, 1, 1).toordinal()
    hol_ords = {d.toordinal() for d in hols}
    work_ords = {d.toordinal() for d in work}
    # Ordinal 1 is a Monday, so ordinal % 7 is 6 on Saturday and 0 on Sunday.
    flags = bytes(
        (o in work_ords) if o % 7 in (6, 0) else (o not in hol_ords)
        for o in range(base, date(year, 12, 31).toordinal() + 1)
    )
    return _Year(
        base,
        flags,
        tuple(accumulate(flags)),
        tuple(base + i for i, f in enumerate(flags) if f),
        MappingProxyType(hols),
        MappingProxyType(work),
    )


class OfficialCalendar:
    """Immutable working-day calendar for the years in `years`, each built on first use.

    `overrides` replace the package's data for their years (every day of that year) and
    count as confirmed. Dates outside `years` (widened to take in the overrides) raise
    ValueError. `cache_dir` keeps what is read from the `holidays` package in a file there,
    so later runs need not import it (`package_cache`). A calendar can be shared by
    threads: a year two threads build at once is built the same by both.
    """

    __slots__ = ("_built", "_cache", "_lock", "_overrides", "_years")
    _years: range
    _overrides: Mapping[int, CalendarYear]
    _built: dict[int, _Year]
    _lock: threading.Lock
    _cache: PackageCache | None

    def __init__(
        self,
        overrides: Sequence[CalendarYear] = (),
        *,
        years: range = DEFAULT_YEARS,
        cache_dir: Path | None = None,
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
        init = object.__setattr__
        init(self, "_years", range(lo, hi + 1))
        init(self, "_overrides", MappingProxyType(by_year))
        init(self, "_built", {})
        init(self, "_lock", threading.Lock())
        if cache_dir is not None:
            from .package_cache import PackageCache

            init(self, "_cache", PackageCache(cache_dir))
        else:
            init(self, "_cache", None)

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
        """The years covered; dates outside them raise ValueError."""
        return self._years

    def _year(self, year: int) -> _Year:
        built = self._built.get(year)
        if built is None:
            with self._lock:
                built = self._built.get(year)
                if built is None:
                    built = _build_year(year, self._overrides.get(year), self._cache)
                    self._built[year] = built
        return built

    def _locate(self, d: date) -> tuple[_Year, int]:
        if d.year not in self._years:
            raise ValueError(
                f"{d} is outside the calendar's years {self._years.start}–{self._years.stop - 1}"
            )
        year = self._year(d.year)
        return year, d.toordinal() - year.base

    def is_working_day(self, d: date) -> bool:
        year, i = self._locate(d)
        return bool(year.flags[i])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, which itself is not counted.

        n == 0 gives `start` if it is a working day, else the next working day.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        year, i = self._locate(start)
        if n == 0 and year.flags[i]:
            return date.fromordinal(start.toordinal())
        done = year.cum[i]  # working days of this year up to and including start
        k = done + n - 1 if n else done  # 0-based position among this year's working days
        number = start.year
        while k >= len(year.work):
            k -= len(year.work)
            number += 1
            if number not in self._years:
                raise ValueError(f"{start} + {n} working days goes past {self._years.stop - 1}")
            year = self._year(number)
        return date.fromordinal(year.work[k])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 if end <= start."""
        if end <= start:
            return 0
        first, i = self._locate(start)
        last, j = self._locate(end)
        if start.year == end.year:
            return last.cum[j] - first.cum[i]
        between = sum(len(self._year(y).work) for y in range(start.year + 1, end.year))
        return len(first.work) - first.cum[i] + between + last.cum[j]

    def skipped_days(self, start: date, end: date) -> list[SkippedDay]:
        """The non-working days in (start, end], with the holiday name or 周六/周日."""
        if end <= start:
            return []
        self._locate(start)
        self._locate(end)
        skipped: list[SkippedDay] = []
        for number in range(start.year, end.year + 1):
            year = self._year(number)
            lo = start.toordinal() + 1 - year.base if number == start.year else 0
            hi = end.toordinal() - year.base if number == end.year else len(year.flags) - 1
            for i in range(max(lo, 0), hi + 1):
                if not year.flags[i]:
                    d = date.fromordinal(year.base + i)
                    reason = year.holidays.get(d) or _WEEKEND_ZH[d.weekday() - 5]
                    skipped.append(SkippedDay(d, reason))
        return skipped

    def name_of(self, d: date) -> str | None:
        """The holiday or make-up working day label of `d`, None for an ordinary day."""
        year, _ = self._locate(d)
        # Make-up days win, as they do in is_working_day.
        return year.workdays.get(d) or year.holidays.get(d)

    def year_status(self, year: int) -> YearStatus:
        if (cy := self._overrides.get(year)) is not None:
            return YearStatus(year, True, cy.source, None)
        package, confirmed = self._package_summary()
        if year in confirmed:
            return YearStatus(year, True, f"{package} (State Council notice)", None)
        return YearStatus(
            year, False, f"{package} (estimated by rule)", _ASSUMPTION.format(year=year)
        )

    def _package_summary(self) -> tuple[str, frozenset[int]]:
        """The package's version label and the years it has a notice for."""
        if self._cache is not None and (found := self._cache.summary()) is not None:
            return found
        package, confirmed, _ = _package()
        return package, confirmed

    def unconfirmed_years(self, *dates: date) -> tuple[int, ...]:
        """Unconfirmed years among `dates` and between the earliest and latest of them."""
        if not dates:
            return ()
        _, confirmed = self._package_summary()
        years = range(min(d.year for d in dates), max(d.year for d in dates) + 1)
        return tuple(y for y in years if y not in confirmed and y not in self._overrides)
