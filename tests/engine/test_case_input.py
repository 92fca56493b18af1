"""Bad input gets a structured error naming the record and field; the rest of the batch is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pingyin_rules.case_files import build_case, parse_case_text

MEETING = {
    "id": "CW-1", "kind": "executive", "title": "常务会议", "date": "2026-11-10",
    "convener": "lm", "chair": "lm",
    "expected_members": ["lm", "wjg", "zl"], "attendees": ["lm", "wjg"],
}  # fmt: skip


def _errors(data: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    loaded = build_case(data, "case.yaml")
    return [(e.record, e.field, e.reason) for e in loaded.errors]


def test_an_end_before_its_start_is_refused_and_named(roster: dict[str, Any]) -> None:
    absence = {
        "id": "A1",
        "official": "zl",
        "kind": "leave",
        "start": "2026-11-05",
        "end": "2026-11-01",
    }
    errors = _errors({**roster, "absences": [absence]})
    assert errors == [
        (
            "absence:A1",
            "end",
            "end（2026-11-01）早于 start（2026-11-05） / end 2026-11-01 is before start 2026-11-05",
        )
    ]


@pytest.mark.parametrize(
    ("section", "record", "field"),
    [
        ("assignments", {"id": "X", "item": "事项", "department": "zjj",
                         "assigned_on": "2026-11-05", "reported_on": "2026-11-01"}, "reported_on"),
        ("meetings", {"id": "X", "kind": "executive", "title": "常务会议", "date": "2026-11-05",
                      "expected_members": ["lm"], "attendees": ["lm", "zl"]}, "attendees"),
        ("documents", {"id": "X", "title": "通知", "issuer": "department", "kind": "formal",
                       "body": "正文", "body_length": 2}, "body_length"),
        ("documents", {"id": "X", "title": "通知", "issuer": "department", "kind": "formal",
                       "city_required": True}, "city_notice_received_on"),
    ],
)  # fmt: skip
def test_cross_field_errors_name_the_field_at_fault(
    roster: dict[str, Any], section: str, record: dict[str, Any], field: str
) -> None:
    errors = _errors({**roster, section: [record]})
    assert [(e[0].split(":")[1], e[1]) for e in errors] == [("X", field)]


def test_unknown_role_names_the_field(roster: dict[str, Any]) -> None:
    official = {"id": "x", "name": "某某", "role": "mayor"}
    errors = _errors({**roster, "officials": [*roster["officials"], official]})
    assert errors[0][:2] == ("official:x", "role")


def test_chair_not_on_the_roster_is_refused(roster: dict[str, Any]) -> None:
    errors = _errors({**roster, "meetings": [{**MEETING, "chair": "nobody"}]})
    assert errors == [
        (
            "meeting:CW-1",
            "chair",
            "'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster",
        )
    ]


def test_one_bad_record_does_not_lose_the_others(roster: dict[str, Any], checker: Any) -> None:
    bad = {**MEETING, "id": "CW-2", "date": "not a date"}
    loaded = build_case({**roster, "meetings": [MEETING, bad]}, "case.yaml")
    assert [(e.record, e.field) for e in loaded.errors] == [("meeting:CW-2", "date")]
    assert loaded.case is not None
    assert [m.id for m in loaded.case.meetings] == ["CW-1"]
    report = checker.check(loaded.case)
    assert any(v.subject == "meeting:CW-1" and v.status == "pass" for v in report.verdicts)


def test_unknown_fields_and_sections_are_refused(roster: dict[str, Any]) -> None:
    errors = _errors({**roster, "meetingz": [], "meetings": [{**MEETING, "chiar": "lm"}]})
    assert errors[0][:2] == (None, "meetingz")
    assert errors[1][:2] == ("meeting:CW-1", "chiar")


def test_invalid_yaml_names_the_line() -> None:
    loaded = parse_case_text("officials:\n  - {id: a, name: [}\n", "broken.yaml")
    assert loaded.case is None
    assert loaded.errors[0].file == "broken.yaml"
    assert "line 2" in loaded.errors[0].reason


def test_json_input_is_read() -> None:
    loaded = parse_case_text(
        '{"officials": [{"id": "a", "name": "甲", "role": "county_head"}]}', "-"
    )
    assert not loaded.errors and loaded.case is not None
    assert loaded.case.officials[0].name == "甲"


def test_a_case_file_that_is_not_a_mapping_is_refused() -> None:
    loaded = parse_case_text("- just\n- a list\n", "list.yaml")
    assert loaded.case is None and "mapping" in loaded.errors[0].reason


def test_record_lines_are_remembered_for_yaml_input() -> None:
    text = "officials:\n  - id: a\n    name: 甲\n    role: county_head\n"
    loaded = parse_case_text(text, "x.yaml")
    assert loaded.lines == {"official:a": 2}


def test_check_keeps_the_valid_records_of_a_dict_and_reports_the_bad_one(
    roster: dict[str, Any],
) -> None:
    from pingyin_rules import check

    bad = {**MEETING, "id": "CW-2", "date": "2026-02-30"}
    report = check({**roster, "meetings": [MEETING, bad]}, on=dt.date(2026, 11, 24))
    assert [(e.record, e.field) for e in report.errors] == [("meeting:CW-2", "date")]
    assert any(v.subject == "meeting:CW-1" for v in report.verdicts)
    assert report.ok is False


def test_an_impossible_date_in_yaml_is_a_field_error_not_a_crash() -> None:
    text = "meetings:\n  - {id: M, kind: special_topic, title: x, date: 2026-02-30}\n"
    loaded = parse_case_text(text, "bad.yaml")
    assert [(e.record, e.field) for e in loaded.errors] == [("meeting:M", "date")]


def test_a_byte_order_mark_and_an_empty_file_are_fine() -> None:
    assert not parse_case_text('\ufeff{"officials": []}', "bom.json").errors
    empty = parse_case_text("", "empty.yaml")
    assert not empty.errors and empty.case is not None


def test_a_missing_value_names_the_record_fields_behind_it(roster: dict[str, Any]) -> None:
    from pingyin_rules import check

    policy = {"id": "P", "title": "政策", "issuer": "department", "kind": "policy",
              "department": "zjj", "issued_on": "2026-11-01"}  # fmt: skip
    report = check({**roster, "documents": [policy]}, on=dt.date(2026, 11, 24))
    (error,) = [e for e in report.errors if "art69.policy_length" in e.reason]
    assert (error.record, error.field) == ("document:P", "body, body_length")
