"""Chapter 9 rules (rules/ch09_meetings.yaml): who chairs meetings, the executive meeting's
quorum, reporting on assigned items and the approval of county-wide meetings (Arts. 50–58)."""

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
IN_FORCE = D(2022, 7, 15)

# Members of the executive meeting (Art. 51): county head, deputies, party group, office director.
EXECUTIVE_MEMBERS = ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw", "sw"]
# Every official on the shared roster, for quorum sizes up to 18.
ROSTER_IDS = [
    "lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw", "sw", "zm", "wg",
    "zhh", "ft", "hp", "gf",
]  # fmt: skip

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


def county_head_on_leave(start: dt.date, end: dt.date, **fields: Any) -> dict[str, Any]:
    """An absence record for the county head (Art. 8: the executive deputy head acts)."""
    record = {
        "id": "LM-LEAVE", "official": "lm", "kind": "leave", "start": start, "end": end,
        "outside_county": False,
    }  # fmt: skip
    record.update(fields)
    return record


WITHOUT_LM = [m for m in EXECUTIVE_MEMBERS if m != "lm"]
OTHER_KINDS = ["plenary", "executive", "county_head_office", "special_topic", "county_wide",
               "department_system"]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Art. 50: plenary meeting convened and chaired by the county head
# --------------------------------------------------------------------------------------------


class TestArt50PlenaryChair:
    RULE = "art50.plenary_chair"

    def test_county_head_convening_and_chairing_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("plenary", convener="lm", chair="lm")])
        assert v.status == "pass"
        assert v.article == 50
        assert v.subject == "meeting:M-1"
        assert v.evidence["chair_name"] == "李明"
        assert v.evidence["county_head"] == "lm"
        assert v.remedy is None
        assert "李明" in v.message

    def test_chair_without_convener_counts_as_convener(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("plenary", chair="lm")])
        assert v.status == "pass"
        assert v.evidence["convener_name"] == "李明"

    def test_deputy_head_chairing_fails_with_remedy_naming_the_county_head(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("plenary", convener="zl", chair="zl")])
        assert v.status == "fail"
        assert v.severity == "error"
        assert v.evidence["chair_name"] == "张丽"
        assert "张丽" in v.message
        assert v.remedy is not None
        assert "李明" in v.remedy["zh"] and "常务副县长" in v.remedy["zh"]
        assert "李明" in v.remedy["en"]

    def test_county_head_chairing_someone_elses_convening_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("plenary", convener="wjg", chair="lm")])
        assert v.status == "fail"
        assert v.evidence["convener_name"] == "王建国"

    def test_executive_deputy_acting_while_county_head_is_away_passes(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            meetings=[meeting("plenary", convener="wjg", chair="wjg", attendees=WITHOUT_LM)],
            absences=[county_head_on_leave(D(2026, 11, 9), D(2026, 11, 12))],
        )
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"
        assert v.evidence["exception_article"] == 8
        assert v.evidence["county_head_away"] is True
        assert "第八条" in v.message

    def test_executive_deputy_acting_while_county_head_travels_passes(self, run: Any) -> None:
        travel = county_head_on_leave(
            D(2026, 11, 10), D(2026, 11, 10), kind="travel", outside_county=True
        )
        v = run.verdict(
            self.RULE,
            meetings=[meeting("plenary", convener="wjg", chair="wjg", attendees=WITHOUT_LM)],
            absences=[travel],
        )
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"

    def test_absence_ending_the_day_before_does_not_let_the_deputy_act(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            meetings=[meeting("plenary", convener="wjg", chair="wjg", attendees=WITHOUT_LM)],
            absences=[county_head_on_leave(D(2026, 11, 2), D(2026, 11, 9))],
        )
        assert v.status == "fail"
        assert v.evidence["county_head_away"] is False
        assert "exception" not in v.evidence

    def test_executive_deputy_cannot_act_when_the_county_head_attends(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            meetings=[meeting("plenary", convener="wjg", chair="wjg", attendees=EXECUTIVE_MEMBERS)],
            absences=[county_head_on_leave(D(2026, 11, 9), D(2026, 11, 12))],
        )
        assert v.status == "fail"

    def test_ordinary_deputy_cannot_act_for_the_absent_county_head(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            meetings=[meeting("plenary", convener="zl", chair="zl", attendees=WITHOUT_LM)],
            absences=[county_head_on_leave(D(2026, 11, 9), D(2026, 11, 12))],
        )
        assert v.status == "fail"

    @pytest.mark.parametrize("kind", [k for k in OTHER_KINDS if k != "plenary"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting(kind, convener="zl", chair="zl")])
        assert v.status == "not_applicable"
        assert v.remedy is None

    def test_plenary_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = meeting("plenary", convener="zl", chair="zl", date=BEFORE_IN_FORCE)
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "not_applicable"
        assert v.evidence == {"record_date": "2022-07-14", "in_force_from": "2022-07-15"}

    def test_plenary_on_2022_07_15_is_judged(self, run: Any) -> None:
        m = meeting("plenary", convener="zl", chair="zl", date=IN_FORCE)
        assert run.verdict(self.RULE, meetings=[m]).status == "fail"


