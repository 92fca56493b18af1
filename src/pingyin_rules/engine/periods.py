"""Cut a case file's period into weeks, quarters or years (dateutil's rrule) and put each
selected record in its period, in one pass over the records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from dateutil.relativedelta import MO, relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from ..input_limits import MAX_PERIOD_YEARS, period_too_long
from ..pack.compiled import CompiledPeriod
from ..records import CasePeriod, Period

_RULES: dict[str, dict[str, Any]] = {
    "week": {"freq": WEEKLY, "byweekday": MO},
    "quarter": {"freq": MONTHLY, "bymonth": (1, 4, 7, 10), "bymonthday": 1},
    "year": {"freq": YEARLY, "bymonth": 1, "bymonthday": 1},
}
_LENGTH = {"week": relativedelta(weeks=1), "quarter": relativedelta(months=3),
           "year": relativedelta(years=1)}  # fmt: skip


def period_start(every: str, day: dt.date) -> dt.date:
    if every == "week":
        return day - dt.timedelta(days=day.weekday())
    if every == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def period_label(every: str, start: dt.date) -> str:
    if every == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if every == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def build_periods(
    spec: CompiledPeriod,
    covered: CasePeriod,
    on: dt.date,
    records: Iterable[Any],
    keep: Callable[[Any], bool],
) -> list[Period]:
    """The periods that lie inside the case file's dates and are due for judgement on `on`.
    ValueError for a span longer than MAX_PERIOD_YEARS: the case-file reader refuses such a
    period, and this bounds one built in Python (`CaseFile(period=...)`) the same way."""
    cutoff = min(covered.end, on)
    if cutoff < covered.start:
        return []
    if period_too_long(covered.start, cutoff):
        raise ValueError(
            f"期间 {covered.start} 至 {cutoff} 超过{MAX_PERIOD_YEARS}年，请按年度拆分 / the "
            f"period {covered.start} to {cutoff} is longer than {MAX_PERIOD_YEARS} years; "
            "split it by year"
        )
    buckets: dict[dt.date, list[Any]] = defaultdict(list)
    for record in records:
        day = getattr(record, spec.date_field)
        if day is not None and keep(record):
            buckets[period_start(spec.every, day)].append(record)
    periods = []
    for start_dt in rrule(dtstart=covered.start, until=cutoff, **_RULES[spec.every]):
        start = start_dt.date()
        end = start + _LENGTH[spec.every] - dt.timedelta(days=1)
        judged = (
            start + relativedelta(months=spec.judged_after_months) - dt.timedelta(days=1)
            if spec.judged_after_months is not None
            else end
        )
        if judged > cutoff:
            break
        items = sorted(buckets.get(start, ()), key=lambda r: (getattr(r, spec.date_field), r.id))
        label = period_label(spec.every, start)
        periods.append(Period.model_construct(id=label, start=start, end=end, records=tuple(items)))
    return periods
