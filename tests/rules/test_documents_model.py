"""The Document record's fields for Arts. 26, 28, 66, 68 and 70: defaults that keep old case
files valid, validators whose errors name the field at fault, and the references it gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from pingyin_rules.records.base import Approval, Reference
from pingyin_rules.records.documents import (
    DepartmentReply,
    Document,
    ReservedMatter,
)


def document(**fields: Any) -> Document:
    base: dict[str, Any] = {
        "id": "D-1",
        "title": "县住房和城乡建设局关于物业服务管理的规定",
        "issuer": "department",
        "kind": "normative",
        "department": "zjj",
        "issued_on": "2026-11-10",
    }
    return Document.model_validate({**base, **fields})


def error_fields(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [".".join(str(part) for part in e["loc"]) for e in excinfo.value.errors()]


def test_a_document_of_the_old_shape_loads_with_every_new_field_at_its_default() -> None:
    doc = document()
    assert doc.filed_for_review_with is None and doc.filed_for_review_on is None
    assert doc.registration_number is None and doc.portal_published_on is None
    assert doc.sets_matters == ()
    assert not doc.unlawfully_reduces_rights and not doc.unlawfully_adds_obligations
    assert doc.lead_departments == () and doc.affected_departments == ()
    assert doc.consultations == () and doc.county_approval is None
    assert not doc.within_department_remit and not doc.deploys_work_to_towns
    assert not doc.marked_county_consent and not doc.internal_only
    assert doc.issuing_unit is None and not doc.issuing_unit_is_office
    assert not doc.requests_reports_from_lower_governments


def test_new_fields_load_and_nested_records_take_their_defaults() -> None:
    doc = document(
        filed_for_review_with="sfj",
        filed_for_review_on="2026-11-16",
        registration_number="PYDR-2026-0010001",
        portal_published_on="2026-11-12",
        sets_matters=["administrative_penalty"],
        consultations=[{"department": "czj", "on": "2026-11-05"}],
        county_approval={"by": "lq", "on": "2026-11-06"},
    )
    assert doc.filed_for_review_on == dt.date(2026, 11, 16)
    assert doc.sets_matters == (ReservedMatter.administrative_penalty,)
    assert doc.consultations == (
        DepartmentReply(department="czj", on=dt.date(2026, 11, 5), agreed=True),
    )
    assert not doc.consultations[0].signed and not doc.consultations[0].sealed
    assert doc.county_approval == Approval(by="lq", on=dt.date(2026, 11, 6))


def test_a_filing_without_a_date_is_an_error_on_the_date() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(filed_for_review_with="sfj")
    assert error_fields(excinfo) == ["filed_for_review_on"]
    assert "date it was filed" in str(excinfo.value)


def test_a_filing_date_without_the_body_filed_with_is_an_error_on_the_date() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(filed_for_review_on="2026-11-16")
    assert error_fields(excinfo) == ["filed_for_review_on"]
    assert "filed_for_review_with" in str(excinfo.value)


def test_publication_before_issue_is_an_error_on_the_publication_date() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(portal_published_on="2026-11-09")
    assert error_fields(excinfo) == ["portal_published_on"]


def test_publication_on_the_issue_day_is_accepted() -> None:
    assert document(portal_published_on="2026-11-10").portal_published_on == dt.date(2026, 11, 10)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sets_matters", ["administrative_licensing"]),
        ("unlawfully_reduces_rights", True),
        ("unlawfully_adds_obligations", True),
    ],
)
def test_art28_findings_belong_on_normative_documents(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(kind="formal", **{field: value})
    assert error_fields(excinfo) == [field]
    assert "kind: normative" in str(excinfo.value)


def test_an_unknown_reserved_matter_names_its_position() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(sets_matters=["administrative_fee"])
    assert error_fields(excinfo) == ["sets_matters.0"]


@pytest.mark.parametrize(
    ("field", "value"), [("issuing_unit", "城建科"), ("issuing_unit_is_office", True)]
)
def test_the_issuing_unit_belongs_on_internal_unit_documents(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(**{field: value})
    assert error_fields(excinfo) == [field]
    assert document(issuer="internal_unit", **{field: value})


def test_a_consultation_or_approval_missing_its_date_names_the_nested_field() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(consultations=[{"department": "czj"}])
    assert error_fields(excinfo) == ["consultations.0.on"]
    with pytest.raises(ValidationError) as excinfo:
        document(county_approval={"by": "lq"})
    assert error_fields(excinfo) == ["county_approval.on"]


def test_unknown_keys_in_nested_records_are_refused() -> None:
    with pytest.raises(ValidationError) as excinfo:
        document(consultations=[{"department": "czj", "on": "2026-11-05", "stamped": True}])
    assert error_fields(excinfo) == ["consultations.0.stamped"]


def test_references_name_every_new_id_field() -> None:
    doc = document(
        filed_for_review_with="sfj",
        filed_for_review_on="2026-11-16",
        lead_departments=["czj", "jtj"],
        affected_departments=["scj"],
        consultations=[{"department": "czj", "on": "2026-11-05"}],
        county_approval={"by": "lq", "on": "2026-11-06"},
    )
    assert set(doc.references()) >= {
        Reference("filed_for_review_with", "departments", "sfj"),
        Reference("lead_departments", "departments", "czj"),
        Reference("lead_departments", "departments", "jtj"),
        Reference("affected_departments", "departments", "scj"),
        Reference("consultations.department", "departments", "czj"),
        Reference("county_approval.by", "officials", "lq"),
    }
