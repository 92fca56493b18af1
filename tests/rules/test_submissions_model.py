"""The Submission record (documents sent to the county government, Arts. 62–64): defaults
that keep the first shape (id, title, sender) loading, validators whose errors name the field
at fault, and the references it gives so that ids are checked against the case file."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from pingyin_rules.case_files import build_case
from pingyin_rules.records.base import Reference
from pingyin_rules.records.submissions import (
    Countersignature,
    LeaderApproval,
    Recipient,
    Route,
    Submission,
    SubmissionKind,
)


def submission(**fields: Any) -> Submission:
    base: dict[str, Any] = {
        "id": "QS-1",
        "title": "关于城区老旧小区改造资金的请示",
        "sender": "zjj",
        "kind": "request_for_instructions",
    }
    return Submission.model_validate({**base, **fields})


def error_fields(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [".".join(str(part) for part in e["loc"]) for e in excinfo.value.errors()]


def test_the_first_shape_loads_with_every_new_field_at_its_default() -> None:
    sub = Submission.model_validate({"id": "S-1", "title": "来文", "sender": "zjj"})
    assert sub.kind is SubmissionKind.other
    assert sub.internal_unit is None and sub.formal is None and sub.matters is None
    assert not sub.contains_request_items and not sub.major
    assert sub.main_recipients == () and sub.route is None and sub.direct_ground is None
    assert sub.assigned_by is None and sub.signed_by is None and sub.submitted_on is None
    assert sub.touches_departments == () and sub.countersignatures == ()
    assert not sub.grounds_listed and sub.proposal is None
    assert sub.resolvable_by_department is None and sub.approvals == ()
    assert sub.forwarding is None and not sub.to_party_committee
    assert sub.party_committee_signed_by is None and sub.sent_to_party_committee_on is None


def test_every_field_loads_and_nested_records_take_their_defaults() -> None:
    sub = submission(
        formal=True,
        matters=1,
        main_recipients=["county_government"],
        route="via_office",
        signed_by="ft",
        signed_on="2026-11-09",
        submitted_on="2026-11-10",
        touches_departments=["czj"],
        countersignatures=[{"department": "czj", "by": "hp", "on": "2026-11-09"}],
        approvals=[{"by": "lq", "received_on": "2026-11-11"}],
        forwarding="office",
        to_party_committee=True,
        party_committee_signed_by="lm",
        party_committee_signed_on="2026-11-12",
        sent_to_party_committee_on="2026-11-13",
    )
    assert sub.main_recipients == (Recipient.county_government,)
    assert sub.route is Route.via_office
    assert sub.countersignatures == (
        Countersignature(department="czj", by="hp", on="2026-11-09"),  # type: ignore[arg-type]
    )
    assert sub.countersignatures[0].agreed
    approval = sub.approvals[0]
    assert approval == LeaderApproval(by="lq", received_on="2026-11-11")  # type: ignore[arg-type]
    assert not approval.circled and not approval.name_signed and approval.opinion is None
    assert not approval.handled


def test_references_name_every_id_field() -> None:
    sub = submission(
        route="direct",
        direct_ground="leader_assigned",
        assigned_by="lq",
        signed_by="ft",
        touches_departments=["czj", "jyj"],
        countersignatures=[{"department": "czj", "by": "hp", "on": "2026-11-09"}],
        resolvable_by_department="czj",
        approvals=[{"by": "lm"}, {"by": "lq"}],
        to_party_committee=True,
        party_committee_signed_by="lm",
        party_committee_signed_on="2026-11-12",
    )
    assert list(sub.references()) == [
        Reference("sender", "departments", "zjj"),
        Reference("assigned_by", "officials", "lq"),
        Reference("signed_by", "officials", "ft"),
        Reference("touches_departments", "departments", "czj"),
        Reference("touches_departments", "departments", "jyj"),
        Reference("countersignatures.department", "departments", "czj"),
        Reference("countersignatures.by", "officials", "hp"),
        Reference("resolvable_by_department", "departments", "czj"),
        Reference("approvals.by", "officials", "lm"),
        Reference("approvals.by", "officials", "lq"),
        Reference("party_committee_signed_by", "officials", "lm"),
    ]


def test_an_unknown_official_or_department_is_a_located_error(roster: dict[str, Any]) -> None:
    record = {
        "id": "QS-1", "title": "关于某事项的请示", "sender": "zjj",
        "kind": "request_for_instructions", "approvals": [{"by": "nobody"}],
        "touches_departments": ["no_such_bureau"],
    }  # fmt: skip
    loaded = build_case({**roster, "submissions": [record]}, "test")
    problems = {(e.field, e.reason) for e in loaded.errors}
    assert (
        "approvals.by",
        "'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster",
    ) in problems
    assert (
        "touches_departments",
        "'no_such_bureau' 不在部门名单（departments）中 / unknown department 'no_such_bureau'",
    ) in problems


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"kind": "memo"}, "kind", "request_for_instructions"),
        ({"matters": 0}, "matters", "greater than or equal to 1"),
        (
            {
                "main_recipients": [
                    "county_government",
                    "county_party_committee",
                    "county_government",
                ]
            },
            "main_recipients",
            "named twice",
        ),
        ({"main_recipients": ["town_government"]}, "main_recipients.0", "county_government"),
        ({"route": "via_office", "direct_ground": "classified"}, "direct_ground", "route: direct"),
        ({"route": "direct", "direct_ground": "leader_assigned"}, "assigned_by", "assigned_by"),
        ({"route": "direct", "assigned_by": "lq"}, "assigned_by", "leader_assigned"),
        (
            {"signed_on": "2026-11-10", "submitted_on": "2026-11-09"},
            "submitted_on",
            "before signed_on",
        ),
        ({"touches_departments": ["czj", "czj"]}, "touches_departments", "twice"),
        ({"touches_departments": ["zjj"]}, "touches_departments", "not another department"),
        (
            {
                "touches_departments": ["czj"],
                "countersignatures": [{"department": "jyj", "by": "zhh", "on": "2026-11-09"}],
            },
            "countersignatures",
            "not in touches_departments",
        ),
        (
            {"countersignatures": [{"department": "czj", "by": "hp"}]},
            "countersignatures.0.on",
            "required",
        ),
        ({"approvals": [{"by": "lq", "opinion": ""}]}, "approvals.0.opinion", "at least 1"),
        (
            {"approvals": [{"by": "lq", "received_on": "2026-11-11", "on": "2026-11-10"}]},
            "approvals.0.on",
            "before received_on",
        ),
        (
            {"party_committee_signed_by": "lm", "party_committee_signed_on": "2026-11-12"},
            "party_committee_signed_by",
            "to_party_committee",
        ),
        (
            {"sent_to_party_committee_on": "2026-11-12"},
            "sent_to_party_committee_on",
            "to_party_committee",
        ),
        (
            {"to_party_committee": True, "party_committee_signed_by": "lm"},
            "party_committee_signed_on",
            "needs its date",
        ),
        (
            {"to_party_committee": True, "party_committee_signed_on": "2026-11-12"},
            "party_committee_signed_on",
            "party_committee_signed_by",
        ),
        (
            {
                "to_party_committee": True,
                "party_committee_signed_by": "lm",
                "party_committee_signed_on": "2026-11-12",
                "sent_to_party_committee_on": "2026-11-11",
            },
            "sent_to_party_committee_on",
            "before party_committee_signed_on",
        ),
        ({"sender": None, "internal_unit": "基础教育科"}, "internal_unit", "give sender"),
        ({"forwarding": "secretary"}, "forwarding", "office"),
    ],
)
def test_bad_input_names_the_field(fields: dict[str, Any], field: str, says: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        submission(**fields)
    assert field in error_fields(excinfo)
    assert says in str(excinfo.value)


def test_repeated_county_departments_among_main_recipients_are_allowed() -> None:
    sub = submission(main_recipients=["county_department", "county_department"])
    assert sub.main_recipients == (Recipient.county_department, Recipient.county_department)


def test_a_leader_approval_is_handled_once_anything_is_written_on_it() -> None:
    assert LeaderApproval(by="lm", circled=True).handled
    assert LeaderApproval(by="lm", opinion="同意。").handled
    assert LeaderApproval(by="lm", name_signed=True).handled
    assert LeaderApproval(by="lm", on="2026-11-12").handled  # type: ignore[arg-type]
    assert not LeaderApproval(by="lm", received_on="2026-11-11").handled  # type: ignore[arg-type]
