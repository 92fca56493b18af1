"""Art. 83: the 2022 rules apply from 2022-07-15; earlier records are not judged by them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.case_files import build_case

IN_FORCE = dt.date(2022, 7, 15)


def _meeting(day: dt.date, attendees: list[str]) -> dict[str, Any]:
    return {
        "id": "CW-OLD", "kind": "executive", "title": "常务会议", "date": day.isoformat(),
        "convener": "zl", "chair": "zl",
        "expected_members": ["lm", "wjg", "zl", "lq", "cj", "hy"], "attendees": attendees,
    }  # fmt: skip


def test_record_before_2022_07_15_is_not_applicable_with_reason(run: Any) -> None:
    verdict = run.verdict(
        "art51.executive_quorum", meetings=[_meeting(dt.date(2022, 7, 14), ["zl"])]
    )
    assert verdict.status == "not_applicable"
    assert "2022-07-15" in verdict.message and verdict.evidence["record_date"] == "2022-07-14"


def test_record_on_2022_07_15_is_judged(run: Any) -> None:
    verdict = run.verdict("art51.executive_quorum", meetings=[_meeting(IN_FORCE, ["zl"])])
    assert verdict.status == "fail"


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=IN_FORCE - dt.timedelta(days=1)))
def test_a_record_before_the_2022_rules_never_fails_them(
    checker: Any, roster: dict[str, Any], day: dt.date
) -> None:
    loaded = build_case({**roster, "meetings": [_meeting(day, ["zl"])]}, "t")
    assert loaded.case is not None
    report = checker.check(loaded.case, on=dt.date(2026, 11, 24))
    assert all(
        v.status == "not_applicable" for v in report.verdicts if v.subject == "meeting:CW-OLD"
    )
