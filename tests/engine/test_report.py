"""The report's JSON form is a public contract; it is deterministic and never mutates input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pingyin_rules import check
from pingyin_rules.case_files import read_case_file

ROOT = Path(__file__).parents[2]
VIOLATIONS = ROOT / "examples" / "violations" / "meetings.yaml"
ON = dt.date(2026, 11, 24)


def _report(checker: Any) -> Any:
    loaded = read_case_file(str(VIOLATIONS))
    assert loaded.case is not None
    return checker.check(loaded.case, on=ON)


def test_json_has_exactly_the_contract_keys(checker: Any) -> None:
    data = json.loads(_report(checker).to_json())
    assert list(data) == ["ok", "summary", "verdicts", "errors"]
    assert list(data["summary"]) == ["pass", "fail", "exception", "not_applicable"]
    for verdict in data["verdicts"]:
        assert list(verdict) == [
            "rule_id", "article", "status", "severity", "subject",
            "message", "message_en", "evidence", "remedy",
        ]  # fmt: skip
        assert isinstance(verdict["article"], int)
        assert verdict["status"] in {"pass", "fail", "exception", "not_applicable"}
        assert verdict["severity"] in {"error", "warning"}
        assert (verdict["remedy"] is None) == (verdict["status"] != "fail")


def test_ok_is_false_when_an_error_rule_fails(checker: Any) -> None:
    report = _report(checker)
    assert report.summary["fail"] > 0
    assert report.ok is False
    assert json.loads(report.to_json())["ok"] is False


def test_same_input_same_output_byte_for_byte(checker: Any) -> None:
    first = _report(checker).to_json()
    assert all(_report(checker).to_json() == first for _ in range(3))


def test_verdict_order_does_not_depend_on_record_order(checker: Any) -> None:
    loaded = read_case_file(str(VIOLATIONS))
    assert loaded.case is not None
    shuffled = loaded.case.model_copy(update={"meetings": tuple(reversed(loaded.case.meetings))})
    assert checker.check(shuffled, on=ON).to_json() == checker.check(loaded.case, on=ON).to_json()


def test_checking_does_not_mutate_the_case(checker: Any) -> None:
    loaded = read_case_file(str(VIOLATIONS))
    assert loaded.case is not None
    before = loaded.case.model_dump_json()
    checker.check(loaded.case, on=ON)
    assert loaded.case.model_dump_json() == before


def test_top_level_check_accepts_a_plain_dict(roster: dict[str, Any]) -> None:
    meeting = {
        "id": "CW-9", "kind": "executive", "title": "常务会议", "date": "2026-11-10",
        "convener": "lm", "chair": "lm",
        "expected_members": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh", "mj", "lc", "xw",
                             "sw"],
        "attendees": ["lm", "wjg", "zl", "lq", "cj", "hy", "lf", "zh"],
        "leaves": [{"official": o, "granted_by": "lm", "filed": True}
                   for o in ("mj", "lc", "xw", "sw")],
    }  # fmt: skip
    report = check({**roster, "meetings": [meeting]}, on=ON)
    statuses = {v.rule_id: v.status for v in report.verdicts if v.subject == "meeting:CW-9"}
    assert statuses["art51.executive_quorum"] == "pass"
    assert report.ok
