"""The CLI as CI uses it: formats, --fail-on, --explain."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pingyin_rules.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"
RECURRING = str(EXAMPLES / "violations" / "2026-h1-recurring-duties.yaml")
COMPLIANT = str(EXAMPLES / "compliant")
ON = ("--on", "2026-11-24")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture()
def warnings_only(tmp_path: Path) -> str:
    """A case whose only failure is a warning: a week without the county head's office meeting."""
    path = tmp_path / "week.yaml"
    path.write_text(
        "period: {start: 2026-03-02, end: 2026-03-08}\n"
        "officials: [{id: lm, name: 李明, role: county_head}]\n",
        encoding="utf-8",
    )
    return str(path)


def test_warnings_do_not_fail_by_default(
    capsys: pytest.CaptureFixture[str], warnings_only: str
) -> None:
    code, out = _run(capsys, "check", warnings_only, *ON)
    assert code == 0
    assert "（提示 warning）" in out


def test_fail_on_warning_fails_the_run(
    capsys: pytest.CaptureFixture[str], warnings_only: str
) -> None:
    code, _ = _run(capsys, "check", warnings_only, *ON, "--fail-on", "warning")
    assert code == 1


@pytest.mark.parametrize("fmt", ["junit", "sarif", "markdown", "github"])
def test_every_ci_format_reports_the_failures(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out = _run(capsys, "check", RECURRING, *ON, "--format", fmt)
    assert code == 1
    assert "art46.annual_supervision_plan" in out.replace("\\_", "_")  # markdown escapes _


def test_sarif_points_at_the_record_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "check", RECURRING, *ON, "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    overlap = next(r for r in results if r["ruleId"] == "art10.backup_partners_not_away_together")
    region = overlap["locations"][0]["physicalLocation"]["region"]
    lines = Path(RECURRING).read_text(encoding="utf-8").splitlines()
    assert lines[region["startLine"] - 1].lstrip().startswith("- {id: lq,")


def test_junit_has_one_case_per_rule_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "check", COMPLIANT, *ON, "--format", "junit", "--format", "junit")
    _, as_json = _run(capsys, "check", COMPLIANT, *ON, "--format", "json")
    cases = ET.fromstring(out).iter("testcase")
    assert sum(1 for _ in cases) == len(json.loads(as_json)["verdicts"])


def test_github_annotations_for_failures(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "check", RECURRING, *ON, "--format", "github")
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    warnings = [line for line in out.splitlines() if line.startswith("::warning ")]
    assert any("art59.system_meeting_once_a_year" in line for line in errors)
    assert any("art52.weekly_office_meeting" in line for line in warnings)


def test_check_explain_shows_the_chain(capsys: pytest.CaptureFixture[str]) -> None:
    docs = str(EXAMPLES / "violations" / "documents.yaml")
    _, out = _run(capsys, "check", docs, *ON, "--explain")
    assert "依据 Why:" in out
    # Tables by their name in the text, never their id (issue 10).
    assert "查决策表「公文签发权限」" in out and "第10行" in out
    _, as_json = _run(capsys, "check", docs, *ON, "--explain", "--format", "json")
    verdict = next(v for v in json.loads(as_json)["verdicts"] if v["status"] == "fail")
    assert verdict["explanation"][-1].startswith("整改：")


def test_explain_names_the_justification_record(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "check", RECURRING, *ON, "--explain")
    assert "依据理由记录 LY-2026-01，李明批准" in out


def test_json_without_explain_keeps_the_exact_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "check", RECURRING, *ON, "--format", "json")
    assert all("explanation" not in v for v in json.loads(out)["verdicts"])


def test_set_overrides_a_parameter_without_touching_the_pack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    compliant = str(EXAMPLES / "compliant" / "2026-11-county-government.yaml")
    assert _run(capsys, "check", compliant, *ON)[0] == 0
    code, out = _run(capsys, "check", compliant, *ON, "--set", "art69.policy_length:limit=2500")
    assert code == 1
    assert "正文2980字，超过2500字。" in out
    assert main(["check", compliant, "--set", "no_such=1"]) == 2
    assert main(["check", compliant, "--set", "novalue"]) == 2


def test_explain_says_which_condition_made_the_rule_apply(
    capsys: pytest.CaptureFixture[str],
) -> None:
    meetings = str(EXAMPLES / "violations" / "meetings.yaml")
    _, out = _run(capsys, "check", meetings, *ON, "--explain")
    # In the clerk's words, not the rule's expression (issue 10).
    assert "适用范围：本规则适用于该会议（常务会议）。" in out