# --------------------------------------------------------------------------------------------
# Art. 51: executive meeting chair
# --------------------------------------------------------------------------------------------


class TestArt51ExecutiveChair:
    RULE = "art51.executive_chair"

    def test_county_head_convening_and_chairing_passes(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            meetings=[meeting("executive", convener="lm", chair="lm", attendees=EXECUTIVE_MEMBERS)],
        )
        assert v.status == "pass"
        assert v.article == 51
        assert v.evidence["county_head_attended"] is True
        assert "exception" not in v.evidence

    def test_executive_deputy_entrusted_by_absent_county_head_passes(self, run: Any) -> None:
        m = meeting(
            "executive", convener="wjg", chair="wjg", entrusted_by="lm", attendees=WITHOUT_LM
        )
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "pass"
        assert v.evidence["exception"] == "entrusted_executive_deputy"
        assert v.evidence["exception_article"] == 51
        assert v.evidence["entrusted_by_county_head"] is True
        assert v.evidence["county_head_attended"] is False
        assert "王建国" in v.message and "委托" in v.message

    def test_entrustment_does_not_count_when_county_head_attends(self, run: Any) -> None:
        m = meeting(
            "executive", convener="wjg", chair="wjg", entrusted_by="lm",
            attendees=EXECUTIVE_MEMBERS,
        )  # fmt: skip
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.remedy is not None
        assert "李明" in v.remedy["zh"] and "entrusted_by" in v.remedy["en"]

    def test_executive_deputy_without_entrustment_fails(self, run: Any) -> None:
        m = meeting("executive", convener="wjg", chair="wjg", attendees=WITHOUT_LM)
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["entrusted_by_county_head"] is False
        assert "王建国" in v.message

    def test_county_head_cannot_entrust_an_ordinary_deputy(self, run: Any) -> None:
        m = meeting("executive", convener="zl", chair="zl", entrusted_by="lm", attendees=WITHOUT_LM)
        assert run.verdict(self.RULE, meetings=[m]).status == "fail"

    def test_entrustment_by_someone_other_than_the_county_head_fails(self, run: Any) -> None:
        m = meeting(
            "executive", convener="wjg", chair="wjg", entrusted_by="zl", attendees=WITHOUT_LM
        )
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["entrusted_by_county_head"] is False

    def test_executive_deputy_acting_while_county_head_is_away_passes(self, run: Any) -> None:
        m = meeting("executive", convener="wjg", chair="wjg", attendees=WITHOUT_LM)
        v = run.verdict(
            self.RULE,
            meetings=[m],
            absences=[county_head_on_leave(D(2026, 11, 10), D(2026, 11, 10))],
        )
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"
        assert v.evidence["exception_article"] == 8

    @pytest.mark.parametrize("kind", [k for k in OTHER_KINDS if k != "executive"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting(kind, convener="zl", chair="zl")])
        assert v.status == "not_applicable"

    def test_executive_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = meeting("executive", convener="zl", chair="zl", date=BEFORE_IN_FORCE)
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-14"


