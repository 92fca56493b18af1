"""Messages and remedies of generated cases leave no blank where a value should be: a name,
a department, a list of leaders rendered empty reads "have it checked by  before" or "the
deputy head in charge ()" to a clerk. The tests below are the cases this fuzzing found
(fixed: each rule names the office when the record names nobody); a rule found again is kept
out of the property in `KNOWN_BLANKS` only with its own failing test here.

Run with the other fuzz tests (budget: see conftest.py)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from case_strategies import ON, ROSTER, valid_cases
from hypothesis import given, settings

from pingyin_rules import check

FUZZ = settings(settings.get_profile("pingyin-fuzz"))
# An empty value between words ("by  before"), or in brackets ("in charge ()").
BLANK = re.compile(r"\S  +\S|\(\s*\)|（\s*）")
# Rules whose texts are known to leave a blank (none now: the four found here were fixed).
KNOWN_BLANKS: set[str] = set()


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value.strip()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _blanks(text: str, written: list[str]) -> list[str]:
    """Blanks in a message, once what the clerk wrote (a title with two spaces) is set
    aside: each written text becomes one mark, which cannot make a blank."""
    for one in written:
        text = text.replace(one, "§")
    return BLANK.findall(text)


@FUZZ
@given(case=valid_cases())
def test_messages_and_remedies_have_no_blank(case: dict[str, Any]) -> None:
    written = sorted({t for t in _texts(case) if t}, key=len, reverse=True)
    for verdict in check(case, on=ON).verdicts:
        if verdict.rule_id in KNOWN_BLANKS:
            continue
        remedy = verdict.remedy or {}
        for text in (verdict.message, verdict.message_en, *remedy.values()):
            assert not _blanks(text, written), (verdict.rule_id, verdict.subject, text)


def test_leave_remedy_names_whom_to_ask_when_the_convener_is_not_recorded() -> None:
    case = copy.deepcopy(ROSTER)
    case["meetings"] = [{"id": "M-1", "kind": "special_topic", "title": "专题会议",
                         "date": "2027-01-01", "expected_members": ["lm"]}]  # fmt: skip
    verdict = next(v for v in check(case, on=ON).verdicts
                   if v.rule_id == "art56.leave_from_meetings")  # fmt: skip
    assert verdict.status == "fail" and verdict.remedy is not None
    assert not BLANK.search(verdict.remedy["en"]), verdict.remedy


def _remedy(document: dict[str, Any], rule: str) -> dict[str, str]:
    case = copy.deepcopy(ROSTER)
    case["documents"] = [{"id": "D-1", "title": "关于报送材料的通知", "issuer": "county_government",
                          "kind": "formal", **document}]  # fmt: skip
    verdict = next(v for v in check(case, on=ON).verdicts if v.rule_id == rule)
    assert verdict.status == "fail" and verdict.remedy is not None
    return dict(verdict.remedy)


def test_city_required_remedy_names_the_leaders_without_a_department() -> None:
    remedy = _remedy({"city_required": True, "city_notice_received_on": "2026-03-02"},
                     "art66.city_required_one_day")  # fmt: skip
    assert not BLANK.search(remedy["en"]) and "向汇报" not in remedy["zh"], remedy


def test_department_own_matter_remedy_names_who_issues_it() -> None:
    remedy = _remedy({"within_department_remit": True}, "art66.not_department_own_matter")
    assert not BLANK.search(remedy["en"]) and "由自行" not in remedy["zh"], remedy


def test_review_remedy_has_no_empty_name_in_brackets() -> None:
    remedy = _remedy({"department": "dez"}, "art67.review_initials")
    assert not BLANK.search(remedy["en"]), remedy
