"""Recurring duties judged per period of the case file: Arts. 29, 46, 52, 59 and 69."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest

Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def _office_meeting(mid: str, day: str) -> dict[str, Any]:
    return {"id": mid, "kind": "county_head_office", "title": "县长办公会议", "date": day,
            "convener": "lm", "chair": "lm", "expected_members": ["lm", "wjg"],
            "attendees": ["lm", "wjg"]}  # fmt: skip


def _by_subject(report: Any, rule: str) -> dict[str, Any]:
    return {v.subject: v for v in report.verdicts if v.rule_id == rule}


def _weekly_meetings(
    start: dt.date, weeks: int, skip: set[int] = frozenset()
) -> list[dict[str, Any]]:  # type: ignore[assignment]
    return [
        _office_meeting(f"M{i}", (start + dt.timedelta(weeks=i)).isoformat())
        for i in range(weeks)
        if i not in skip
    ]


class TestWeeklyOfficeMeeting:
    RULE = "art52.weekly_office_meeting"

    def test_every_week_with_a_meeting_passes(self, run: Any) -> None:
        meetings = _weekly_meetings(dt.date(2026, 3, 3), 4)  # Tuesdays in March
        period = {"start": "2026-03-02", "end": "2026-03-29"}
        verdicts = _by_subject(run.report(period=period, meetings=meetings), self.RULE)
        assert sorted(verdicts) == ["period:2026-W10", "period:2026-W11", "period:2026-W12",
                                    "period:2026-W13"]  # fmt: skip
        assert {v.status for v in verdicts.values()} == {"pass"}

    def test_a_week_without_a_meeting_fails(self, run: Any) -> None:
        meetings = _weekly_meetings(dt.date(2026, 3, 3), 4, skip={1})
        period = {"start": "2026-03-02", "end": "2026-03-29"}
        verdicts = _by_subject(run.report(period=period, meetings=meetings), self.RULE)
        failed = {s for s, v in verdicts.items() if v.status == "fail"}
        assert failed == {"period:2026-W11"}
        assert verdicts["period:2026-W11"].severity == "warning"
        assert verdicts["period:2026-W11"].evidence["working_days"] == 5

    def test_a_week_with_no_working_day_needs_no_meeting(self, run: Any) -> None:
        # 2026-02-16..22 is the Spring Festival week: no working day at all.
        period = {"start": "2026-02-16", "end": "2026-02-22"}
        (verdict,) = _by_subject(run.report(period=period), self.RULE).values()
        assert verdict.status == "not_applicable"

    def test_national_day_week_with_a_make_up_saturday_needs_a_meeting(self, run: Any) -> None:
        # 2026-10-05..11: the 8th and 9th and the make-up Saturday 10th are working days.
        period = {"start": "2026-10-05", "end": "2026-10-11"}
        (verdict,) = _by_subject(run.report(period=period), self.RULE).values()
        assert verdict.status == "fail"
        assert verdict.evidence["working_days"] == 3

    def test_justified_week_is_an_exception(self, run: Any) -> None:
        period = {"start": "2026-03-02", "end": "2026-03-08"}
        justification = {"id": "J", "rule": self.RULE, "concerning": "period:2026-W10",
                         "reason": "县长带队外出招商"}  # fmt: skip
        (verdict,) = _by_subject(
            run.report(period=period, justifications=[justification]), self.RULE
        ).values()
        assert verdict.status == "exception"

    def test_weeks_not_yet_over_are_not_judged(self, run: Any) -> None:
        period = {"start": "2026-03-02", "end": "2026-03-29"}
        report = run.report(period=period, on=dt.date(2026, 3, 17))
        assert sorted(_by_subject(report, self.RULE)) == ["period:2026-W10", "period:2026-W11"]

    def test_without_a_period_recurring_duties_are_not_checked(self, run: Any) -> None:
        verdicts = _by_subject(run.report(), self.RULE)
        assert [v.status for v in verdicts.values()] == ["not_applicable"]
        assert "period" in verdicts["case"].message


class TestQuarterlyLawStudy:
    RULE = "art29.quarterly_law_study"

    def test_a_quarter_with_a_session_passes(self, run: Any) -> None:
        study = {"id": "S1", "kind": "law_study", "title": "集体学法", "date": "2026-03-31"}
        verdicts = _by_subject(run.report(period=Q1, meetings=[study]), self.RULE)
        assert verdicts["period:2026-Q1"].status == "pass"

    def test_a_quarter_without_one_fails(self, run: Any) -> None:
        study = {"id": "S1", "kind": "law_study", "title": "集体学法", "date": "2026-04-01"}
        period = {"start": "2026-01-01", "end": "2026-06-30"}
        verdicts = _by_subject(run.report(period=period, meetings=[study]), self.RULE)
        assert verdicts["period:2026-Q1"].status == "fail"
        assert verdicts["period:2026-Q2"].status == "pass"


class TestAnnualSupervisionPlan:
    RULE = "art46.annual_supervision_plan"
    PLAN: ClassVar[dict[str, str]] = {
        "id": "P1", "title": "2026年度督促检查工作计划", "issuer": "county_government_office",
        "kind": "supervision_plan", "department": "bgs", "issued_on": "2026-02-10",
    }  # fmt: skip

    def test_a_year_with_a_plan_passes(self, run: Any) -> None:
        verdict = _by_subject(run.report(period=Q1, documents=[self.PLAN]), self.RULE)
        assert verdict["period:2026"].status == "pass"

    def test_a_year_without_a_plan_fails_once_its_first_quarter_is_over(self, run: Any) -> None:
        verdicts = _by_subject(run.report(period=Q1), self.RULE)
        assert verdicts["period:2026"].status == "fail"

    def test_the_year_is_not_judged_before_the_end_of_march(self, run: Any) -> None:
        verdicts = _by_subject(run.report(period=Q1, on=dt.date(2026, 3, 30)), self.RULE)
        assert verdicts == {}


class TestSystemMeetingOnceAYear:
    RULE = "art59.system_meeting_once_a_year"

    @staticmethod
    def _meeting(mid: str, day: str, dept: str = "zjj") -> dict[str, Any]:
        return {"id": mid, "kind": "department_system", "title": "系统工作会议", "date": day,
                "organizing_department": dept}  # fmt: skip

    def test_first_meeting_of_the_year_passes_and_second_fails(self, run: Any) -> None:
        meetings = [self._meeting("B", "2026-06-01"), self._meeting("A", "2026-02-01")]
        verdicts = _by_subject(run.report(meetings=meetings), self.RULE)
        assert verdicts["meeting:A"].status == "pass"
        assert verdicts["meeting:B"].status == "fail"
        assert verdicts["meeting:B"].evidence["earlier_this_year"] == ["A"]
        assert verdicts["meeting:B"].evidence["number_in_year"] == 2

    @pytest.mark.parametrize(
        ("other", "status"),
        [(("B", "2027-01-05", "zjj"), "pass"), (("B", "2026-06-01", "jyj"), "pass")],
    )
    def test_other_years_and_departments_do_not_count(
        self, run: Any, other: tuple[str, str, str], status: str
    ) -> None:
        meetings = [self._meeting("A", "2026-02-01"), self._meeting(*other)]
        verdicts = _by_subject(run.report(meetings=meetings), self.RULE)
        assert verdicts["meeting:B"].status == status

    def test_justified_second_meeting_is_an_exception(self, run: Any) -> None:
        meetings = [self._meeting("A", "2026-02-01"), self._meeting("B", "2026-06-01")]
        why = {
            "id": "J",
            "rule": self.RULE,
            "concerning": "meeting:B",
            "reason": "上级部署专项整治",
        }
        verdicts = _by_subject(run.report(meetings=meetings, justifications=[why]), self.RULE)
        assert verdicts["meeting:B"].status == "exception"


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


class TestRecurringBoundaries:
    """The exact edges of a period and the accepted exceptions of Arts. 29 and 46."""

    STUDY: ClassVar[dict[str, str]] = {"kind": "law_study", "title": "集体学法"}

    @pytest.mark.parametrize(
        ("day", "status"), [("2026-01-01", "pass"), ("2026-03-31", "pass"), ("2026-04-01", "fail")]
    )
    def test_law_study_on_the_first_and_last_day_of_the_quarter_counts(
        self, run: Any, day: str, status: str
    ) -> None:
        study = {"id": "S", **self.STUDY, "date": day}
        verdicts = _by_subject(run.report(period=Q1, meetings=[study]), "art29.quarterly_law_study")
        assert verdicts["period:2026-Q1"].status == status

    def test_a_quarter_without_study_but_with_a_recorded_reason_is_an_exception(
        self, run: Any
    ) -> None:
        why = {"id": "J", "rule": "art29.quarterly_law_study", "concerning": "period:2026-Q1",
               "reason": "疫情防控期间暂停集中学习", "approved_by": "lm"}  # fmt: skip
        report = run.report(period=Q1, justifications=[why])
        verdict = _by_subject(report, "art29.quarterly_law_study")["period:2026-Q1"]
        assert verdict.status == "exception"
        assert "疫情防控期间暂停集中学习" in verdict.message

    @pytest.mark.parametrize(("on", "judged"), [("2026-03-30", False), ("2026-03-31", True)])
    def test_the_annual_plan_is_judged_from_the_last_day_of_march(
        self, run: Any, on: str, judged: bool
    ) -> None:
        report = run.report(period=Q1, on=dt.date.fromisoformat(on))
        assert ("period:2026" in _by_subject(report, "art46.annual_supervision_plan")) == judged

    def test_a_plan_issued_by_a_department_is_not_the_offices_plan(self, run: Any) -> None:
        plan = {**TestAnnualSupervisionPlan.PLAN, "issuer": "department", "department": "zjj"}
        verdict = _by_subject(
            run.report(period=Q1, documents=[plan]), "art46.annual_supervision_plan"
        )
        assert verdict["period:2026"].status == "fail"

    def test_a_year_without_a_plan_but_with_a_recorded_reason_is_an_exception(
        self, run: Any
    ) -> None:
        why = {"id": "J", "rule": "art46.annual_supervision_plan", "concerning": "period:2026",
               "reason": "机构改革，计划并入县委督查室年度计划"}  # fmt: skip
        verdict = _by_subject(run.report(period=Q1, justifications=[why]),
                              "art46.annual_supervision_plan")  # fmt: skip
        assert verdict["period:2026"].status == "exception"