# --------------------------------------------------------------------------------------------
# Art. 51: executive meeting quorum of two thirds
# --------------------------------------------------------------------------------------------


def quorum_meeting(expected: int, attended: int, **fields: Any) -> dict[str, Any]:
    members = ROSTER_IDS[:expected]
    return meeting(
        "executive", convener="lm", chair="lm",
        expected_members=members, attendees=members[:attended], **fields,
    )  # fmt: skip


class TestArt51ExecutiveQuorum:
    RULE = "art51.executive_quorum"

    @pytest.mark.parametrize(
        ("expected", "attended", "status", "required"),
        [
            (12, 8, "pass", 8),  # exactly 2/3
            (12, 7, "fail", 8),
            (11, 8, "pass", 8),
            (11, 7, "fail", 8),  # 7/11 < 2/3
            (9, 6, "pass", 6),  # exactly 2/3
            (9, 5, "fail", 6),
            (3, 2, "pass", 2),
            (6, 3, "fail", 4),
            (12, 12, "pass", 8),
            (12, 0, "fail", 8),
        ],
    )
    def test_quorum_table(
        self, run: Any, expected: int, attended: int, status: str, required: int
    ) -> None:
        v = run.verdict(self.RULE, meetings=[quorum_meeting(expected, attended)])
        assert v.status == status
        assert v.evidence["expected"] == expected
        assert v.evidence["attended"] == attended
        assert v.evidence["required"] == required
        assert v.evidence["shortfall"] == required - attended

    def test_quorum_of_exactly_two_thirds_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[quorum_meeting(12, 8)])
        assert v.status == "pass"
        assert v.evidence["ratio"] == "2/3"
        assert v.message == "应到12人，实到8人，达到三分之二以上（至少8人）。"

    def test_seven_of_eleven_fails_with_remedy_of_one_more_member(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[quorum_meeting(11, 7)])
        assert v.status == "fail"
        assert v.evidence["ratio"] == "7/11"
        assert v.message == "应到11人，实到7人，未达到三分之二以上（至少8人）。"
        assert v.remedy == {"zh": "还需1名组成人员出席。", "en": "1 more member(s) must attend."}

    def test_shortfall_of_three_is_in_the_remedy(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[quorum_meeting(12, 5)])
        assert v.status == "fail"
        assert v.remedy is not None and v.remedy["zh"] == "还需3名组成人员出席。"

    def test_non_voting_attendees_do_not_count_towards_the_quorum(self, run: Any) -> None:
        m = quorum_meeting(12, 7, non_voting_attendees=["zm", "wg", "zhh", "ft"])
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["attended"] == 7

    def test_plenary_meeting_is_not_applicable(self, run: Any) -> None:
        m = meeting("plenary", convener="lm", chair="lm", attendees=["lm"])
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"

    @pytest.mark.parametrize("kind", ["county_head_office", "special_topic", "county_wide"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting(kind, convener="lm", chair="lm")])
        assert v.status == "not_applicable"

    def test_executive_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[quorum_meeting(12, 1, date=BEFORE_IN_FORCE)])
        assert v.status == "not_applicable"

    @HYPOTHESIS
    @given(data=st.data())
    def test_pass_iff_three_times_attendance_reaches_twice_expected(
        self, run: Any, data: st.DataObject
    ) -> None:
        expected = data.draw(st.integers(min_value=1, max_value=len(ROSTER_IDS)), "expected")
        attended = data.draw(st.integers(min_value=0, max_value=expected), "attended")
        v = run.verdict(self.RULE, meetings=[quorum_meeting(expected, attended)])
        assert v.status == ("pass" if 3 * attended >= 2 * expected else "fail")
        if v.status == "fail":
            assert v.remedy is not None
            assert v.remedy["zh"] == f"还需{v.evidence['required'] - attended}名组成人员出席。"

    @HYPOTHESIS
    @given(data=st.data())
    def test_adding_an_attendee_never_turns_a_passing_quorum_into_a_failing_one(
        self, run: Any, data: st.DataObject
    ) -> None:
        expected = data.draw(st.integers(min_value=2, max_value=len(ROSTER_IDS)), "expected")
        attended = data.draw(st.integers(min_value=0, max_value=expected - 1), "attended")
        before = run.verdict(self.RULE, meetings=[quorum_meeting(expected, attended)])
        after = run.verdict(self.RULE, meetings=[quorum_meeting(expected, attended + 1)])
        if before.status == "pass":
            assert after.status == "pass"
        assert after.evidence["required"] == before.evidence["required"]


