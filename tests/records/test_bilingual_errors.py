"""Every error a record model raises is in Chinese and English (issue 10): `中文 / English`,
the form every other input error takes. Each validator is driven to its error here, and the
source of the record models is read so that a new English-only `raise` fails the suite."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import pingyin_rules.records as records_package
from pingyin_rules.records import base
from pingyin_rules.records.absences import Absence
from pingyin_rules.records.agenda import AgendaItem, CoordinationNote
from pingyin_rules.records.assignments import Assignment
from pingyin_rules.records.bodies import CoordinatingBody
from pingyin_rules.records.case import CaseFile, record_reference_problems
from pingyin_rules.records.decisions import Decision, ExpertEvaluation, PublicConsultation
from pingyin_rules.records.documents import Document
from pingyin_rules.records.meetings import Meeting
from pingyin_rules.records.officials import Official
from pingyin_rules.records.periods import CasePeriod
from pingyin_rules.records.submissions import LeaderApproval, Submission

RECORDS = Path(records_package.__file__).parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def assert_bilingual(message: str) -> tuple[str, str]:
    """`中文 / English`: Chinese before the separator, English (and no Chinese) after it."""
    zh, sep, en = message.partition(" / ")
    assert sep, f"no ' / ' between Chinese and English: {message!r}"
    assert CJK.search(zh), f"no Chinese before ' / ': {message!r}"
    assert not CJK.search(en), f"Chinese after ' / ', where the English goes: {message!r}"
    assert re.search(r"[A-Za-z]{3,}", en), f"no English after ' / ': {message!r}"
    return zh, en


# Shapes that load, each case below changes a field or two.
MEETING: dict[str, Any] = {
    "id": "M-1", "kind": "executive", "title": "县政府常务会议", "date": "2026-11-10",
}  # fmt: skip
HIGHER_LEVEL: dict[str, Any] = {
    **MEETING, "kind": "higher_level", "higher_body": "山东省住房和城乡建设厅",
    "organizing_department": "zjj",
}  # fmt: skip
ITEM: dict[str, Any] = {
    "id": "YT-1", "meeting": "M-1", "title": "关于老旧小区改造资金分担的议题",
    "lead_department": "zjj",
}  # fmt: skip
DISPUTED: dict[str, Any] = {**ITEM, "disputed": True, "objecting_departments": ["czj"]}
DOCUMENT: dict[str, Any] = {
    "id": "D-1", "title": "关于印发某方案的通知", "issuer": "county_government", "kind": "formal",
}  # fmt: skip
DECISION: dict[str, Any] = {"id": "JC-1", "title": "城区老旧小区改造", "date": "2026-11-10"}
SUBMISSION: dict[str, Any] = {
    "id": "QS-1", "title": "关于城区老旧小区改造资金的请示", "sender": "zjj",
    "kind": "request_for_instructions",
}  # fmt: skip
OFFICIAL: dict[str, Any] = {"id": "lm", "name": "李明", "role": "county_head"}
ABSENCE: dict[str, Any] = {
    "id": "A-1", "official": "lm", "kind": "leave", "start": "2026-11-05", "end": "2026-11-07",
}  # fmt: skip
ROSTER: dict[str, Any] = {
    "officials": [OFFICIAL],
    "departments": [{"id": "zjj", "name": "县住房和城乡建设局"}],
}

# (model, input, the field whose validator refuses it: "" for the model's own check)
CASES: dict[str, tuple[type[BaseModel], dict[str, Any], str]] = {
    # base.date_order, with and without a label of the other date
    "absence end before start": (Absence, {**ABSENCE, "end": "2026-11-01"}, "end"),
    "absence asked after leaving": (Absence, {**ABSENCE, "requested_on": "2026-11-06"},
                                    "requested_on"),
    "assignment reported early": (Assignment, {
        "id": "J-1", "item": "补报", "department": "zjj", "assigned_on": "2026-11-10",
        "reported_on": "2026-11-01"}, "reported_on"),
    "meeting reported after it": (Meeting, {**MEETING, "reported_on": "2026-11-12"},
                                  "reported_on"),
    "decision proposed after it": (Decision, {**DECISION, "proposed_on": "2026-11-11"},
                                   "proposed_on"),
    "document signed after issue": (Document, {
        **DOCUMENT, "issued_on": "2026-11-10", "signed_on": "2026-11-11"}, "signed_on"),
    "approval before receipt": (LeaderApproval, {
        "by": "lq", "received_on": "2026-11-11", "on": "2026-11-10"}, "on"),
    # agenda items
    "grounds twice": (CoordinationNote, {"grounds": [
        {"department": "czj", "grounds": "甲"}, {"department": "czj", "grounds": "乙"}]},
        "grounds"),
    "concerned twice": (AgendaItem, {**ITEM, "departments_concerned": ["czj", "czj"]},
                        "departments_concerned"),
    "concerned is the lead": (AgendaItem, {**ITEM, "departments_concerned": ["zjj"]},
                              "departments_concerned"),
    "objecting twice": (AgendaItem, {**DISPUTED, "objecting_departments": ["czj", "czj"]},
                        "objecting_departments"),
    "objecting is the lead": (AgendaItem, {**DISPUTED, "objecting_departments": ["zjj"]},
                              "objecting_departments"),
    "disputed, no one objects": (AgendaItem, {**ITEM, "disputed": True},
                                 "objecting_departments"),
    "objecting, not disputed": (AgendaItem, {**ITEM, "objecting_departments": ["czj"]},
                                "objecting_departments"),
    "note, not disputed": (AgendaItem, {**ITEM, "coordination_note": {}}, "coordination_note"),
    "countersigners twice": (AgendaItem, {**ITEM, "countersigned_by": ["ft", "ft"]},
                             "countersigned_by"),
    "countersigned undated": (AgendaItem, {**ITEM, "countersigned_by": ["ft"]},
                              "countersigned_on"),
    "countersign date, no one": (AgendaItem, {**ITEM, "countersigned_on": "2026-11-06"},
                                 "countersigned_on"),
    "decision, not disputed": (AgendaItem, {
        **ITEM, "dispute_decision": {"by": "lm", "on": "2026-11-07"}}, "dispute_decision"),
    "decision, no dispute left": (AgendaItem, {
        **DISPUTED, "deputy_coordination": {"by": "lq", "on": "2026-11-05", "agreed": True},
        "dispute_decision": {"by": "lm", "on": "2026-11-07"}}, "dispute_decision"),
    "reviewed undated": (AgendaItem, {**ITEM, "reviewed_by": "lq"}, "reviewed_on"),
    "settled date, no one": (AgendaItem, {**ITEM, "settled_on": "2026-11-05"}, "settled_on"),
    # coordinating bodies
    "member twice": (CoordinatingBody, {"id": "LG", "name": "领导小组",
                                        "members": ["czj", "czj"]}, "members"),
    # decisions
    "aspect twice": (ExpertEvaluation, {"on": "2026-11-01", "by": "专家组",
                                        "aspects": ["legality", "legality"]}, "aspects"),
    "party twice": (PublicConsultation, {"on": "2026-11-01", "form": "hearing",
                                         "parties": ["public", "public"]}, "parties"),
    "unit twice": (Decision, {**DECISION, "towns_concerned": ["dez", "dez"]}, "towns_concerned"),
    "unit is the proposer": (Decision, {**DECISION, "proposed_by": "zjj",
                                        "departments_concerned": ["zjj"]},
                             "departments_concerned"),
    "town is a department": (Decision, {**DECISION, "departments_concerned": ["zjj"],
                                        "towns_concerned": ["zjj"]}, "towns_concerned"),
    "follow-up before decision": (Decision, {**DECISION,
                                             "follow_up_evaluations": ["2026-11-01"]},
                                  "follow_up_evaluations"),
    # documents
    "body and length": (Document, {**DOCUMENT, "body": "正文", "body_length": 2}, "body_length"),
    "office class": (Document, {**DOCUMENT, "office_class": "comprehensive"}, "office_class"),
    "city notice undated": (Document, {**DOCUMENT, "city_required": True},
                            "city_notice_received_on"),
    "filing undated": (Document, {**DOCUMENT, "filed_for_review_with": "sfj"},
                       "filed_for_review_on"),
    "filing with no body": (Document, {**DOCUMENT, "filed_for_review_on": "2026-11-01"},
                            "filed_for_review_on"),
    "art28 on a formal document": (Document, {**DOCUMENT, "unlawfully_adds_obligations": True},
                                   "unlawfully_adds_obligations"),
    "issuing unit of a government": (Document, {**DOCUMENT, "issuing_unit": "办公室"},
                                     "issuing_unit"),
    # meetings
    "attendee twice": (Meeting, {**MEETING, "attendees": ["lm", "lm"]}, "attendees"),
    "invited member": (Meeting, {**MEETING, "expected_members": ["lm"], "invited": ["lm"]},
                       "invited"),
    "stray attendee": (Meeting, {**MEETING, "expected_members": ["lm"],
                                 "attendees": ["lm", "wjg"]}, "attendees"),
    "system meeting, no department": (Meeting, {**MEETING, "kind": "department_system"},
                                      "organizing_department"),
    "consent date, no one": (Meeting, {**MEETING, "approved_on": "2026-11-01"}, "approved_on"),
    "consent undated": (Meeting, {**HIGHER_LEVEL, "approved_by": ["lq"]}, "approved_on"),
    "no higher body": (Meeting, {**HIGHER_LEVEL, "higher_body": None}, "higher_body"),
    "authorized undated": (Meeting, {**MEETING, "authorized_by": "lm"}, "authorized_on"),
    "invitation date, no one": (Meeting, {**MEETING, "invitation_approved_on": "2026-11-01"},
                                "invitation_approved_on"),
    # officials
    "county head's portfolio": (Official, {**OFFICIAL, "portfolio": ["czj"]}, "portfolio"),
    "own backup partner": (Official, {**OFFICIAL, "backup_partner": "lm"}, "backup_partner"),
    "drafting, not office": (Official, {**OFFICIAL, "in_charge_of_drafting": True},
                             "in_charge_of_drafting"),
    # periods
    "period backwards": (CasePeriod, {"start": "2026-12-31", "end": "2026-01-01"}, ""),
    # submissions
    "unit, no sender": (Submission, {**SUBMISSION, "sender": None, "internal_unit": "办公室"},
                        "internal_unit"),
    "recipient twice": (Submission, {**SUBMISSION,
                                     "main_recipients": ["county_government"] * 2},
                        "main_recipients"),
    "ground, not direct": (Submission, {**SUBMISSION, "direct_ground": "classified"},
                           "direct_ground"),
    "assigned, no leader": (Submission, {**SUBMISSION, "route": "direct",
                                         "direct_ground": "leader_assigned"}, "assigned_by"),
    "leader, not assigned": (Submission, {**SUBMISSION, "assigned_by": "lm"}, "assigned_by"),
    "touches twice": (Submission, {**SUBMISSION, "touches_departments": ["czj", "czj"]},
                      "touches_departments"),
    "touches the sender": (Submission, {**SUBMISSION, "touches_departments": ["zjj"]},
                           "touches_departments"),
    "stray countersigner": (Submission, {**SUBMISSION, "countersignatures": [
        {"department": "czj", "by": "hp", "on": "2026-11-09"}]}, "countersignatures"),
    "party committee only": (Submission, {**SUBMISSION, "party_committee_signed_by": "lm"},
                             "party_committee_signed_by"),
    "signature undated": (Submission, {**SUBMISSION, "to_party_committee": True,
                                       "party_committee_signed_by": "lm"},
                          "party_committee_signed_on"),
    "signature date, no one": (Submission, {**SUBMISSION, "to_party_committee": True,
                                            "party_committee_signed_on": "2026-11-12"},
                               "party_committee_signed_on"),
    # the case file: ids the case does not have
    "unknown ids": (CaseFile, {**ROSTER, "meetings": [{**MEETING, "chair": "nobody"}],
                               "assignments": [{"id": "J-1", "item": "补报",
                                                "department": "nowhere",
                                                "assigned_on": "2026-11-10"}]}, ""),
    "duplicate id": (CaseFile, {**ROSTER, "officials": [OFFICIAL, OFFICIAL]}, ""),
}  # fmt: skip


def _refusal(model: type[BaseModel], data: dict[str, Any], field: str) -> str:
    """The model's own message refusing `data`, from the validator of `field`."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    own = [
        str(e["msg"]).removeprefix("Value error, ")
        for e in info.value.errors()
        if e["type"] == "value_error" and ".".join(str(p) for p in e["loc"]) == field
    ]
    assert len(own) == 1, info.value.errors()
    return own[0]


