"""The command line: exit codes 0/1/2, formats, and no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pingyin_rules.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"
COMPLIANT = str(EXAMPLES / "compliant")
VIOLATIONS = str(EXAMPLES / "violations")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_compliant_examples_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    # Passes are listed only with --verbose (issue 10: failures and exceptions first).
    code, out, _ = _run(capsys, "check", COMPLIANT, "--on", "2026-11-24", "--verbose")
    assert code == 0
    assert "第五十一条" in out and "结论：合规" in out


def test_violations_exit_1_and_text_is_chinese_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", VIOLATIONS, "--on", "2026-11-24")
    assert code == 1
    assert "[不符合 FAIL] 第五十一条 art51.executive_quorum" in out
    assert "整改：出席人数未达到三分之二以上，会议所议事项须重新提交会议研究。" in out


def test_every_example_rule_is_broken_somewhere(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "check", VIOLATIONS, "--on", "2026-11-24", "--format", "json")
    failed = {v["rule_id"] for v in json.loads(out)["verdicts"] if v["status"] == "fail"}
    _, rules_out, _ = _run(capsys, "rules", "--format", "json")
    assert failed == {r["rule_id"] for r in json.loads(rules_out)}


def test_json_format_is_the_report_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", COMPLIANT, "--format", "json", "--on", "2026-11-24")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["errors"] == []
    assert data["summary"]["fail"] == 0 and data["summary"]["pass"] > 20


def test_invalid_input_exits_2_with_a_structured_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "meetings:\n  - {id: M1, kind: party, title: x, date: 2026-01-01}\n", encoding="utf-8"
    )
    code, out, err = _run(capsys, "check", str(bad), "--format", "json")
    assert code == 2
    errors = json.loads(out)["errors"]
    assert errors[0]["record"] == "meeting:M1" and errors[0]["field"] == "kind"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "/no/such/file.yaml"),
        ("check", str(EXAMPLES.parent / "docs")),  # a directory without case files
        ("check", COMPLIANT, "--on", "yesterday"),
        ("check", COMPLIANT, "--pack", "/no/such/pack"),
        ("check",),
        ("frobnicate",),
        ("calendar", "add", "2026-09-28", "-1"),
    ],
)
def test_bad_usage_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in out + err


def test_stdin_is_read_with_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "compliant" / "2026-11-county-government.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = _run(capsys, "check", "-", "--on", "2026-11-24", "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_rules_lists_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules")
    assert code == 0
    assert "第六十七条\tart67.signing_authority" in out


def test_schema_is_json_schema_for_case_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["type"] == "object"
    assert {"officials", "meetings", "documents", "absences", "assignments"} <= set(
        schema["properties"]
    )


def test_calendar_add_prints_due_date_and_skipped_days(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "calendar", "add", "2026-09-28", "10")
    assert code == 0
    assert "2026-10-16" in out and "国庆节" in out