# --------------------------------------------------------------------------------------------
# Art. 52: county head's office meeting
# --------------------------------------------------------------------------------------------

OFFICE_MEMBERS = ["lm", "wjg", "zl", "lq", "cj", "hy", "lf"]


class TestArt52OfficeMeetingChair:
    RULE = "art52.office_meeting_chair"

    def office_meeting(self, **fields: Any) -> dict[str, Any]:
        base = {"expected_members": OFFICE_MEMBERS, "attendees": OFFICE_MEMBERS,
                "non_voting_attendees": ["sw"]}  # fmt: skip
        return meeting("county_head_office", **{**base, **fields})

    def test_county_head_convening_and_chairing_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[self.office_meeting(convener="lm", chair="lm")])
        assert v.status == "pass"
        assert v.article == 52
        assert v.evidence["chair_name"] == "李明"

    def test_deputy_head_chairing_fails_with_remedy(self, run: Any) -> None:
        m = self.office_meeting(convener="lq", chair="lq", attendees=OFFICE_MEMBERS[1:])
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert "刘强" in v.message
        assert v.remedy is not None and "李明" in v.remedy["zh"]

    def test_executive_deputy_acting_while_county_head_is_away_passes(self, run: Any) -> None:
        m = self.office_meeting(convener="wjg", chair="wjg", attendees=OFFICE_MEMBERS[1:])
        v = run.verdict(
            self.RULE,
            meetings=[m],
            absences=[county_head_on_leave(D(2026, 11, 2), D(2026, 11, 13))],
        )
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"
        assert v.evidence["exception_article"] == 8

    def test_executive_deputy_without_county_head_away_fails(self, run: Any) -> None:
        m = self.office_meeting(convener="wjg", chair="wjg", attendees=OFFICE_MEMBERS[1:])
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["county_head_away"] is False

    def test_deputy_acting_while_county_head_is_away_still_fails(self, run: Any) -> None:
        # Art. 8 names the executive deputy head; another deputy cannot act for the county head.
        m = self.office_meeting(convener="lq", chair="lq", attendees=OFFICE_MEMBERS[1:])
        v = run.verdict(
            self.RULE,
            meetings=[m],
            absences=[county_head_on_leave(D(2026, 11, 2), D(2026, 11, 13))],
        )
        assert v.status == "fail"

    @pytest.mark.parametrize("kind", [k for k in OTHER_KINDS if k != "county_head_office"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting(kind, convener="lq", chair="lq")])
        assert v.status == "not_applicable"

    def test_office_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = self.office_meeting(convener="lq", chair="lq", date=BEFORE_IN_FORCE)
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"


# --------------------------------------------------------------------------------------------
# Art. 53: special-topic meeting
# --------------------------------------------------------------------------------------------


