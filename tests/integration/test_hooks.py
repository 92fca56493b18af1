"""Validation hooks: report or raise, the decorator, and the opt-in pydantic integration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from pingyin_rules import (
    Absence,
    CaseFile,
    CheckedOnValidation,
    ComplianceError,
    Document,
    HookOptions,
    Meeting,
    bind,
    requires_compliance,
    validate,
)

ON = dt.date(2026, 11, 24)
POLICY = {"id": "P-1", "title": "关于促进消费的若干措施", "issuer": "department", "kind": "policy",
          "department": "zjj", "issued_on": "2026-11-20"}  # fmt: skip


@pytest.fixture(scope="module")
def context(roster: dict[str, Any]) -> CaseFile:
    return CaseFile.model_validate(roster)


def test_validate_returns_only_the_records_verdicts(context: CaseFile) -> None:
    report = validate(
        Document.model_validate({**POLICY, "body_length": 3000}), context=context, on=ON
    )
    assert report.ok
    assert {v.subject for v in report.verdicts} == {"document:P-1"}
    assert [v.status for v in report.verdicts if v.rule_id == "art69.policy_length"] == ["pass"]


def test_validate_can_raise_with_the_failing_verdicts(context: CaseFile) -> None:
    # A draft about to go out (not yet issued): the remedy is to cut it.
    draft = {**POLICY, "issued_on": None, "signed_on": "2026-11-23"}
    record = Document.model_validate({**draft, "body_length": 3312})
    with pytest.raises(ComplianceError) as info:
        validate(record, context=context, on=ON, raise_on="error")
    assert [v.rule_id for v in info.value.failures] == ["art69.policy_length"]
    assert info.value.failures[0].remedy == {
        "zh": "删减312字，或记录超出的理由。",
        "en": "Cut 312 characters, or record why the length is needed.",
    }
    assert "第六十九条" in str(info.value)


def test_warnings_raise_only_when_asked(context: CaseFile) -> None:
    # A missed weekly office meeting (Art. 52) is a warning: it neither makes the report
    # not ok nor raises, unless the caller asks to fail on warnings.
    period = {"start": "2026-03-02", "end": "2026-03-08"}
    case = CaseFile.model_validate({**context.model_dump(), "period": period})
    report = validate(case, on=ON, raise_on="error")
    assert report.ok is True
    assert [v.severity for v in report.failures] == ["warning"]
    with pytest.raises(ComplianceError) as info:
        validate(case, on=ON, raise_on="warning")
    assert {v.rule_id for v in info.value.failures} == {"art52.weekly_office_meeting"}


def test_a_meeting_is_checked_with_the_roster_before_it_is_held(context: CaseFile) -> None:
    meeting = Meeting.model_validate({
        "id": "CW-9", "kind": "executive", "title": "常务会议", "date": "2026-11-26",
        "convener": "lm", "chair": "lm",
        "expected_members": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw",
                             "sw"],
        "attendees": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf"],
    })  # fmt: skip
    with pytest.raises(ComplianceError) as info:
        validate(meeting, context=context, on=ON, raise_on="error")
    failures = {f.rule_id: f for f in info.value.failures}
    assert set(failures) == {"art51.executive_quorum", "art56.leave_from_meetings"}
    quorum = failures["art51.executive_quorum"]
    assert quorum.remedy is not None and "还需1名" in quorum.remedy["zh"]
    unexcused = failures["art56.leave_from_meetings"].evidence["unexcused"]
    assert unexcused == ["zh", "mj", "lc", "xw", "sw"]


def test_decorator_runs_the_function_only_for_a_compliant_record(context: CaseFile) -> None:
    signed: list[str] = []

    @requires_compliance(lambda: context)
    def sign(document: Document) -> str:
        signed.append(document.id)
        return "signed"

    assert sign(Document.model_validate({**POLICY, "body_length": 100})) == "signed"
    with pytest.raises(ComplianceError):
        sign(Document.model_validate({**POLICY, "id": "P-2", "body_length": 5000}))
    assert signed == ["P-1"]
    assert sign.__name__ == "sign"


def test_decorator_refuses_a_function_without_a_record() -> None:
    @requires_compliance()
    def nothing(x: int) -> int:
        return x

    with pytest.raises(TypeError, match="record"):
        nothing(1)


class OurDocument(CheckedOnValidation, Document):
    """A system's own model: subclasses ours and adds its fields."""

    archive_number: str | None = None


