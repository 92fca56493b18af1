"""Agenda items (议题, Arts. 54 and 55): bad input is refused with the field at fault, an item
with only the first model's fields still loads, and the interpretation parameters of the
article files change the verdicts they name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pingyin_rules.case_files import build_case
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack

MEETING: dict[str, Any] = {
    "id": "CW-1",
    "kind": "executive",
    "title": "县政府第30次常务会议",
    "date": "2026-11-10",
    "convener": "lm",
    "chair": "lm",
}

ITEM: dict[str, Any] = {
    "id": "YT-1",
    "meeting": "CW-1",
    "title": "关于老旧小区改造资金分担的议题",
    "lead_department": "zjj",
}

DISPUTED: dict[str, Any] = {**ITEM, "disputed": True, "objecting_departments": ["czj"]}

ON = dt.date(2026, 11, 24)


def _errors(roster: dict[str, Any], **fields: Any) -> list[tuple[str | None, str | None, str]]:
    data = {**roster, "meetings": [MEETING], "agenda_items": [fields]}
    loaded = build_case(data, "case.yaml")
    return [(e.record, e.field, e.reason) for e in loaded.errors]


def _one(errors: list[tuple[str | None, str | None, str]], field: str, text: str) -> None:
    """One error, on the item, naming `field`; `text` is checked for this model's own
    messages (pydantic's are worded by the case-file reader, not here)."""
    assert len(errors) == 1, errors
    record, where, reason = errors[0]
    assert record == "agenda_item:YT-1"
    assert where == field
    assert text in reason


def test_an_item_with_only_the_first_fields_still_loads(roster: dict[str, Any]) -> None:
    first = {"id": "YT-1", "meeting": "CW-1", "title": "关于老旧小区改造实施方案的议题"}
    assert _errors(roster, **first) == []


def test_a_full_item_loads(roster: dict[str, Any]) -> None:
    item = {
        **DISPUTED,
        "departments_concerned": ["jyj"],
        "prepared_on": "2026-11-02",
        "submitted_on": "2026-11-03",
        "major_decision": True,
        "legality_review": {"by": "sfj", "on": "2026-11-04"},
        "coordination_note": {
            "grounds": [
                {"department": "zjj", "grounds": "按省定标准配套"},
                {"department": "czj", "grounds": "预算已安排完毕"},
            ],
            "preferred_opinion": "分两年配套",
        },
        "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": True},
        "countersigned_by": ["ft", "hp", "zhh"],
        "countersigned_on": "2026-11-06",
        "reviewed_by": "lq",
        "reviewed_on": "2026-11-06",
        "settled_by": "lm",
        "settled_on": "2026-11-07",
        "authority": "county_government",
    }
    assert _errors(roster, **item) == []


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({**ITEM, "disputed": True}, "objecting_departments", "names the departments"),
        ({**ITEM, "objecting_departments": ["czj"]}, "objecting_departments", "disputed is false"),
        ({**DISPUTED, "objecting_departments": ["czj", "czj"]}, "objecting_departments", "twice"),
        ({**DISPUTED, "objecting_departments": ["zjj"]}, "objecting_departments", "lead"),
        ({**ITEM, "departments_concerned": ["zjj"]}, "departments_concerned", "lead"),
        ({**ITEM, "departments_concerned": ["czj", "czj"]}, "departments_concerned", "twice"),
        (
            {**ITEM, "coordination_note": {"preferred_opinion": "分两年配套"}},
            "coordination_note",
            "disputed is false",
        ),
        (
            {**ITEM, "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": True}},
            "deputy_coordination",
            "disputed is false",
        ),
        (
            {
                **DISPUTED,
                "coordination_note": {
                    "grounds": [
                        {"department": "czj", "grounds": "甲"},
                        {"department": "czj", "grounds": "乙"},
                    ]
                },
            },
            "coordination_note.grounds",
            "twice",
        ),
        (
            {**DISPUTED, "coordination_note": {"grounds": [{"department": "czj", "grounds": ""}]}},
            "coordination_note.grounds.0.grounds",
            "",
        ),
        ({**ITEM, "countersigned_by": ["ft", "hp"]}, "countersigned_on", "without the date"),
        ({**ITEM, "countersigned_on": "2026-11-06"}, "countersigned_on", "who signed"),
        ({**ITEM, "countersigned_by": ["ft", "ft"]}, "countersigned_by", "twice"),
        (
            {
                **DISPUTED,
                "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": True},
                "dispute_decision": {"by": "lm", "on": "2026-11-07"},
            },
            "dispute_decision",
            "no dispute to decide",
        ),
        (
            {**ITEM, "dispute_decision": {"by": "lm", "on": "2026-11-07"}},
            "dispute_decision",
            "disputed is false",
        ),
        ({**ITEM, "reviewed_by": "lq"}, "reviewed_on", "without its date"),
        ({**ITEM, "reviewed_on": "2026-11-05"}, "reviewed_on", "who?"),
        ({**ITEM, "settled_by": "lm"}, "settled_on", "without its date"),
        ({**ITEM, "settled_on": "2026-11-05"}, "settled_on", "who?"),
        ({**ITEM, "authority": "town"}, "authority", ""),
        ({**DISPUTED, "deputy_coordination": {"by": "lq", "on": "2026-11-05"}},
         "deputy_coordination.agreed", ""),
        ({**ITEM, "legality_review": {"by": "sfj"}}, "legality_review.on", ""),
        ({**ITEM, "reviewer": "lq"}, "reviewer", ""),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(
    roster: dict[str, Any], fields: dict[str, Any], field: str, text: str
) -> None:
    _one(_errors(roster, **fields), field, text)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({**ITEM, "countersigned_by": ["nobody"], "countersigned_on": "2026-11-06"},
         "countersigned_by"),
        ({**ITEM, "settled_by": "nobody", "settled_on": "2026-11-06"}, "settled_by"),
        ({**ITEM, "reviewed_by": "nobody", "reviewed_on": "2026-11-06"}, "reviewed_by"),
        ({**ITEM, "legality_review": {"by": "nowhere", "on": "2026-11-04"}}, "legality_review.by"),
        ({**ITEM, "lead_department": "nowhere"}, "lead_department"),
        ({**DISPUTED, "deputy_coordination": {"by": "nobody", "on": "2026-11-05", "agreed": False}},
         "deputy_coordination.by"),
        ({**DISPUTED, "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": False},
          "dispute_decision": {"by": "nobody", "on": "2026-11-06"}}, "dispute_decision.by"),
        ({**DISPUTED,
          "coordination_note": {"grounds": [{"department": "nowhere", "grounds": "甲"}]}},
         "coordination_note.grounds.department"),
        ({**ITEM, "meeting": "CW-9"}, "meeting"),
    ],
)  # fmt: skip
def test_unknown_ids_are_refused(
    roster: dict[str, Any], fields: dict[str, Any], field: str
) -> None:
    data = {**roster, "meetings": [MEETING], "agenda_items": [fields]}
    loaded = build_case(data, "case.yaml")
    assert [(e.record, e.field) for e in loaded.errors] == [("agenda_item:YT-1", field)]