@pytest.mark.parametrize(("model", "data", "field"), CASES.values(), ids=CASES.keys())
def test_each_validator_refuses_in_chinese_and_english(
    model: type[BaseModel], data: dict[str, Any], field: str
) -> None:
    assert_bilingual(_refusal(model, data, field))


def test_the_english_reads_as_it_did_and_the_chinese_comes_first() -> None:
    """The English wording is kept (pack cases match parts of it); the Chinese names the
    field as written and uses the pack's names for roles and kinds."""
    assert _refusal(*CASES["body and length"]) == (
        "body 与 body_length 只能填写其一 / give either body or body_length, not both"
    )
    assert _refusal(*CASES["consent date, no one"]) == (
        "有日期而无 approved_by，请写明由谁批准 / a date without approved_by: who approved?"
    )
    assert _refusal(*CASES["absence end before start"]) == (
        "end（2026-11-01）早于 start（2026-11-05） / end 2026-11-01 is before start 2026-11-05"
    )
    assert _refusal(*CASES["meeting reported after it"]) == (
        "reported_on（2026-11-12）晚于会议日期（2026-11-10） / "
        "reported_on 2026-11-12 is after the meeting date 2026-11-10"
    )
    assert _refusal(*CASES["attendee twice"]) == "重复列出 lm / lists lm twice"
    assert _refusal(*CASES["county head's portfolio"]) == (
        "只有副县长有分管范围（portfolio），县长没有 / "
        "only a deputy head has a portfolio, not a county_head"
    )
    assert _refusal(*CASES["system meeting, no department"]) == (
        "部门本系统全县性会议须写明 organizing_department / "
        "a department system meeting needs its organizing_department"
    )


