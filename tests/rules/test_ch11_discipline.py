"""Chapter 11 rules (rules/ch11_discipline.yaml): leaders leaving the county ask for leave 3 days
ahead and go through the approvals and filings of Art. 73 in order."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

D = dt.date
START = D(2026, 11, 28)
FIRST_STEP = D(2026, 11, 20)

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

LEAVE = "art73.leave_requested_3_days_ahead"
CHAIN = "art73.travel_approval_chain"


def trip(official: str = "zhh", **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "WC-1", "official": official, "kind": "travel", "start": START, "end": START,
        "destination": "济南市", "requested_on": D(2026, 11, 20),
    }  # fmt: skip
    record.update(fields)
    return record


def step(authority: str, on: dt.date, **fields: Any) -> dict[str, Any]:
    if authority in ("county_government", "county_party_committee", "city_government",
                     "city_party_committee"):  # fmt: skip
        fields.setdefault("action", "report")
    return {"authority": authority, "on": on, **fields}


def steps(*authorities: str, first: dt.date = FIRST_STEP) -> list[dict[str, Any]]:
    """Steps on consecutive days from `first`, in the order given."""
    return [step(a, first + dt.timedelta(days=i)) for i, a in enumerate(authorities)]


DEPUTY_CHAIN = ("county_head", "county_party_secretary", "county_government",
                "county_party_committee")  # fmt: skip
TOWN_CHAIN = ("county_head", "county_government", "county_party_committee")
SHORT_CHAIN = ("deputy_in_charge", "county_government", "county_party_committee")
LONG_CHAIN = ("deputy_in_charge", "county_head", "county_government", "county_party_committee")
COUNTY_HEAD_FILINGS = ("city_party_committee", "city_government", "county_party_committee")


# --------------------------------------------------------------------------------------------
# Art. 73 ¶2: leave requested 3 days ahead
# --------------------------------------------------------------------------------------------


class TestArt73LeaveRequested3DaysAhead:
    def test_leave_requested_exactly_three_days_ahead_passes(self, run: Any) -> None:
        v = run.verdict(LEAVE, absences=[trip(requested_on=D(2026, 11, 25))])
        assert v.status == "pass"
        assert v.article == 73
        assert v.subject == "absence:WC-1"
        assert v.evidence["days_ahead"] == 3
        assert v.message == "郑华于2026-11-25请假，提前3天。"

    def test_leave_requested_two_days_ahead_fails_with_earliest_departure(self, run: Any) -> None:
        v = run.verdict(LEAVE, absences=[trip(requested_on=D(2026, 11, 26))])
        assert v.status == "fail"
        assert v.evidence["days_ahead"] == 2
        assert v.evidence["earliest_start"] == "2026-11-29"
        assert v.message == "郑华外出（2026-11-28起）未提前3天请假（请假日期：2026-11-26）。"
        assert v.remedy == {
            "zh": "最早可于2026-11-29成行。",
            "en": "Earliest compliant departure date 2026-11-29.",
        }

    def test_leave_requested_on_the_day_of_departure_fails(self, run: Any) -> None:
        v = run.verdict(LEAVE, absences=[trip(requested_on=START)])
        assert v.status == "fail"
        assert v.evidence["days_ahead"] == 0
        assert v.remedy is not None and "2026-12-01" in v.remedy["zh"]

    def test_no_leave_request_fails_with_departure_three_days_after_evaluation(
        self, run: Any
    ) -> None:
        v = run.verdict(LEAVE, absences=[trip(requested_on=None)])
        assert v.status == "fail"
        assert v.evidence["requested_on"] is None
        assert v.remedy is not None and v.remedy["zh"] == "最早可于2026-11-27成行。"

    @pytest.mark.parametrize(
        ("official", "name"),
        [("lm", "李明"), ("wjg", "王建国"), ("zl", "张丽"), ("gf", "高峰"), ("ft", "冯涛")],
    )
    def test_every_leader_role_is_bound(self, run: Any, official: str, name: str) -> None:
        v = run.verdict(LEAVE, absences=[trip(official, requested_on=D(2026, 11, 26))])
        assert v.status == "fail"
        assert v.evidence["official_name"] == name

    def test_leave_kind_outside_the_county_is_bound_too(self, run: Any) -> None:
        v = run.verdict(LEAVE, absences=[trip(kind="leave", requested_on=D(2026, 11, 27))])
        assert v.status == "fail"

    @pytest.mark.parametrize("official", ["zh", "zm", "wg"])
    def test_officials_who_are_not_leaders_of_art73_are_not_applicable(
        self, run: Any, official: str
    ) -> None:
        v = run.verdict(LEAVE, absences=[trip(official, requested_on=START)])
        assert v.status == "not_applicable"

    def test_absence_inside_the_county_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(LEAVE, absences=[trip(outside_county=False, requested_on=START)])
        assert v.status == "not_applicable"

    def test_trip_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        old = trip(start=D(2022, 7, 14), end=D(2022, 7, 14), requested_on=D(2022, 7, 13))
        v = run.verdict(LEAVE, absences=[old])
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-14"

    @HYPOTHESIS
    @given(
        start=st.dates(min_value=D(2022, 8, 1), max_value=D(2027, 12, 31)),
        ahead=st.integers(min_value=0, max_value=20),
    )
    def test_pass_iff_requested_at_least_three_calendar_days_ahead(
        self, run: Any, start: dt.date, ahead: int
    ) -> None:
        record = trip(start=start, end=start, requested_on=start - dt.timedelta(days=ahead))
        v = run.verdict(LEAVE, absences=[record])
        assert v.evidence["days_ahead"] == ahead
        assert v.status == ("pass" if ahead >= 3 else "fail")
        if v.status == "fail":
            earliest = start - dt.timedelta(days=ahead) + dt.timedelta(days=3)
            assert v.remedy is not None
            assert v.remedy["zh"] == f"最早可于{earliest.isoformat()}成行。"


# --------------------------------------------------------------------------------------------
# Art. 73 ¶1: approvals and filings before leaving the county (table art73_travel)
# --------------------------------------------------------------------------------------------


class TestArt73TravelApprovalChain:
    @pytest.mark.parametrize("order", list(itertools.permutations(COUNTY_HEAD_FILINGS)))
    def test_county_head_files_with_city_and_county_in_any_order(
        self, run: Any, order: tuple[str, ...]
    ) -> None:
        v = run.verdict(CHAIN, absences=[trip("lm", steps=steps(*order))])
        assert v.status == "pass"
        assert v.article == 73
        assert v.evidence["approvals"] == []
        assert v.evidence["filings"] == list(COUNTY_HEAD_FILINGS)
        assert v.evidence["decision_table"][0] == "art73_travel 1"

    @pytest.mark.parametrize("left_out", COUNTY_HEAD_FILINGS)
    def test_county_head_missing_a_filing_fails(self, run: Any, left_out: str) -> None:
        taken = [a for a in COUNTY_HEAD_FILINGS if a != left_out]
        v = run.verdict(CHAIN, absences=[trip("lm", steps=steps(*taken))])
        assert v.status == "fail"
        assert v.evidence["missing"] == [left_out]
        assert v.remedy is not None
        assert v.remedy["zh"] == "出发前须报备：市委、市政府、县委。"

    @pytest.mark.parametrize("official", ["zl", "wjg"])
    def test_deputy_asks_county_head_then_secretary_then_files(
        self, run: Any, official: str
    ) -> None:
        v = run.verdict(CHAIN, absences=[trip(official, steps=steps(*DEPUTY_CHAIN))])
        assert v.status == "pass"
        assert v.evidence["approvals"] + v.evidence["filings"] == list(DEPUTY_CHAIN)
        assert v.evidence["approvals_in_order"] is True

    def test_deputy_asking_the_secretary_before_the_county_head_fails(self, run: Any) -> None:
        order = ("county_party_secretary", "county_head", "county_government",
                 "county_party_committee")  # fmt: skip
        v = run.verdict(CHAIN, absences=[trip("hy", steps=steps(*order))])
        assert v.status == "fail"
        assert v.evidence["missing"] == []
        assert v.remedy is not None
        assert v.remedy["zh"] == "出发前须依次请示：县长、县委书记；同意后报备：县政府、县委。"

    def test_deputy_filing_before_the_approvals_fails(self, run: Any) -> None:
        order = ("county_government", "county_head", "county_party_secretary",
                 "county_party_committee")  # fmt: skip
        v = run.verdict(CHAIN, absences=[trip("zl", steps=steps(*order))])
        assert v.status == "fail"
        assert v.evidence["filed_after_approval"] is False

    def test_deputy_without_the_secretarys_approval_fails(self, run: Any) -> None:
        order = ("county_head", "county_government", "county_party_committee")
        v = run.verdict(CHAIN, absences=[trip("zl", steps=steps(*order))])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["county_party_secretary"]
        assert "缺：县委书记" in v.message

    def test_town_head_asks_the_county_head_then_files(self, run: Any) -> None:
        v = run.verdict(CHAIN, absences=[trip("gf", steps=steps(*TOWN_CHAIN))])
        assert v.status == "pass"
        assert v.evidence["approvals"] + v.evidence["filings"] == list(TOWN_CHAIN)

    def test_town_head_without_the_county_head_fails(self, run: Any) -> None:
        taken = ("county_government", "county_party_committee")
        v = run.verdict(CHAIN, absences=[trip("gf", steps=steps(*taken))])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["county_head"]

    def test_department_head_one_day_trip_needs_only_the_deputy_in_charge(self, run: Any) -> None:
        v = run.verdict(CHAIN, absences=[trip("zhh", end=START, steps=steps(*SHORT_CHAIN))])
        assert v.status == "pass"
        assert v.evidence["trip_days"] == 1
        assert v.evidence["approvals"] + v.evidence["filings"] == list(SHORT_CHAIN)
        assert v.evidence["decision_table"][0] == "art73_travel 4"
        assert v.message == ("郑华外出1天，已事前依次请示：分管副县长；同意后报备：县政府、县委。")

    def test_department_head_two_day_trip_also_needs_the_county_head(self, run: Any) -> None:
        record = trip("ft", end=START + dt.timedelta(days=1), steps=steps(*SHORT_CHAIN))
        v = run.verdict(CHAIN, absences=[record])
        assert v.status == "fail"
        assert v.evidence["trip_days"] == 2
        assert v.evidence["approvals"] + v.evidence["filings"] == list(LONG_CHAIN)
        assert v.evidence["missing"] == ["county_head"]
        assert v.evidence["decision_table"][0] == "art73_travel 5"
        assert v.remedy == {
            "zh": "出发前须依次请示：分管副县长、县长；同意后报备：县政府、县委。",
            "en": (
                "Before leaving, ask the deputy head in charge, the county head in this order, "
                "then file with the county government, "
                "the county party committee."
            ),
        }

    def test_department_head_two_day_trip_with_the_county_head_passes(self, run: Any) -> None:
        record = trip("ft", end=START + dt.timedelta(days=1), steps=steps(*LONG_CHAIN))
        v = run.verdict(CHAIN, absences=[record])
        assert v.status == "pass"
        assert v.evidence["trip_days"] == 2

    def test_department_head_county_head_before_deputy_in_charge_fails(self, run: Any) -> None:
        order = ("county_head", "deputy_in_charge", "county_government", "county_party_committee")
        record = trip("hp", end=START + dt.timedelta(days=3), steps=steps(*order))
        v = run.verdict(CHAIN, absences=[record])
        assert v.status == "fail"
        assert v.evidence["missing"] == []

    def test_department_head_one_day_trip_with_extra_county_head_approval_passes(
        self, run: Any
    ) -> None:
        v = run.verdict(CHAIN, absences=[trip("zhh", steps=steps(*LONG_CHAIN))])
        assert v.status == "pass"

    def test_steps_after_departure_do_not_count(self, run: Any) -> None:
        late = [
            step("deputy_in_charge", D(2026, 11, 25)),
            step("county_government", D(2026, 11, 26)),
            step("county_party_committee", START + dt.timedelta(days=1)),
        ]
        v = run.verdict(CHAIN, absences=[trip("zhh", steps=late)])
        assert v.status == "fail"
        assert v.evidence["approvals_taken"] == ["deputy_in_charge"]
        assert v.evidence["filings_taken"] == ["county_government"]
        assert v.evidence["missing"] == ["county_party_committee"]

    def test_no_steps_at_all_fails_with_everything_missing(self, run: Any) -> None:
        v = run.verdict(CHAIN, absences=[trip("zl")])
        assert v.status == "fail"
        assert v.evidence["missing"] == list(DEPUTY_CHAIN)

    @pytest.mark.parametrize("official", ["zh", "zm", "wg"])
    def test_officials_who_are_not_leaders_of_art73_are_not_applicable(
        self, run: Any, official: str
    ) -> None:
        assert run.verdict(CHAIN, absences=[trip(official)]).status == "not_applicable"

    def test_absence_inside_the_county_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(CHAIN, absences=[trip("zl", outside_county=False)])
        assert v.status == "not_applicable"

    def test_trip_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        old = trip("zl", start=D(2022, 7, 14), end=D(2022, 7, 15), requested_on=D(2022, 7, 1))
        v = run.verdict(CHAIN, absences=[old])
        assert v.status == "not_applicable"

    def test_trip_starting_on_2022_07_15_is_judged(self, run: Any) -> None:
        new = trip("zl", start=D(2022, 7, 15), end=D(2022, 7, 15), requested_on=D(2022, 7, 1))
        assert run.verdict(CHAIN, absences=[new]).status == "fail"

    def test_order_of_approvals_follows_their_dates_not_the_order_listed(self, run: Any) -> None:
        listed = [
            step("county_head", D(2026, 11, 24)),
            step("county_party_secretary", D(2026, 11, 23)),
            step("county_government", D(2026, 11, 25)),
            step("county_party_committee", D(2026, 11, 25)),
        ]
        v = run.verdict(CHAIN, absences=[trip("hy", end=START + dt.timedelta(days=1),
                                              steps=listed)])  # fmt: skip
        assert v.status == "fail"

    @pytest.mark.parametrize("rule", [LEAVE, CHAIN])
    def test_office_director_is_bound_as_head_of_the_office(self, run: Any, rule: str) -> None:
        v = run.verdict(rule, absences=[trip("sw", requested_on=D(2026, 11, 27))])
        assert v.status == "fail"


class TestArt73WhoApproved:
    """请示分管副县长同意: the approval must be an approval, by the deputy actually in charge."""

    @pytest.mark.parametrize(
        ("deputy", "action", "status"),
        [("zl", "approve", "pass"), ("lq", "approve", "fail"), ("zl", "report", "fail"),
         (None, "approve", "pass")],
    )  # fmt: skip
    def test_deputy_in_charge_step(
        self, run: Any, deputy: str | None, action: str, status: str
    ) -> None:
        # zhh heads jyj, which is in zl's portfolio.
        first = step("deputy_in_charge", FIRST_STEP, action=action)
        if deputy:
            first["official"] = deputy
        rest = [step(a, FIRST_STEP + dt.timedelta(days=1)) for a in SHORT_CHAIN[1:]]
        v = run.verdict(CHAIN, absences=[trip("zhh", steps=[first, *rest])])
        assert v.status == status