class TestArt53SpecialTopicChair:
    RULE = "art53.special_topic_chair"

    @pytest.mark.parametrize(("chair", "name"), [("lm", "李明"), ("wjg", "王建国"), ("lq", "刘强")])
    def test_county_head_or_deputy_chairing_passes(self, run: Any, chair: str, name: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("special_topic", convener=chair, chair=chair)])
        assert v.status == "pass"
        assert v.article == 53
        assert v.evidence["chair_name"] == name
        assert "exception" not in v.evidence

    @pytest.mark.parametrize(("entrusted_by", "name"), [("lq", "刘强"), ("lm", "李明")])
    def test_office_director_entrusted_by_a_leader_passes(
        self, run: Any, entrusted_by: str, name: str
    ) -> None:
        m = meeting("special_topic", convener="sw", chair="sw", entrusted_by=entrusted_by)
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "pass"
        assert v.evidence["exception"] == "entrusted_office_director"
        assert v.evidence["exception_article"] == 53
        assert v.evidence["entrusted_by_name"] == name
        assert v.message == f"受{name}委托，由县政府办公室主任孙伟召集和主持。"

    def test_office_director_without_entrustment_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("special_topic", convener="sw", chair="sw")])
        assert v.status == "fail"
        assert v.remedy is not None and "委托" in v.remedy["zh"]

    def test_office_director_entrusted_by_a_party_group_member_fails(self, run: Any) -> None:
        m = meeting("special_topic", convener="sw", chair="sw", entrusted_by="zh")
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["entrusted_by_role"] == "party_group_member"

    def test_office_deputy_director_even_if_entrusted_fails(self, run: Any) -> None:
        m = meeting("special_topic", convener="wg", chair="wg", entrusted_by="lq")
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.message == (
            "专题会议由吴刚（县政府办公室副主任）主持，不属于县长、副县长或受其委托的办公室主任。"
        )

    @pytest.mark.parametrize("chair", ["zh", "ft", "gf"])
    def test_non_leaders_chairing_fail(self, run: Any, chair: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting("special_topic", convener=chair, chair=chair)])
        assert v.status == "fail"
        assert v.remedy is not None

    def test_deputy_chairing_a_meeting_convened_by_a_department_head_fails(self, run: Any) -> None:
        m = meeting("special_topic", convener="ft", chair="lq")
        v = run.verdict(self.RULE, meetings=[m])
        assert v.status == "fail"
        assert v.evidence["convener_role"] == "department_head"

    @pytest.mark.parametrize("kind", [k for k in OTHER_KINDS if k != "special_topic"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, meetings=[meeting(kind, convener="wg", chair="wg")])
        assert v.status == "not_applicable"

    def test_special_topic_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = meeting("special_topic", convener="wg", chair="wg", date=BEFORE_IN_FORCE)
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"


# --------------------------------------------------------------------------------------------
# Art. 57: assigned items reported in writing within 10 working days
# --------------------------------------------------------------------------------------------

# Assigned Monday 2026-09-28. National Day holiday 2026-10-01..07; 2026-10-10 (Saturday) is a
# make-up working day. Working days: 9-29, 9-30, 10-8, 10-9, 10-10, 10-12 .. 10-16 -> the 10th
# is Friday 2026-10-16; the 11th is Monday 2026-10-19.
NATIONAL_DAY_ASSIGNED = D(2026, 9, 28)
NATIONAL_DAY_DUE = D(2026, 10, 16)


def assignment(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "DB-1", "item": "报送国庆假期旅游市场安全检查情况", "department": "wlj",
        "assigned_on": NATIONAL_DAY_ASSIGNED,
    }  # fmt: skip
    record.update(fields)
    return record


class TestArt57AssignmentReport:
    RULE = "art57.assignment_report"

    def test_report_on_the_tenth_working_day_across_national_day_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=NATIONAL_DAY_DUE)])
        assert v.status == "pass"
        assert v.article == 57
        assert v.subject == "assignment:DB-1"
        assert v.evidence["due"] == "2026-10-16"
        assert v.evidence["working_days_taken"] == 10
        assert v.evidence["overdue_by"] == 0
        assert v.message == (
            "于2026-10-16书面报告，用时10个工作日，未超过10个工作日（第10个工作日为2026-10-16）。"
        )
        assert "calendar_unconfirmed_years" not in v.evidence

    def test_report_on_the_eleventh_working_day_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=D(2026, 10, 19))])
        assert v.status == "fail"
        assert v.evidence["due"] == "2026-10-16"
        assert v.evidence["working_days_taken"] == 11
        assert v.evidence["overdue_by"] == 1
        assert v.message == "期限2026-10-16，已超过1个工作日未按时书面报告办理结果。"
        assert v.remedy is not None
        # Reported, only late: no supervision notice, a reminder instead.
        assert v.evidence["notice"] is None
        assert "规定的工作日内" in v.remedy["zh"]

    def test_make_up_saturday_counts_as_a_working_day(self, run: Any) -> None:
        # Without 2026-10-10 as a working day the deadline would be Monday 2026-10-19.
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=D(2026, 10, 10))])
        assert v.status == "pass"
        assert v.evidence["working_days_taken"] == 5
        assert v.evidence["due"] == "2026-10-16"

    def test_report_during_the_holiday_counts_only_working_days(self, run: Any) -> None:
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=D(2026, 10, 7))])
        assert v.status == "pass"
        assert v.evidence["working_days_taken"] == 2

    def test_late_report_with_recorded_reason_is_an_exception(self, run: Any) -> None:
        late = assignment(reported_on=D(2026, 10, 19), delay_justification="需等待省厅反馈数据")
        v = run.verdict(self.RULE, assignments=[late])
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified_delay"
        assert v.evidence["overdue_by"] == 1
        assert v.remedy is None

    def test_recorded_reason_on_a_timely_report_stays_a_pass(self, run: Any) -> None:
        on_time = assignment(reported_on=NATIONAL_DAY_DUE, delay_justification="无")
        v = run.verdict(self.RULE, assignments=[on_time])
        assert v.status == "pass"
        assert "exception" not in v.evidence

    def test_unreported_item_not_yet_due_is_not_applicable_with_its_deadline(
        self, run: Any
    ) -> None:
        # Assigned Tuesday 2026-11-10: the 10th working day is Tuesday 2026-11-24.
        v = run.verdict(
            self.RULE, assignments=[assignment(assigned_on=D(2026, 11, 10))], on=D(2026, 11, 24)
        )
        assert v.status == "not_applicable"
        assert v.evidence["due"] == "2026-11-24"
        assert v.message == "尚未到期：应于2026-11-24前书面报告。"

    def test_unreported_item_the_day_after_its_deadline_fails(self, run: Any) -> None:
        v = run.verdict(
            self.RULE, assignments=[assignment(assigned_on=D(2026, 11, 10))], on=D(2026, 11, 25)
        )
        assert v.status == "fail"
        assert v.evidence["reported_on"] is None
        assert v.evidence["overdue_by"] == 1
        assert v.remedy is not None and "书面报告" in v.remedy["zh"]

    def test_unreported_item_long_overdue_counts_working_days(self, run: Any) -> None:
        # Assigned Monday 2026-11-02, due Monday 2026-11-16; as of Tuesday 2026-11-24: 6 late.
        v = run.verdict(self.RULE, assignments=[assignment(assigned_on=D(2026, 11, 2))])
        assert v.status == "fail"
        assert v.evidence["due"] == "2026-11-16"
        assert v.evidence["overdue_by"] == 6
        assert "已超过6个工作日" in v.message

    def test_assignment_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        old = assignment(assigned_on=D(2022, 7, 1), reported_on=D(2022, 9, 1))
        v = run.verdict(self.RULE, assignments=[old])
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-01"

    # 一般不得超过10个工作日: a report on the weekend after the 10th working day has taken
    # 10 working days, so it is in time.
    @pytest.mark.parametrize("reported", [D(2026, 10, 17), D(2026, 10, 18)])
    def test_report_on_the_weekend_after_the_tenth_working_day_is_within_ten_working_days(
        self, run: Any, reported: dt.date
    ) -> None:
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=reported)])
        assert v.evidence["working_days_taken"] == 10
        assert v.status == "pass"

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