def test_reference_problems_give_their_reason_in_both_languages() -> None:
    meeting = Meeting.model_validate({**MEETING, "chair": "nobody"})
    assignment = Assignment.model_validate(
        {"id": "J-1", "item": "补报", "department": "nowhere", "assigned_on": "2026-11-10"}
    )
    known = {"officials": {"lm"}, "departments": {"zjj"}}
    (roster,) = record_reference_problems(meeting, known)
    (department,) = record_reference_problems(assignment, known)
    assert (roster.field, roster.reason) == (
        "chair", "'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster"
    )  # fmt: skip
    assert (department.field, department.reason) == (
        "department", "'nowhere' 不在部门名单（departments）中 / unknown department 'nowhere'"
    )  # fmt: skip
    for problem in (roster, department):
        assert problem.reason == f"{problem.zh} / {problem.en}"
        assert_bilingual(problem.reason)


def test_a_case_file_names_every_unknown_id_in_each_language_once() -> None:
    zh, en = assert_bilingual(_refusal(*CASES["unknown ids"]))
    assert zh == (
        "meeting:M-1.chair：'nobody' 不在人员名册（officials）中；"
        "assignment:J-1.department：'nowhere' 不在部门名单（departments）中"
    )
    assert en == (
        "meeting:M-1.chair: 'nobody' is not on the roster; "
        "assignment:J-1.department: unknown department 'nowhere'"
    )


