"""Time as a first-class input: dated parameters, the evaluation date, unconfirmed calendars."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.calendar import OfficialCalendar, load_calendar_files
from pingyin_rules.case_files import build_case
from pingyin_rules.cli import main
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack

RULE = "art57.assignment_report"


def _assignment(assigned: str, reported: str | None = None) -> dict[str, Any]:
    return {"id": "DB-1", "item": "报送方案", "department": "zjj", "assigned_on": assigned,
            "reported_on": reported}  # fmt: skip


def test_open_assignment_is_not_yet_due_then_overdue_with_a_notice(run: Any) -> None:
    case = {"assignments": [_assignment("2026-11-02")]}
    before = run.verdict(RULE, on=dt.date(2026, 11, 16), **case)
    assert before.status == "not_applicable"
    assert "2026年11月16日" in before.message
    after = run.verdict(RULE, on=dt.date(2026, 11, 17), **case)
    assert after.status == "fail"
    assert after.evidence["notice"] == {
        "title": "督办通知书", "department": "zjj", "department_name": "县住房和城乡建设局",
        "item": "报送方案", "meeting": None, "assigned_on": "2026-11-02", "due": "2026-11-16",
        "working_days_overdue": 1, "as_of": "2026-11-17",
    }  # fmt: skip


def test_late_report_gets_no_supervision_notice(run: Any) -> None:
    verdict = run.verdict(RULE, assignments=[_assignment("2026-09-28", "2026-10-19")])
    assert verdict.status == "fail"
    assert verdict.evidence["notice"] is None
    assert verdict.evidence["overdue_by"] == 1


def test_a_deadline_in_an_unconfirmed_year_is_flagged_with_its_assumption(run: Any) -> None:
    verdict = run.verdict(RULE, on=dt.date(2027, 3, 1), assignments=[_assignment("2027-01-04")])
    assert verdict.evidence["calendar_unconfirmed_years"] == [2027]
    assert "no make-up" in verdict.evidence["calendar_assumption"]
    assert "2027年官方放假安排尚未确认" in verdict.message


def test_not_yet_due_in_an_unconfirmed_year_is_flagged_too(run: Any) -> None:
    # Not applicable because the deadline (10 working days) is still ahead: a deadline the
    # year's official schedule could still move.
    verdict = run.verdict(RULE, on=dt.date(2027, 1, 6), assignments=[_assignment("2027-01-04")])
    assert verdict.status == "not_applicable"
    assert verdict.evidence["calendar_unconfirmed_years"] == [2027]
    assert "2027年官方放假安排尚未确认" in verdict.message


def test_a_calendar_file_confirms_the_year(roster: dict[str, Any], tmp_path: Path) -> None:
    calendar_file = tmp_path / "2027.yaml"
    calendar_file.write_text(
        "year: 2027\nsource: 国务院办公厅关于2027年部分节假日安排的通知\n"
        "holidays:\n  - {date: 2027-01-01, name: 元旦}\n", encoding="utf-8",
    )  # fmt: skip
    checker = Checker(load_pack(), OfficialCalendar(load_calendar_files([calendar_file])))
    loaded = build_case({**roster, "assignments": [_assignment("2027-01-04")]}, "t")
    assert loaded.case is not None
    verdict = next(v for v in checker.check(loaded.case, on=dt.date(2027, 3, 1)).verdicts
                   if v.rule_id == RULE)  # fmt: skip
    assert "calendar_unconfirmed_years" not in verdict.evidence


def test_dated_parameter_takes_the_value_in_force_on_the_record_date(
    pack_copy: Path, roster: dict[str, Any]
) -> None:
    pack_dir = pack_copy
    path = pack_dir / "ch10/art69.yaml"
    text = path.read_text(encoding="utf-8")
    old = "        value: 3000\n"
    new = ("        values:\n"
           "          - {from: 2022-07-15, value: 3000, source: 平政发〔2022〕 第六十九条}\n"
           "          - {from: 2026-01-01, value: 2500, source: 假设的修订 (test)}\n")  # fmt: skip
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    checker = Checker(load_pack(pack_dir))

    def status(issued: str | None, on: dt.date = dt.date(2026, 11, 24)) -> str:
        doc = {"id": "P", "title": "政策", "issuer": "department", "kind": "policy",
               "department": "zjj", "body_length": 2800, "issued_on": issued}  # fmt: skip
        loaded = build_case({**roster, "documents": [doc]}, "t")
        assert loaded.case is not None
        report = checker.check(loaded.case, on=on)
        return next(v.status for v in report.verdicts if v.rule_id == "art69.policy_length")

    assert status("2025-12-31") == "pass"
    assert status("2026-01-01") == "fail"
    # An undated draft is judged with the value in force on the evaluation date.
    assert status(None, on=dt.date(2025, 6, 1)) == "pass"
    assert status(None, on=dt.date(2026, 6, 1)) == "fail"


def test_cli_check_on_date_and_calendar_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "officials: [{id: lm, name: 李明, role: county_head}]\n"
        "departments: [{id: zjj, name: 县住建局}]\n"
        "assignments: [{id: A, item: 方案, department: zjj, assigned_on: 2027-01-04}]\n",
        encoding="utf-8",
    )
    assert main(["check", str(case), "--on", "2027-01-10", "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["check", str(case), "--on", "2027-03-01", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (verdict,) = [v for v in data["verdicts"] if v["rule_id"] == RULE]
    assert verdict["evidence"]["calendar_unconfirmed_years"] == [2027]
    bad = tmp_path / "bad-calendar.yaml"
    bad.write_text("year: 2027\nsource: x\nholidays:\n  - {date: 2028-01-01}\n", encoding="utf-8")
    assert main(["check", str(case), "--calendar", str(bad)]) == 2
    assert "bad-calendar.yaml:4" in capsys.readouterr().err
