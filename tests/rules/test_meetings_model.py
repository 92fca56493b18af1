"""The meeting and visit records (Arts. 56, 58–60): bad input is refused with the field at
fault, and case files written before the new fields still load."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pingyin_rules.case_files import build_case

MEETING: dict[str, Any] = {
    "id": "M-1",
    "kind": "executive",
    "title": "县政府常务会议",
    "date": "2026-11-10",
    "convener": "lm",
    "chair": "lm",
}

HIGHER_LEVEL: dict[str, Any] = {
    "id": "SJ-1",
    "kind": "higher_level",
    "title": "全省城市更新现场推进会",
    "date": "2026-12-08",
    "higher_body": "山东省住房和城乡建设厅",
    "organizing_department": "zjj",
}

VISIT: dict[str, Any] = {
    "id": "V-1",
    "visitor": "山东省住房和城乡建设厅副厅长王某",
    "host_department": "zjj",
    "start": "2026-12-03",
}


def _errors(roster: dict[str, Any], **sections: Any) -> list[tuple[str | None, str | None, str]]:
    loaded = build_case({**roster, **sections}, "case.yaml")
    return [(e.record, e.field, e.reason) for e in loaded.errors]


def _meeting(roster: dict[str, Any], base: dict[str, Any] = MEETING, **fields: Any) -> Any:
    return _errors(roster, meetings=[{**base, **fields}])


def test_an_old_meeting_with_leaves_and_no_new_fields_still_loads(
    roster: dict[str, Any], checker: Any
) -> None:
    old = {
        **MEETING,
        "expected_members": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw",
                             "sw"],
        "attendees": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "sw"],
        "leaves": [{"official": o, "granted_by": "lm", "filed": True} for o in ("mj", "lc", "xw")],
    }  # fmt: skip
    loaded = build_case({**roster, "meetings": [old]}, "old.yaml")
    assert not loaded.errors
    assert loaded.case is not None
    (meeting,) = loaded.case.meetings
    assert meeting.invited == () and meeting.main_heads_of == () and meeting.purpose is None
    assert all(leave.asked_on is None and not leave.leave_slip for leave in meeting.leaves)
    # Leaders' leave needs no date or slip (Art. 56, first sentence): the old file still passes.
    report = checker.check(loaded.case, on=dt.date(2026, 11, 24))
    (verdict,) = [v for v in report.verdicts if v.rule_id == "art56.leave_from_meetings"]
    assert verdict.status == "pass"


def test_a_complete_higher_level_meeting_and_visit_load(roster: dict[str, Any]) -> None:
    meeting = {
        **HIGHER_LEVEL, "reported_on": "2026-11-16", "approved_by": ["lq"],
        "approved_on": "2026-11-17", "replied_on": "2026-11-18", "subsidy_needed": True,
        "finance_opinion": {"department": "czj", "on": "2026-11-13", "opinion": "同意"},
    }  # fmt: skip
    visit = {
        **VISIT, "origin": "province_department", "bureau_level_or_above": True,
        "counterpart_department": "zjj", "end": "2026-12-04", "reported_on": "2026-11-27",
        "party_committee_reported_on": "2026-11-28",
    }  # fmt: skip
    assert _errors(roster, meetings=[meeting], visits=[visit]) == []


@pytest.mark.parametrize(
    ("fields", "field", "reason_has"),
    [
        ({"expected_members": ["lm", "wjg"], "invited": ["wjg"]}, "invited", "already among"),
        ({"invited": ["ft", "ft"]}, "invited", "ft twice"),
        ({"main_heads_of": ["dez", "dez"]}, "main_heads_of", "dez twice"),
        ({"authorized_by": "lm"}, "authorized_on", "without its date"),
        ({"authorized_on": "2026-11-01"}, "authorized_on", "without authorized_by"),
        ({"invitation_approved_by": "lq"}, "invitation_approved_on", "without its date"),
        ({"invitation_approved_on": "2026-11-01"}, "invitation_approved_on", "who approved"),
        ({"approved_on": "2026-11-01"}, "approved_on", "without approved_by"),
        ({"purpose": "celebration"}, "purpose", "celebration"),
        ({"leaves": [{"official": "hy", "asked_on": "someday"}]}, "leaves.0.asked_on", "date"),
        ({"leaves": [{"official": "hy", "slip": True}]}, "leaves.0.slip", "slip"),
        (
            {"finance_opinion": {"department": "czj"}},
            "finance_opinion.on",
            "required",
        ),
    ],
)
def test_bad_meeting_fields_are_refused_naming_the_field(
    roster: dict[str, Any], fields: dict[str, Any], field: str, reason_has: str
) -> None:
    errors = _meeting(roster, **fields)
    assert len(errors) == 1, errors
    record, at, reason = errors[0]
    assert (record, at) == ("meeting:M-1", field)
    assert reason_has in reason


@pytest.mark.parametrize(
    ("fields", "field", "reason_has"),
    [
        ({"organizing_department": None}, "organizing_department", "organizing_department"),
        ({"higher_body": None}, "higher_body", "higher_body"),
        ({"approved_by": ["lq"]}, "approved_on", "needs its date"),
    ],
)
def test_a_higher_level_meeting_needs_its_department_body_and_consent_date(
    roster: dict[str, Any], fields: dict[str, Any], field: str, reason_has: str
) -> None:
    errors = _meeting(roster, HIGHER_LEVEL, **fields)
    assert [(r, f) for r, f, _ in errors] == [("meeting:SJ-1", field)]
    assert reason_has in errors[0][2]


def test_an_approval_without_date_is_fine_for_a_county_wide_meeting(
    roster: dict[str, Any],
) -> None:
    # Art. 58 records approvals without dates (the day of the report is used).
    county_wide = {**MEETING, "kind": "county_wide", "approved_by": ["lm", "sw"]}
    assert _errors(roster, meetings=[county_wide]) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"invited": ["nobody"]}, "invited"),
        ({"substitutes": [{"absent": "hy", "substitute": "nobody"}]}, "substitutes.substitute"),
        ({"authorized_by": "nobody", "authorized_on": "2026-11-01"}, "authorized_by"),
        ({"main_heads_of": ["xyz"]}, "main_heads_of"),
    ],
)
def test_unknown_ids_in_new_fields_are_located(
    roster: dict[str, Any], fields: dict[str, Any], field: str
) -> None:
    assert [(r, f) for r, f, _ in _meeting(roster, **fields)] == [("meeting:M-1", field)]


def test_the_finance_opinion_must_name_a_known_department(roster: dict[str, Any]) -> None:
    opinion = {"department": "xyz", "on": "2026-11-13"}
    errors = _meeting(roster, HIGHER_LEVEL, finance_opinion=opinion)
    assert [(r, f) for r, f, _ in errors] == [("meeting:SJ-1", "finance_opinion.department")]


@pytest.mark.parametrize(
    ("fields", "field", "reason_has"),
    [
        ({"end": "2026-12-02"}, "end", "before"),
        ({"origin": "abroad"}, "origin", "abroad"),
        ({"counterpart_department": "xyz"}, "counterpart_department", "unknown department"),
        ({"host_department": None}, "host_department", ""),
    ],
)
def test_bad_visit_fields_are_refused_naming_the_field(
    roster: dict[str, Any], fields: dict[str, Any], field: str, reason_has: str
) -> None:
    errors = _errors(roster, visits=[{**VISIT, **fields}])
    assert [(r, f) for r, f, _ in errors] == [("visit:V-1", field)]
    assert reason_has in errors[0][2]