# --------------------------------------------------------------------------------------------
# Art. 58: county-wide meetings
# --------------------------------------------------------------------------------------------

COUNTY_WIDE_DAY = D(2026, 12, 2)


def county_wide(**fields: Any) -> dict[str, Any]:
    record = meeting(
        "county_wide", date=COUNTY_WIDE_DAY, convener="hy", chair="hy", needs_main_leaders=True,
        reported_on=D(2026, 11, 25), materials=["plan", "speech", "chair_script"],
        approved_by=["lm", "sw"],
    )  # fmt: skip
    record.update(fields)
    return record


class TestArt58CountyWideNotice:
    RULE = "art58.county_wide_notice"

    def test_reported_exactly_seven_days_ahead_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(reported_on=D(2026, 11, 25))])
        assert v.status == "pass"
        assert v.article == 58
        assert v.evidence["days_ahead"] == 7
        assert v.message == "于2026-11-25汇报，提前7日（须提前7日）。"

    def test_reported_six_days_ahead_fails_with_earliest_date(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(reported_on=D(2026, 11, 26))])
        assert v.status == "fail"
        assert v.evidence["days_ahead"] == 6
        assert v.evidence["earliest_date"] == "2026-12-03"
        assert v.message == "于2026-11-26汇报，仅提前6日；须提前7日（1周）向县政府主要领导汇报。"
        assert v.remedy == {
            "zh": "最早可于2026-12-03召开（向县政府主要领导汇报7日后）。",
            "en": (
                "Earliest compliant date 2026-12-03 (7 days after reporting to the main leaders)."
            ),
        }

    def test_never_reported_fails_with_earliest_date_a_week_after_evaluation(
        self, run: Any
    ) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(reported_on=None)])
        assert v.status == "fail"
        assert v.evidence["reported_on"] is None
        assert v.remedy is not None and "2026-12-01" in v.remedy["zh"]

    def test_reported_on_the_meeting_day_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(reported_on=COUNTY_WIDE_DAY)])
        assert v.status == "fail"
        assert v.evidence["days_ahead"] == 0

    def test_meeting_not_needing_main_leaders_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(needs_main_leaders=False)])
        assert v.status == "not_applicable"

    @pytest.mark.parametrize("kind", ["department_system", "special_topic", "county_head_office"])
    def test_other_meeting_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        m = meeting(kind, date=COUNTY_WIDE_DAY, convener="hy", chair="hy",
                    needs_main_leaders=True, reported_on=COUNTY_WIDE_DAY)  # fmt: skip
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"

    def test_county_wide_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = county_wide(date=BEFORE_IN_FORCE, reported_on=BEFORE_IN_FORCE)
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"


