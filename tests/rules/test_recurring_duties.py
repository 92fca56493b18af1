"""Recurring duties judged per period of the case file: Arts. 46, 52 and 69.

The cases of Arts. 10, 29, 46, 52 and 59 are written beside the rules (`tests:` in their article
files); this file keeps what they cannot say: that a period has no verdict yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def _by_subject(report: Any, rule: str) -> dict[str, Any]:
    return {v.subject: v for v in report.verdicts if v.rule_id == rule}


def test_weeks_not_yet_over_are_not_judged(run: Any) -> None:
    period = {"start": "2026-03-02", "end": "2026-03-29"}
    report = run.report(period=period, on=dt.date(2026, 3, 17))
    assert sorted(_by_subject(report, "art52.weekly_office_meeting")) == [
        "period:2026-W10",
        "period:2026-W11",
    ]


def test_the_annual_plan_is_not_judged_before_the_end_of_march(run: Any) -> None:
    # From 2026-03-31 the year is judged: see the cases in rules/ch08/art46.yaml.
    verdicts = _by_subject(run.report(period=Q1, on=dt.date(2026, 3, 30)),
                           "art46.annual_supervision_plan")  # fmt: skip
    assert verdicts == {}


class TestBriefingSeries:
    @staticmethod
    def _briefing(did: str, series: str, dept: str = "zjj") -> dict[str, Any]:
        return {"id": did, "title": series, "issuer": "department", "kind": "briefing",
                "department": dept, "briefing_series": series, "body_length": 1000,
                "issued_on": "2026-03-01"}  # fmt: skip

    def test_one_series_passes_and_a_second_fails(self, run: Any) -> None:
        one = _by_subject(run.report(documents=[self._briefing("D1", "住建简报")]),
                          "art69.one_briefing_series")  # fmt: skip
        assert one["department:zjj"].status == "pass"
        two = _by_subject(
            run.report(
                documents=[self._briefing("D1", "住建简报"), self._briefing("D2", "更新动态")]
            ),
            "art69.one_briefing_series",
        )
        assert two["department:zjj"].status == "fail"
        assert two["department:zjj"].evidence["extra_series"] == ["更新动态"]
        assert two["department:jyj"].status == "not_applicable"

    def test_unregistered_series_fails(self, run: Any, roster: dict[str, Any]) -> None:
        report = run.report(documents=[self._briefing("D1", "住建简报")])
        verdict = _by_subject(report, "art69.briefing_series_registered")["department:zjj"]
        assert verdict.status == "fail"
        assert verdict.evidence["unregistered"] == ["住建简报"]

    def test_registered_series_passes(self, run: Any, roster: dict[str, Any]) -> None:
        departments = [
            {**d, "registered_briefing_series": ["住建简报"]} if d["id"] == "zjj" else d
            for d in roster["departments"]
        ]
        report = run.report(departments=departments, documents=[self._briefing("D1", "住建简报")])
        verdict = _by_subject(report, "art69.briefing_series_registered")["department:zjj"]
        assert verdict.status == "pass"


def test_the_registered_series_is_the_one_kept(run: Any, roster: dict[str, Any]) -> None:
    departments = [
        {**d, "registered_briefing_series": ["住建简报"]} if d["id"] == "zjj" else d
        for d in roster["departments"]
    ]
    docs = [
        TestBriefingSeries._briefing("D1", "更新动态"),
        TestBriefingSeries._briefing("D2", "住建简报"),
    ]
    report = run.report(departments=departments, documents=docs)
    verdict = _by_subject(report, "art69.one_briefing_series")["department:zjj"]
    assert verdict.evidence["series"] == [
        "住建简报",
        "更新动态",
    ]  # sorted: record order is irrelevant
    assert verdict.evidence["extra_series"] == ["更新动态"]


def test_towns_are_not_county_government_departments_for_briefings(run: Any) -> None:
    doc = TestBriefingSeries._briefing("D1", "东阿镇工作简报", dept="dez")
    verdicts = _by_subject(run.report(documents=[doc]), "art69.briefing_series_registered")
    assert verdicts["department:dez"].status == "not_applicable"
