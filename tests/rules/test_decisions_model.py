"""The decision record (Arts. 4, 9, 19–23): bad input is refused with the field at fault, and
case files written for the first model (boolean step flags) still load."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pingyin_rules.case_files import build_case

DECISION: dict[str, Any] = {
    "id": "JC-1",
    "title": "县城公交线路优化调整方案",
    "kind": "other_major_decision",
    "date": "2026-11-10",
    "proposed_by": "jtj",
    "proposed_on": "2026-10-30",
}


def _errors(roster: dict[str, Any], **fields: Any) -> list[tuple[str | None, str | None, str]]:
    loaded = build_case({**roster, "decisions": [{**DECISION, **fields}]}, "case.yaml")
    return [(e.record, e.field, e.reason) for e in loaded.errors]


def test_a_complete_decision_loads(roster: dict[str, Any]) -> None:
    assert (
        _errors(
            roster,
            decided_at=None,
            investigated_on="2026-10-10",
            expert_evaluation={
                "on": "2026-10-25",
                "by": "专家组",
                "aspects": ["legality"],
            },
            departments_concerned=["czj"],
            towns_concerned=["dez"],
            unit_consultations=[{"unit": "czj", "on": "2026-10-20"}],
            consultations=[{"on": "2026-10-18", "form": "hearing", "parties": ["public"]}],
            affects_public=True,
            major_public_interest=True,
            risk_assessment_on="2026-10-22",
            legality_review_on="2026-11-05",
            party_committee_topic=True,
            county_head_approval={"by": "lm", "on": "2026-11-03"},
            reported_to_party_committee_on="2026-11-05",
            follow_up_evaluations=["2027-06-01"],
        )
        == []
    )


def test_the_first_models_flags_still_load(roster: dict[str, Any], checker: Any) -> None:
    old = {
        "id": "JC-OLD", "title": "旧案卷中的重大决策", "category": "重大项目",
        "date": "2026-11-10", "public_participation": True, "expert_argumentation": True,
        "risk_assessment": True, "legality_review": True, "collective_discussion": True,
        "reported_to_party_committee": True,
    }  # fmt: skip
    loaded = build_case({**roster, "decisions": [old]}, "old.yaml")
    assert not loaded.errors
    assert loaded.case is not None
    (decision,) = loaded.case.decisions
    assert decision.kind is None and decision.risk_assessment_on is None
    # A flag says a step was taken but not when: the rules that need the date say so, naming
    # the dated field that supersedes it, and judge nothing on a guess.
    report = checker.check(loaded.case, on=dt.date(2026, 11, 24))
    fields = {e.field for e in report.errors if e.record == "decision:JC-OLD"}
    assert {"decided_at", "reported_to_party_committee_on", "consultations"} <= fields


@pytest.mark.parametrize(
    ("fields", "field", "reason_has"),
    [
        ({"kind": "major_thing"}, "kind", "major_thing"),
        ({"proposed_on": "2026-11-11"}, "proposed_on", "after the decision date"),
        ({"departments_concerned": ["czj", "czj"]}, "departments_concerned", "czj twice"),
        ({"departments_concerned": ["jtj"]}, "departments_concerned", "proposing department"),
        ({"towns_concerned": ["jtj"]}, "towns_concerned", "proposing department"),
        ({"departments_concerned": ["dez"], "towns_concerned": ["dez"]}, "towns_concerned",
         "also listed under departments_concerned"),
        ({"follow_up_evaluations": ["2026-11-09"]}, "follow_up_evaluations",
         "before the decision date"),
        ({"expert_evaluation": {"on": "2026-10-25", "by": "专家组",
                                "aspects": ["legality", "legality"]}},
         "expert_evaluation.aspects", "legality twice"),
        ({"expert_evaluation": {"on": "2026-10-25", "by": " "}}, "expert_evaluation.by", ""),
        ({"expert_evaluation": {"on": "2026-10-25", "by": "专家组", "aspects": ["cost"]}},
         "expert_evaluation.aspects.0", ""),
        ({"consultations": [{"on": "2026-10-18", "form": "hearing", "parties": []}]},
         "consultations.0.parties", ""),
        ({"consultations": [{"on": "2026-10-18", "form": "hearing",
                             "parties": ["public", "public"]}]},
         "consultations.0.parties", "public twice"),
        ({"consultations": [{"on": "2026-10-18", "form": "rally", "parties": ["public"]}]},
         "consultations.0.form", ""),
        ({"county_head_approval": {"by": "lm"}}, "county_head_approval.on", ""),
        ({"unit_consultations": [{"unit": "czj"}]}, "unit_consultations.0.on", ""),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(
    roster: dict[str, Any], fields: dict[str, Any], field: str, reason_has: str
) -> None:
    errors = _errors(roster, **fields)
    assert [(e[0], e[1]) for e in errors] == [("decision:JC-1", field)], errors
    assert reason_has in errors[0][2]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"proposed_by": "nobody"}, "proposed_by"),
        ({"towns_concerned": ["nowhere"]}, "towns_concerned"),
        ({"unit_consultations": [{"unit": "nowhere", "on": "2026-10-20"}]},
         "unit_consultations.unit"),
        ({"county_head_approval": {"by": "nobody", "on": "2026-11-03"}},
         "county_head_approval.by"),
    ],
)  # fmt: skip
def test_unknown_ids_are_refused(
    roster: dict[str, Any], fields: dict[str, Any], field: str
) -> None:
    errors = _errors(roster, **fields)
    assert [e[1] for e in errors] == [field], errors


def test_follow_up_evaluations_are_kept_in_date_order(roster: dict[str, Any]) -> None:
    loaded = build_case(
        {
            **roster,
            "decisions": [{**DECISION, "follow_up_evaluations": ["2027-06-01", "2027-01-01"]}],
        },
        "case.yaml",
    )
    assert loaded.case is not None
    (decision,) = loaded.case.decisions
    assert [d.isoformat() for d in decision.follow_up_evaluations] == [
        "2027-01-01",
        "2027-06-01",
    ]
