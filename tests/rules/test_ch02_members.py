"""Art. 10: A/B backup partners are in principle not away at overlapping times.

The cases of single pairs of absences are written beside the rule (`tests:` in
rules/ch02/art10.yaml); this file keeps the property test over many dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.case_files import build_case

RULE = "art10.backup_partners_not_away_together"


def _away(aid: str, official: str, start: str, end: str) -> dict[str, Any]:
    return {"id": aid, "official": official, "kind": "leave", "start": start, "end": end,
            "outside_county": False}  # fmt: skip


dates = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 3, 31))


@settings(max_examples=60, deadline=None)
@given(a=st.tuples(dates, dates), b=st.tuples(dates, dates))
def test_overlap_reported_iff_intervals_intersect(
    checker: Any, roster: dict[str, Any], a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]
) -> None:
    (a0, a1), (b0, b1) = sorted(a), sorted(b)
    absences = [_away("A", "zl", a0.isoformat(), a1.isoformat()),
                _away("B", "lq", b0.isoformat(), b1.isoformat())]  # fmt: skip
    loaded = build_case({**roster, "absences": absences}, "t")
    assert loaded.case is not None
    report = checker.check(loaded.case, on=dt.date(2026, 11, 24))
    verdict = next(v for v in report.verdicts if v.rule_id == RULE and v.subject == "official:lq")
    intersect = a0 <= b1 and b0 <= a1
    assert (verdict.status == "fail") == intersect
    if intersect:
        (overlap,) = verdict.evidence["overlaps"]
        assert overlap["from"] == max(a0, b0).isoformat()
        assert overlap["to"] == min(a1, b1).isoformat()


def test_many_overlapping_absences_give_evidence_linear_in_them(
    checker: Any, roster: dict[str, Any]
) -> None:
    # The reproducer's shape: each of 150 absences of one partner overlaps each of 150 of the
    # other (22,500 pairs). Listing pairs made a 600 KB file a 918 MB report; the shared
    # stretches, merged, are one here.
    start = dt.date(2026, 1, 1)
    absences = [
        _away(f"{who}{i}", who, (start + dt.timedelta(days=i)).isoformat(),
              (start + dt.timedelta(days=i + 150)).isoformat())
        for who in ("lq", "zl") for i in range(150)
    ]  # fmt: skip
    loaded = build_case({**roster, "absences": absences}, "t")
    assert loaded.case is not None
    report = checker.check(loaded.case, on=dt.date(2026, 11, 24))
    verdict = next(v for v in report.verdicts if v.rule_id == RULE and v.subject == "official:lq")
    assert verdict.status == "fail"
    (stretch,) = verdict.evidence["overlaps"]
    assert (stretch["from"], stretch["to"]) == ("2026-01-01", "2026-10-27")  # day 149 + 150
    assert len(verdict.message) < 200
