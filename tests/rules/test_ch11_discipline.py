"""Art. 73 ¶2 (rules/ch11/art73.yaml): leaders leaving the county ask for leave 3 days ahead.

The cases of one trip each are written beside the rules (`tests:` in art73.yaml); this file
keeps the property test over many dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

D = dt.date

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

LEAVE = "art73.leave_requested_3_days_ahead"


@HYPOTHESIS
@given(
    start=st.dates(min_value=D(2022, 8, 1), max_value=D(2027, 12, 31)),
    ahead=st.integers(min_value=0, max_value=20),
)
def test_pass_iff_requested_at_least_three_calendar_days_ahead(
    run: Any, start: dt.date, ahead: int
) -> None:
    record = {
        "id": "WC-1", "official": "zhh", "kind": "travel", "start": start, "end": start,
        "destination": "济南市", "requested_on": start - dt.timedelta(days=ahead),
    }  # fmt: skip
    on = dt.date(2025, 1, 1)  # the evaluation date: trips before it are past, after it ahead
    v = run.verdict(LEAVE, on=on, absences=[record])
    assert v.evidence["days_ahead"] == ahead
    assert v.status == ("pass" if ahead >= 3 else "fail")
    if v.status == "fail":
        assert v.remedy is not None
        if start <= on:  # remedies fit the time: a trip begun is regularised, no date given
            assert v.remedy["zh"].startswith(f"已于{start.year}年{start.month}月{start.day}日外出")
        else:  # a trip ahead: the earliest compliant date, which is after its planned start
            earliest = start - dt.timedelta(days=ahead) + dt.timedelta(days=3)
            assert earliest > start
            assert v.evidence["earliest_start"] == earliest.isoformat()
            assert (
                f"最早可于{earliest.year}年{earliest.month}月{earliest.day}日成行" in v.remedy["zh"]
            )