# --- the source: every raise goes through `invalid`, and every call of it has Chinese first


def _raises() -> Iterator[tuple[Path, ast.Raise]]:
    for path in sorted(RECORDS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise):
                yield path, node


def _is_invalid_call(node: ast.expr | None) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "invalid"
        and len(node.args) == 2
        and not node.keywords
    )


def _literal_text(node: ast.expr) -> str:
    """The text an argument spells out itself (the constant parts of an f-string)."""
    return "".join(
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def test_every_raise_in_the_record_models_goes_through_invalid() -> None:
    stray = [
        f"{path.name}:{node.lineno}: {ast.unparse(node)}"
        for path, node in _raises()
        if not _is_invalid_call(node.exc)
    ]
    assert not stray, "raise invalid(zh, en) instead:\n" + "\n".join(stray)


def test_no_record_model_builds_an_error_of_its_own() -> None:
    """`ValueError(` only in `invalid` itself; no assert (pydantic would pass its message on
    in English) and no pydantic error of another kind raised from a validator."""
    found = []
    for path in sorted(RECORDS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"\b(ValueError|AssertionError|PydanticCustomError)\(", code) or re.match(
                r"\s*assert\b", code
            ):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == ['base.py:73: return ValueError(f"{zh} / {en}")'], found


def test_every_call_of_invalid_spells_chinese_then_english() -> None:
    """What each call writes itself: Chinese (or full-width punctuation joining Chinese parts)
    in the first argument, none in the second; the cases above check the whole messages."""
    calls = [
        (path, node)
        for path in sorted(RECORDS.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "invalid"
    ]  # fmt: skip
    assert calls
    for path, call in calls:
        zh, en = (_literal_text(arg) for arg in call.args)
        where = f"{path.name}:{call.lineno}"
        assert CJK.search(zh), f"{where}: the first argument is the Chinese"
        assert not CJK.search(en), f"{where}: the second argument is the English"


def test_every_raise_is_reached_by_a_case_above(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases above cover every `raise invalid(...)` in the record models: a new validator
    needs a case here, and so gets its message checked."""
    sites = {(path.name, node.exc.lineno) for path, node in _raises() if node.exc is not None}
    reached: set[tuple[str, int]] = set()
    invalid = base.invalid

    def recording(zh: str, en: str) -> ValueError:
        caller = sys._getframe(1)
        reached.add((Path(caller.f_code.co_filename).name, caller.f_lineno))
        return invalid(zh, en)

    modules: list[ModuleType] = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("pingyin_rules.records.") and hasattr(module, "invalid")
    ]
    for module in modules:
        monkeypatch.setattr(module, "invalid", recording)
    for model, data, field in CASES.values():
        _refusal(model, data, field)
    assert sites - reached == set(), "raise sites no case reaches (add a case to CASES)"