class TestArt58CountyWideMaterials:
    RULE = "art58.county_wide_materials"

    def test_plan_speech_and_chair_script_pass(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide()])
        assert v.status == "pass"
        assert v.evidence["missing"] == []

    @pytest.mark.parametrize(
        ("materials", "missing", "missing_zh"),
        [
            (["plan", "speech"], ["chair_script"], "主持稿"),
            (["speech", "chair_script"], ["plan"], "会议方案"),
            (["plan"], ["speech", "chair_script"], "领导讲话、主持稿"),
            ([], ["plan", "speech", "chair_script"], "会议方案、领导讲话、主持稿"),
        ],
    )
    def test_missing_materials_fail_and_are_named_in_the_remedy(
        self, run: Any, materials: list[str], missing: list[str], missing_zh: str
    ) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(materials=materials)])
        assert v.status == "fail"
        assert v.evidence["missing"] == missing
        assert v.message == f"缺少会务材料：{missing_zh}。"
        assert v.remedy is not None and v.remedy["zh"] == f"须向县政府办公室补报：{missing_zh}。"

    def test_meeting_not_needing_main_leaders_is_not_applicable(self, run: Any) -> None:
        m = county_wide(needs_main_leaders=False, materials=[])
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"

    def test_department_system_meeting_is_not_applicable(self, run: Any) -> None:
        m = meeting("department_system", convener="zhh", chair="zhh", needs_main_leaders=True)
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"


class TestArt58CountyWideApproval:
    RULE = "art58.county_wide_approval"

    def test_county_head_and_office_director_approval_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(approved_by=["lm", "sw"])])
        assert v.status == "pass"
        assert v.evidence["required_approvers"] == ["lm", "sw"]

    def test_extra_approvers_do_no_harm(self, run: Any) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(approved_by=["hy", "wjg", "sw", "lm"])])
        assert v.status == "pass"

    @pytest.mark.parametrize(
        ("approved_by", "missing", "names"),
        [
            (["lm"], ["sw"], "孙伟"),
            (["sw"], ["lm"], "李明"),
            (["wjg", "sw"], ["lm"], "李明"),  # the executive deputy is not the main leader
            ([], ["lm", "sw"], "李明、孙伟"),
        ],
    )
    def test_missing_approval_fails_and_names_who_must_approve(
        self, run: Any, approved_by: list[str], missing: list[str], names: str
    ) -> None:
        v = run.verdict(self.RULE, meetings=[county_wide(approved_by=approved_by)])
        assert v.status == "fail"
        assert v.evidence["missing"] == missing
        assert v.message == f"尚未经{names}同意。"
        assert v.remedy is not None and v.remedy["zh"] == f"须经{names}同意后方可履行会议程序。"

    def test_meeting_not_needing_main_leaders_is_not_applicable(self, run: Any) -> None:
        m = county_wide(needs_main_leaders=False, approved_by=[])
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"

    def test_county_wide_meeting_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        m = county_wide(date=BEFORE_IN_FORCE, reported_on=None, approved_by=[])
        assert run.verdict(self.RULE, meetings=[m]).status == "not_applicable"


