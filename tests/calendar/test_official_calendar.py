"""Working-day arithmetic on the official Chinese calendar."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pingyin_rules.calendar import OfficialCalendar, SkippedDay

CAL = OfficialCalendar()
# Late enough that start + 400 working days stays inside the default 2000..2040 range.
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2038, 12, 31))


def days(start: date, end: date) -> list[date]:
    """Dates in (start, end]."""
    return [start + timedelta(days=k) for k in range(1, (end - start).days + 1)]


def test_known_2026_dates() -> None:
    assert CAL.is_working_day(date(2026, 10, 10))  # Saturday, make-up day
    assert CAL.is_working_day(date(2026, 1, 4))  # Sunday, make-up day
    for d in days(date(2026, 9, 30), date(2026, 10, 7)):
        assert not CAL.is_working_day(d), d
    assert CAL.is_working_day(date(2026, 10, 8))
    assert not CAL.is_working_day(date(2026, 10, 17))  # ordinary Saturday
    assert not CAL.is_working_day(date(2026, 2, 17))  # 春节


def test_matches_package_for_every_day() -> None:
    pkg = holidays.China(years=range(2000, 2041), language="zh_CN")
    for d in days(date(1999, 12, 31), date(2040, 12, 31)):
        assert CAL.is_working_day(d) == pkg.is_working_day(d), d


def test_national_day_2026_deadline_by_hand() -> None:
    # Mon 09-28 -> 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4),
    # Sat 10-10 make-up (5), Sun 10-11 off, 10-12..16 (6..10).
    start = date(2026, 9, 28)
    assert CAL.add_working_days(start, 10) == date(2026, 10, 16)
    assert CAL.add_working_days(start, 5) == date(2026, 10, 10)
    assert CAL.working_days_between(start, date(2026, 10, 16)) == 10
    skipped = CAL.skipped_days(start, date(2026, 10, 16))
    assert [s.date for s in skipped] == [
        *days(date(2026, 9, 30), date(2026, 10, 7)),
        date(2026, 10, 11),
    ]
    reasons = {s.date: s.reason for s in skipped}
    assert reasons[date(2026, 10, 1)] == "国庆节"
    assert reasons[date(2026, 10, 4)] == "周日"
    assert reasons[date(2026, 10, 6)] == "休息日（由 2026-09-20 调休）"
    assert reasons[date(2026, 10, 11)] == "周日"


def test_sunday_make_up_day_is_counted() -> None:
    # Fri 09-18 -> Sun 09-20 is the first working day after it (Sat 09-19 off).
    assert CAL.add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)
    assert CAL.skipped_days(date(2026, 9, 18), date(2026, 9, 20)) == [
        SkippedDay(date(2026, 9, 19), "周六")
    ]


def test_zero_and_negative_n() -> None:
    assert CAL.add_working_days(date(2026, 10, 8), 0) == date(2026, 10, 8)
    assert CAL.add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 8)
    assert CAL.add_working_days(date(2026, 10, 11), 0) == date(2026, 10, 12)
    with pytest.raises(ValueError, match="n must be"):
        CAL.add_working_days(date(2026, 10, 8), -1)


def test_empty_and_reversed_spans() -> None:
    d = date(2026, 5, 6)
    assert CAL.working_days_between(d, d) == 0
    assert CAL.working_days_between(d, d - timedelta(days=30)) == 0
    assert CAL.skipped_days(d, d - timedelta(days=30)) == []


def test_outside_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        CAL.is_working_day(date(1999, 12, 31))
    with pytest.raises(ValueError, match="goes past 2100"):
        CAL.add_working_days(date(2100, 12, 20), 30)
    with pytest.raises(ValueError, match="outside"):
        CAL.working_days_between(date(2030, 1, 1), date(2101, 1, 2))
    wide = OfficialCalendar(years=range(1990, 2051))
    assert wide.years == range(1990, 2051)
    assert not wide.is_working_day(date(2045, 10, 1))


def test_name_of() -> None:
    assert CAL.name_of(date(2026, 10, 1)) == "国庆节"
    assert CAL.name_of(date(2026, 2, 17)) == "春节"
    assert CAL.name_of(date(2026, 10, 10)) == "调休上班（与 2026-10-07 对调）"
    assert CAL.name_of(date(2026, 1, 4)) == "调休上班（与 2026-01-02 对调）"
    assert CAL.name_of(date(2026, 10, 8)) is None
    assert CAL.name_of(date(2026, 10, 17)) is None


def test_cross_year_make_up_day_from_package() -> None:
    # The 2002 notice made Sat 2001-12-29 a working day.
    assert CAL.is_working_day(date(2001, 12, 29))
    assert CAL.name_of(date(2001, 12, 29)) == "调休上班（与 2002-01-02 对调）"


def test_year_status() -> None:
    s2026 = CAL.year_status(2026)
    assert s2026.confirmed and s2026.assumption is None
    assert s2026.source == f"holidays {holidays.__version__} (State Council notice)"
    assert CAL.year_status(2001).confirmed
    s2030 = CAL.year_status(2030)
    assert not s2030.confirmed
    assert "no make-up working days" in (s2030.assumption or "")
    assert "2030" in (s2030.assumption or "")
    assert not CAL.year_status(2000).confirmed  # no notice encoded before 2001


def test_unconfirmed_years() -> None:
    assert CAL.unconfirmed_years() == ()
    assert CAL.unconfirmed_years(date(2026, 1, 5), date(2026, 12, 31)) == ()
    assert CAL.unconfirmed_years(date(2030, 3, 1)) == (2030,)
    # Years spanned between the dates count too, duplicates collapse, order is sorted.
    assert CAL.unconfirmed_years(date(2029, 1, 1), date(2025, 6, 1), date(2029, 2, 1)) == (
        2027,
        2028,
        2029,
    )


def test_estimated_year_has_no_weekend_work() -> None:
    weekends = [d for d in days(date(2029, 12, 31), date(2030, 12, 31)) if d.weekday() >= 5]
    assert not any(CAL.is_working_day(d) for d in weekends)
    assert not CAL.is_working_day(date(2030, 10, 1))


def test_immutable() -> None:
    with pytest.raises(AttributeError):
        CAL._flags = b""  # type: ignore[misc]
    with pytest.raises(AttributeError):
        CAL.extra = 1  # type: ignore[attr-defined]


def test_construction_is_fast_and_thread_safe() -> None:
    t0 = time.perf_counter()
    OfficialCalendar()
    assert time.perf_counter() - t0 < 1.0
    start = date(2026, 9, 28)
    expected = [CAL.add_working_days(start, n) for n in range(200)]

    def build_and_use(cal: OfficialCalendar | None) -> list[date]:
        cal = cal or OfficialCalendar()
        return [cal.add_working_days(start, n) for n in range(200)]

    # Half the threads build their own calendar, half share the module one.
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(build_and_use, [None, CAL] * 4))
    assert all(r == expected for r in results)


@given(DATES, st.integers(min_value=0, max_value=400))
def test_result_is_a_working_day_not_before_start(d: date, n: int) -> None:
    due = CAL.add_working_days(d, n)
    assert CAL.is_working_day(due)
    assert due >= d if n == 0 else due > d


@given(DATES, st.integers(min_value=1, max_value=400))
def test_between_inverts_addition(d: date, n: int) -> None:
    due = CAL.add_working_days(d, n)
    assert CAL.working_days_between(d, due) == n
    assert CAL.add_working_days(d, n + 1) > due


@given(DATES)
def test_zero_means_next_working_day(d: date) -> None:
    due = CAL.add_working_days(d, 0)
    assert (due == d) == CAL.is_working_day(d)
    assert all(not CAL.is_working_day(x) for x in days(d, due - timedelta(days=1)))


@given(DATES, st.integers(min_value=0, max_value=120))
def test_counts_and_skipped_days_agree_with_is_working_day(d: date, span: int) -> None:
    end = d + timedelta(days=span)
    span_days = days(d, end)
    skipped = CAL.skipped_days(d, end)
    assert [s.date for s in skipped] == [x for x in span_days if not CAL.is_working_day(x)]
    assert CAL.working_days_between(d, end) == span - len(skipped)
    assert all(s.reason for s in skipped)
    for s in skipped:
        if s.date.weekday() < 5:
            assert s.reason == CAL.name_of(s.date)