def test_pydantic_integration_validates_and_checks_in_one_step(context: CaseFile) -> None:
    options = {"pingyin_rules": {"case": context, "on": ON}}
    ok = OurDocument.model_validate({**POLICY, "body_length": 10, "archive_number": "A-1"},
                                    context=options)  # fmt: skip
    assert ok.archive_number == "A-1"
    with pytest.raises(ValidationError, match=r"art69\.policy_length"):
        OurDocument.model_validate({**POLICY, "body_length": 3001}, context=options)


def test_pydantic_integration_takes_a_bound_checker(context: CaseFile) -> None:
    options: HookOptions = {"checker": bind(context, on=ON)}
    with pytest.raises(ValidationError, match=r"art69\.policy_length"):
        data = {**POLICY, "body_length": 3001}
        OurDocument.model_validate(data, context={"pingyin_rules": options})


def test_the_error_text_names_input_errors_as_well_as_failures(context: CaseFile) -> None:
    # A policy document over the limit, checked by someone not on the roster: one failure and
    # one input error, both in str(error) for a log line.
    record = Document.model_validate({**POLICY, "checked_by": "nobody", "body_length": 3001})
    with pytest.raises(ComplianceError) as info:
        validate(record, context=context, on=ON, raise_on="error")
    text = str(info.value)
    assert "art69.policy_length" in text
    assert "input error" in text
    assert "'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster" in text


def test_pydantic_integration_is_opt_in(context: CaseFile) -> None:
    # Without the context key the model validates as usual, even if it would fail a rule.
    assert OurDocument.model_validate({**POLICY, "body_length": 9999}).body_length == 9999


def test_validate_reports_what_the_record_changes_elsewhere(context: CaseFile) -> None:
    # Approving zl's trip while lq, zl's A/B partner, is away: the overlap is judged on the
    # pair (subject official:lq), and the hook must still report it.
    away = {"id": "L1", "official": "lq", "kind": "leave", "start": "2026-12-01",
            "end": "2026-12-03", "outside_county": False}  # fmt: skip
    base = CaseFile.model_validate({**context.model_dump(), "absences": [away]})
    trip = Absence.model_validate({
        "id": "T1", "official": "zl", "kind": "leave", "start": "2026-12-02", "end": "2026-12-02",
        "outside_county": False,
    })  # fmt: skip
    report = validate(trip, context=base, on=ON)
    (overlap,) = [
        v for v in report.verdicts if v.rule_id == "art10.backup_partners_not_away_together"
    ]
    assert overlap.status == "fail" and overlap.subject == "official:lq"


def test_validate_refuses_a_record_that_names_someone_off_the_roster(context: CaseFile) -> None:
    record = Document.model_validate({**POLICY, "body_length": 10, "signed_by": "nobody"})
    report = validate(record, context=context, on=ON)
    assert [(e.field, e.reason) for e in report.errors] == [
        ("signed_by", "'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster")
    ]
    assert not report.ok


def test_a_document_not_yet_issued_can_be_checked_before_signing(context: CaseFile) -> None:
    draft = Document.model_validate({
        "id": "D", "title": "关于X的通知", "issuer": "county_government", "kind": "formal",
        "department": "zjj", "reviewed_by": "lq", "checked_by": "zm", "signed_by": "lm",
        "signed_on": "2026-11-24", "disclosure": "proactive",
        "policy_interpretation_attached": True,
        "pre_issue_reports": [{"to": "lq", "on": "2026-11-20"}, {"to": "lm", "on": "2026-11-22"}],
    })  # fmt: skip
    with pytest.raises(ComplianceError) as info:
        validate(draft, context=context, on=ON, raise_on="error")
    (failure,) = info.value.failures
    assert failure.rule_id == "art66.report_before_issue"
    assert failure.remedy is not None and "2026年11月25日" in failure.remedy["zh"]
    assert validate(draft, context=context, on=dt.date(2026, 11, 25), raise_on="error").ok