def verdict_for(run: Any, rule: str, subject: str, **sections: Any) -> Any:
    """The one verdict of `rule` on `subject` (for rules that judge several records a case)."""
    on = sections.pop("on", dt.date(2026, 11, 24))
    report = run.report(on=on, **sections)
    assert not report.errors, report.errors
    found = [v for v in report.verdicts if v.rule_id == rule and v.subject == subject]
    assert len(found) == 1, f"expected one {rule} verdict on {subject}, got {len(found)}"
    return found[0]


# --------------------------------------------------------------------------------------------
# Art. 57: the supervision notice for an overdue, unreported item
# --------------------------------------------------------------------------------------------


class TestArt57SupervisionNotice:
    RULE = "art57.assignment_report"

    def test_overdue_unreported_item_carries_a_supervision_notice(self, run: Any) -> None:
        overdue = assignment(assigned_on=D(2026, 11, 2), department="zjj", item="报送供暖燃料储备")
        v = run.verdict(self.RULE, assignments=[overdue])
        assert v.status == "fail"
        assert v.evidence["notice"] == {
            "title": "督办通知书",
            "department": "zjj",
            "department_name": "县住房和城乡建设局",
            "item": "报送供暖燃料储备",
            "meeting": None,
            "assigned_on": "2026-11-02",
            "due": "2026-11-16",
            "working_days_overdue": 6,
            "as_of": "2026-11-24",
        }

    def test_late_but_reported_item_needs_no_notice(self, run: Any) -> None:
        v = run.verdict(self.RULE, assignments=[assignment(reported_on=D(2026, 10, 19))])
        assert v.status == "fail"
        assert v.evidence["notice"] is None

    def test_unreported_item_on_its_due_date_needs_no_notice(self, run: Any) -> None:
        v = run.verdict(
            self.RULE, assignments=[assignment(assigned_on=D(2026, 11, 10))], on=D(2026, 11, 24)
        )
        assert v.status == "not_applicable"
        assert v.evidence.get("notice") is None  # a not-applicable verdict may omit it

    def test_notice_names_the_meeting_that_assigned_the_item(self, run: Any) -> None:
        cw = meeting("executive", id="CW-31", convener="lm", chair="lm",
                     attendees=EXECUTIVE_MEMBERS, date=D(2026, 11, 2))  # fmt: skip
        item = assignment(assigned_on=D(2026, 11, 2), meeting="CW-31")
        v = run.verdict(self.RULE, meetings=[cw], assignments=[item])
        assert v.evidence["notice"]["meeting"] == "CW-31"


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
        assert v.message == "本周（2026-11-09至2026-11-15）召开了县长办公会：XZBG-1。"

    def test_meeting_on_the_sunday_belongs_to_that_week(self, run: Any) -> None:
        v = verdict_for(
            run, WEEKLY, "period:2026-W46", period=WEEK_46,
            meetings=[office_meeting_on(D(2026, 11, 15))],
        )  # fmt: skip
        assert v.status == "pass"

    def test_week_without_an_office_meeting_fails(self, run: Any) -> None:
        v = verdict_for(run, WEEKLY, "period:2026-W46", period=WEEK_46)
        assert v.status == "fail"
        assert v.message == "本周（2026-11-09至2026-11-15，5个工作日）未召开县长办公会。"
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
        assert second.remedy is not None and "合并" in second.remedy["zh"]

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
            ("meeting:XT-1", "a department system meeting needs its organizing_department")
        ]