def test_an_unknown_decision_is_refused(roster: dict[str, Any]) -> None:
    decision = {"id": "JC-1", "title": "县城供水管网改造项目", "kind": "major_project"}
    data = {
        **roster,
        "meetings": [MEETING],
        "decisions": [decision],
        "agenda_items": [{**ITEM, "decision": "JC-9"}],
    }
    loaded = build_case(data, "case.yaml")
    assert [(e.record, e.field) for e in loaded.errors] == [("agenda_item:YT-1", "decision")]


def _verdict(roster: dict[str, Any], rule_id: str, item: dict[str, Any], **overrides: Any) -> Any:
    checker = Checker(load_pack(overrides=overrides))
    loaded = build_case({**roster, "meetings": [MEETING], "agenda_items": [item]}, "case.yaml")
    assert not loaded.errors and loaded.case is not None, loaded.errors
    report = checker.check(loaded.case, on=ON)
    assert not report.errors, report.errors
    (found,) = [v for v in report.verdicts if v.rule_id == rule_id]
    return found


def test_legality_review_before_submission_when_chosen(roster: dict[str, Any]) -> None:
    item = {
        **ITEM,
        "major_decision": True,
        "submitted_on": "2026-11-03",
        "legality_review": {"by": "sfj", "on": "2026-11-05"},
    }
    assert _verdict(roster, "art54.legality_review", item).status == "pass"
    strict = _verdict(
        roster,
        "art54.legality_review",
        item,
        **{"art54.legality_review:review_before": "submission"},
    )
    assert strict.status == "fail"
    assert strict.message == (
        "该议题属于县政府重大行政决策，县司法局于2026年11月5日才进行合法性审查，"
        "晚于报送县政府办公室（2026年11月3日）。"
    )


def test_countersigning_by_the_parties_to_the_dispute_only_when_chosen(
    roster: dict[str, Any],
) -> None:
    item = {
        **DISPUTED,
        "departments_concerned": ["jyj"],
        "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": True},
        "countersigned_by": ["ft", "hp"],
        "countersigned_on": "2026-11-06",
    }
    wide = _verdict(roster, "art54.countersigned", item)
    assert wide.status == "fail"
    assert wide.evidence["unsigned"] == ["jyj"]
    narrow = _verdict(
        roster,
        "art54.countersigned",
        item,
        **{"art54.countersigned:countersigning_departments": "parties_to_dispute"},
    )
    assert narrow.status == "pass"
    assert narrow.evidence["signing_departments"] == ["zjj", "czj"]


def test_a_disputed_item_without_the_deputy_counts_as_coordinated_when_chosen(
    roster: dict[str, Any],
) -> None:
    item = {**DISPUTED, "prepared_on": "2026-11-02"}
    rule = "art55.coordinated_before_meeting"
    assert _verdict(roster, rule, item).status == "fail"
    lenient = _verdict(roster, rule, item, **{f"{rule}:disputed_needs_deputy": False})
    assert lenient.status == "pass"
