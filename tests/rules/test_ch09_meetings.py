"""Chapter 9 rules (rules/ch09/): what the YAML cases beside the rules cannot say — property
tests of the executive meeting's quorum (Art. 51) and of the 10-working-day report (Art. 57) —
and the tests of the weekly office meeting (Art. 52) and the system meeting (Art. 59)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingyin_rules.case_files import build_case

D = dt.date
MEETING_DAY = D(2026, 11, 10)
BEFORE_IN_FORCE = D(2022, 7, 14)

# Members of the executive meeting (Art. 51): county head, deputies, party group, office director.
EXECUTIVE_MEMBERS = ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw", "sw"]

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def meeting(kind: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"id": "M-1", "kind": kind, "title": "测试会议", "date": MEETING_DAY}
    if kind in ("plenary", "executive"):
        record["expected_members"] = EXECUTIVE_MEMBERS
    if kind == "department_system":
        record["organizing_department"] = "zjj"
    record.update(fields)
    return record


# --------------------------------------------------------------------------------------------
# Art. 51: executive meeting quorum of two thirds (cases in rules/ch09/art51.yaml)
# --------------------------------------------------------------------------------------------


def quorum_case(expected: int, attended: int) -> dict[str, Any]:
    """A county government of `expected` members (应到人数 is the roster's membership, Art. 51)
    and an executive meeting that `attended` of them attend."""
    members = [f"m{i}" for i in range(expected)]
    officials = [
        {"id": m, "name": f"成员{i}", "role": "county_head" if i == 0 else "deputy_head"}
        for i, m in enumerate(members)
    ]
    meeting_record = meeting(
        "executive", convener="m0", chair="m0",
        expected_members=members, attendees=members[:attended],
    )  # fmt: skip
    return {"officials": officials, "departments": [], "meetings": [meeting_record]}


class TestArt51ExecutiveQuorum:
    RULE = "art51.executive_quorum"

    @HYPOTHESIS
    @given(data=st.data())
    def test_pass_iff_three_times_attendance_reaches_twice_expected(
        self, run: Any, data: st.DataObject
    ) -> None:
        expected = data.draw(st.integers(min_value=1, max_value=40), "expected")
        attended = data.draw(st.integers(min_value=0, max_value=expected), "attended")
        v = run.verdict(self.RULE, **quorum_case(expected, attended))
        assert v.status == ("pass" if 3 * attended >= 2 * expected else "fail")
        if v.status == "fail":
            # Remedies fit the time: a meeting held sends its matters back to a meeting; one
            # still ahead is told how many more members must attend.
            assert v.remedy is not None
            assert "重新提交会议研究" in v.remedy["zh"]
            before = MEETING_DAY - dt.timedelta(days=1)
            ahead = run.verdict(self.RULE, on=before, **quorum_case(expected, attended))
            assert ahead.remedy is not None
            assert ahead.remedy["zh"] == f"还需{v.evidence['required'] - attended}名组成人员出席。"

    @HYPOTHESIS
    @given(data=st.data())
    def test_adding_an_attendee_never_turns_a_passing_quorum_into_a_failing_one(
        self, run: Any, data: st.DataObject
    ) -> None:
        expected = data.draw(st.integers(min_value=2, max_value=40), "expected")
        attended = data.draw(st.integers(min_value=0, max_value=expected - 1), "attended")
        before = run.verdict(self.RULE, **quorum_case(expected, attended))
        after = run.verdict(self.RULE, **quorum_case(expected, attended + 1))
        if before.status == "pass":
            assert after.status == "pass"
        assert after.evidence["required"] == before.evidence["required"]


# --------------------------------------------------------------------------------------------
# Art. 57: assigned items reported in writing within 10 working days (cases in art57.yaml)
# --------------------------------------------------------------------------------------------


def assignment(assigned_on: dt.date, reported_on: dt.date) -> dict[str, Any]:
    return {
        "id": "DB-1", "item": "报送国庆假期旅游市场安全检查情况", "department": "wlj",
        "assigned_on": assigned_on, "reported_on": reported_on,
    }  # fmt: skip


class TestArt57AssignmentReport:
    RULE = "art57.assignment_report"

    @HYPOTHESIS
    @given(
        assigned=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 11, 1)),
        first=st.integers(min_value=0, max_value=40),
        second=st.integers(min_value=0, max_value=40),
    )
    def test_reporting_earlier_never_turns_a_pass_into_a_fail(
        self, run: Any, assigned: dt.date, first: int, second: int
    ) -> None:
        early, late = sorted((first, second))
        verdicts = [
            run.verdict(
                self.RULE,
                assignments=[
                    assignment(assigned_on=assigned, reported_on=assigned + dt.timedelta(days=n))
                ],
            )
            for n in (early, late)
        ]
        assert verdicts[0].evidence["due"] == verdicts[1].evidence["due"]
        if verdicts[1].status == "pass":
            assert verdicts[0].status == "pass"
        for v in verdicts:
            assert v.status == ("pass" if v.evidence["working_days_taken"] <= 10 else "fail")


def verdict_for(run: Any, rule: str, subject: str, **sections: Any) -> Any:
    """The one verdict of `rule` on `subject` (for rules that judge several records a case)."""
    on = sections.pop("on", dt.date(2026, 11, 24))
    report = run.report(on=on, **sections)
    assert not report.errors, report.errors
    found = [v for v in report.verdicts if v.rule_id == rule and v.subject == subject]
    assert len(found) == 1, f"expected one {rule} verdict on {subject}, got {len(found)}"
    return found[0]


# --------------------------------------------------------------------------------------------
# Art. 52: the county head's office meeting in principle weekly (a period rule)
# --------------------------------------------------------------------------------------------

WEEKLY = "art52.weekly_office_meeting"
WEEK_46 = {"start": D(2026, 11, 9), "end": D(2026, 11, 15)}  # Monday to Sunday, 5 working days


def office_meeting_on(day: dt.date, meeting_id: str = "XZBG-1") -> dict[str, Any]:
    return meeting(
        "county_head_office", id=meeting_id, date=day, convener="lm", chair="lm",
        expected_members=["lm", "wjg", "zl"], attendees=["lm", "wjg", "zl"],
    )  # fmt: skip


class TestArt52WeeklyOfficeMeeting:
    def test_week_with_an_office_meeting_passes(self, run: Any) -> None:
        v = verdict_for(
            run, WEEKLY, "period:2026-W46", period=WEEK_46,
            meetings=[office_meeting_on(D(2026, 11, 12))],
        )  # fmt: skip
        assert v.status == "pass"
        assert v.article == 52
        assert v.severity == "warning"
        assert v.evidence["meetings"] == ["XZBG-1"]
        assert v.evidence["working_days"] == 5
        assert v.message == "本周（2026年11月9日至15日）召开了县长办公会议：XZBG-1。"

    def test_meeting_on_the_sunday_belongs_to_that_week(self, run: Any) -> None:
        v = verdict_for(
            run, WEEKLY, "period:2026-W46", period=WEEK_46,
            meetings=[office_meeting_on(D(2026, 11, 15))],
        )  # fmt: skip
        assert v.status == "pass"

    def test_week_without_an_office_meeting_fails(self, run: Any) -> None:
        v = verdict_for(run, WEEKLY, "period:2026-W46", period=WEEK_46)
        assert v.status == "fail"
        assert v.message == "本周（2026年11月9日至15日，5个工作日）未召开县长办公会议。"
        assert v.remedy is not None and "每周召开一次县长办公会" in v.remedy["zh"]

    def test_other_meeting_kinds_do_not_count(self, run: Any) -> None:
        plenary = meeting("plenary", date=D(2026, 11, 12), convener="lm", chair="lm")
        v = verdict_for(run, WEEKLY, "period:2026-W46", period=WEEK_46, meetings=[plenary])
        assert v.status == "fail"

    def test_meeting_in_the_next_week_does_not_count(self, run: Any) -> None:
        v = verdict_for(
            run, WEEKLY, "period:2026-W46", period=WEEK_46,
            meetings=[office_meeting_on(D(2026, 11, 16))],
        )  # fmt: skip
        assert v.status == "fail"

    def test_recorded_justification_for_the_week_is_an_exception(self, run: Any) -> None:
        reason = {"id": "LY-1", "rule": WEEKLY, "concerning": "period:2026-W46",
                  "reason": "县长带队赴省培训", "approved_by": "lm"}  # fmt: skip
        v = verdict_for(run, WEEKLY, "period:2026-W46", period=WEEK_46, justifications=[reason])
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified"
        assert v.evidence["justification"] == "县长带队赴省培训"
        assert v.remedy is None

    def test_justification_for_another_week_does_not_help(self, run: Any) -> None:
        reason = {"id": "LY-1", "rule": WEEKLY, "concerning": "period:2026-W47", "reason": "出差"}
        v = verdict_for(run, WEEKLY, "period:2026-W46", period=WEEK_46, justifications=[reason])
        assert v.status == "fail"

    def test_spring_festival_week_without_working_days_is_not_applicable(self, run: Any) -> None:
        # 2026 Spring Festival holiday: 2026-02-15 .. 2026-02-23; the week of 02-16 has none.
        week = {"start": D(2026, 2, 16), "end": D(2026, 2, 22)}
        v = verdict_for(run, WEEKLY, "period:2026-W08", period=week)
        assert v.status == "not_applicable"
        assert v.evidence["working_days"] == 0

    def test_each_finished_week_of_the_period_is_judged_once(self, run: Any) -> None:
        report = run.report(
            period={"start": D(2026, 11, 2), "end": D(2026, 11, 30)},
            meetings=[office_meeting_on(D(2026, 11, 4), "XZ-A"),
                      office_meeting_on(D(2026, 11, 18), "XZ-B")],
        )  # fmt: skip
        weekly = {v.subject: v.status for v in report.verdicts if v.rule_id == WEEKLY}
        # Evaluated on 2026-11-24: the week of 11-23 has not ended yet.
        assert weekly == {
            "period:2026-W45": "pass",
            "period:2026-W46": "fail",
            "period:2026-W47": "pass",
        }

    def test_case_without_a_period_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(WEEKLY)
        assert v.status == "not_applicable"
        assert v.subject == "case"

    def test_week_starting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        week = {"start": D(2022, 7, 11), "end": D(2022, 7, 17)}
        v = verdict_for(run, WEEKLY, "period:2022-W28", period=week, on=D(2022, 8, 1))
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-11"


# --------------------------------------------------------------------------------------------
# Art. 59: a department's county-wide system meeting at most once a year
# --------------------------------------------------------------------------------------------

ONCE_A_YEAR = "art59.system_meeting_once_a_year"


def system_meeting(meeting_id: str, day: dt.date, department: str | None = "zjj") -> dict[str, Any]:
    return meeting(
        "department_system", id=meeting_id, date=day, organizing_department=department,
        convener="ft", chair="ft",
    )  # fmt: skip


class TestArt59SystemMeetingOnceAYear:
    def test_first_meeting_of_the_year_passes(self, run: Any) -> None:
        v = run.verdict(ONCE_A_YEAR, meetings=[system_meeting("XT-1", D(2026, 2, 26))])
        assert v.status == "pass"
        assert v.article == 59
        assert v.evidence["number_in_year"] == 1
        assert v.message == "县住房和城乡建设局2026年第1次本系统全县性会议。"

    def test_second_meeting_of_the_year_fails_and_names_the_first(self, run: Any) -> None:
        meetings = [system_meeting("XT-1", D(2026, 2, 26)), system_meeting("XT-2", D(2026, 6, 12))]
        first = verdict_for(run, ONCE_A_YEAR, "meeting:XT-1", meetings=meetings)
        second = verdict_for(run, ONCE_A_YEAR, "meeting:XT-2", meetings=meetings)
        assert first.status == "pass"
        assert second.status == "fail"
        assert second.evidence["number_in_year"] == 2
        assert second.evidence["earlier_this_year"] == ["XT-1"]
        assert second.message == (
            "县住房和城乡建设局2026年第2次本系统全县性会议，超过每年1次（此前：XT-1）。"
        )
        # Held before the evaluation date: the remedy says what must now be done, not "merge".
        assert second.remedy is not None and "予以通报" in second.remedy["zh"]

    def test_same_day_meetings_are_ordered_by_id(self, run: Any) -> None:
        meetings = [system_meeting("XT-B", D(2026, 6, 12)), system_meeting("XT-A", D(2026, 6, 12))]
        assert verdict_for(run, ONCE_A_YEAR, "meeting:XT-A", meetings=meetings).status == "pass"
        assert verdict_for(run, ONCE_A_YEAR, "meeting:XT-B", meetings=meetings).status == "fail"

    def test_meetings_in_different_years_each_pass(self, run: Any) -> None:
        meetings = [system_meeting("XT-1", D(2025, 12, 30)), system_meeting("XT-2", D(2026, 1, 5))]
        assert verdict_for(run, ONCE_A_YEAR, "meeting:XT-2", meetings=meetings).status == "pass"

    def test_other_departments_meetings_do_not_count(self, run: Any) -> None:
        meetings = [system_meeting("XT-1", D(2026, 2, 26), "jyj"),
                    system_meeting("XT-2", D(2026, 6, 12), "zjj")]  # fmt: skip
        v = verdict_for(run, ONCE_A_YEAR, "meeting:XT-2", meetings=meetings)
        assert v.status == "pass"
        assert v.evidence["earlier_this_year"] == []

    def test_recorded_justification_is_an_exception(self, run: Any) -> None:
        meetings = [system_meeting("XT-1", D(2026, 2, 26)), system_meeting("XT-2", D(2026, 6, 12))]
        reason = {"id": "LY-9", "rule": ONCE_A_YEAR, "concerning": "meeting:XT-2",
                  "reason": "贯彻省安全生产紧急部署"}  # fmt: skip
        v = verdict_for(
            run, ONCE_A_YEAR, "meeting:XT-2", meetings=meetings, justifications=[reason]
        )
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified"
        assert v.remedy is None

    @pytest.mark.parametrize("kind", ["county_wide", "special_topic", "plenary"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(ONCE_A_YEAR, meetings=[meeting(kind, convener="lm", chair="lm")])
        assert v.status == "not_applicable"

    def test_system_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(ONCE_A_YEAR, meetings=[system_meeting("XT-1", BEFORE_IN_FORCE)])
        assert v.status == "not_applicable"

    def test_a_system_meeting_without_its_organizing_department_is_refused(self) -> None:
        # Otherwise two such meetings would be counted as one department's (None == None).
        loaded = build_case({"meetings": [system_meeting("XT-1", D(2026, 2, 26), None)]}, "t")
        assert [(e.record, e.reason) for e in loaded.errors] == [
            (
                "meeting:XT-1",
                "部门本系统全县性会议须写明 organizing_department / "
                "a department system meeting needs its organizing_department",
            )
        ]
