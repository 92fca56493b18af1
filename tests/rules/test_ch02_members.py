"""Art. 10: A/B backup partners are in principle not away at overlapping times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.case_files import build_case

RULE = "art10.backup_partners_not_away_together"


def _away(aid: str, official: str, start: str, end: str) -> dict[str, Any]:
    return {"id": aid, "official": official, "kind": "leave", "start": start, "end": end,
            "outside_county": False}  # fmt: skip


def _pair_verdict(run: Any, absences: list[dict[str, Any]], **extra: Any) -> Any:
    report = run.report(absences=absences, **extra)
    # zl and lq name each other: the pair is judged once, from the smaller id (lq).
    found = [v for v in report.verdicts if v.rule_id == RULE and v.subject == "official:lq"]
    assert len(found) == 1
    assert not [v for v in report.verdicts if v.rule_id == RULE and v.subject == "official:zl"
                and v.status != "not_applicable"]  # fmt: skip
    return found[0]


def _zl_lq(zl: tuple[str, str], lq: tuple[str, str]) -> list[dict[str, Any]]:
    return [_away("A1", "zl", *zl), _away("A2", "lq", *lq)]


@pytest.mark.parametrize(
    ("zl", "lq", "dates"),
    [
        (("2026-04-20", "2026-04-21"), ("2026-04-22", "2026-04-23"), []),  # apart
        (("2026-04-20", "2026-04-21"), ("2026-04-22", "2026-04-22"), []),  # consecutive days
        (("2026-04-20", "2026-04-22"), ("2026-04-22", "2026-04-22"),
         ["2026-04-22—2026-04-22"]),  # one shared day is an overlap
        (("2026-04-20", "2026-04-23"), ("2026-04-22", "2026-04-24"),
         ["2026-04-22—2026-04-23"]),
    ],
)  # fmt: skip
def test_overlapping_dates_are_reported(
    run: Any, zl: tuple[str, str], lq: tuple[str, str], dates: list[str]
) -> None:
    verdict = _pair_verdict(run, _zl_lq(zl, lq))
    assert verdict.status == ("fail" if dates else "pass")
    assert verdict.evidence["overlap_dates"] == dates
    assert (verdict.remedy is not None) == bool(dates)


def test_overlap_names_both_people_and_both_absences(run: Any) -> None:
    verdict = _pair_verdict(run, _zl_lq(("2026-04-20", "2026-04-23"), ("2026-04-22", "2026-04-24")))
    assert verdict.evidence["overlaps"] == [
        {"a": "A2", "b": "A1", "from": "2026-04-22", "to": "2026-04-23"}
    ]
    assert "刘强" in verdict.message and "张丽" in verdict.message
    assert "2026-04-22—2026-04-23" in verdict.message


def test_each_overlap_is_listed(run: Any) -> None:
    verdict = _pair_verdict(
        run,
        [
            _away("A1", "zl", "2026-04-01", "2026-04-30"),
            _away("A2", "lq", "2026-04-02", "2026-04-03"),
            _away("A3", "lq", "2026-04-10", "2026-04-12"),
        ],
    )
    assert [o["b"] for o in verdict.evidence["overlaps"]] == ["A1", "A1"]
    assert [o["a"] for o in verdict.evidence["overlaps"]] == ["A2", "A3"]


def test_recorded_justification_is_an_accepted_exception(run: Any) -> None:
    justification = {
        "id": "J1",
        "rule": RULE,
        "concerning": "official:lq",
        "reason": "省里统一安排",
    }
    verdict = _pair_verdict(
        run,
        [
            _away("A1", "zl", "2026-04-20", "2026-04-23"),
            _away("A2", "lq", "2026-04-22", "2026-04-24"),
        ],
        justifications=[justification],
    )
    assert verdict.status == "exception"
    assert "省里统一安排" in verdict.message


def test_official_without_partner_is_not_applicable(run: Any) -> None:
    report = run.report()
    verdicts = {v.subject: v.status for v in report.verdicts if v.rule_id == RULE}
    assert verdicts["official:lf"] == "not_applicable"


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
