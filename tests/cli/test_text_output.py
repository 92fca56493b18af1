"""Issue 10, output people read: failures and exceptions first, passes on request, a grand
total and the exit status last, --quiet, colour only for a terminal, --lang en, --version."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from cli_helpers import EXAMPLES, ON, Cli, run_process, write

RECURRING = str(EXAMPLES / "violations" / "2026-h1-recurring-duties.yaml")
DOCUMENTS = str(EXAMPLES / "violations" / "documents.yaml")
MEETINGS = str(EXAMPLES / "violations" / "meetings.yaml")
COMPLIANT = str(EXAMPLES / "compliant")
ESC = "\x1b["


def labels(out: str) -> list[str]:
    return re.findall(r"^\[([^\]]+)\]", out, flags=re.MULTILINE)


def test_failures_and_exceptions_are_listed_and_passes_are_not(cli: Cli) -> None:
    result = cli("check", RECURRING, *ON)
    assert result.code == 1
    shown = set(labels(result.out))
    assert shown == {"不符合 FAIL", "例外接受 EXCEPTION"}
    assert "use --verbose" in result.out


def test_verbose_lists_passes_after_failures_and_exceptions(cli: Cli) -> None:
    shown = labels(cli("check", RECURRING, *ON, "--verbose").out)
    assert "符合 PASS" in shown and "不适用 N/A" in shown
    order = ["不符合 FAIL", "例外接受 EXCEPTION", "符合 PASS", "不适用 N/A"]
    ranks = [order.index(label) for label in shown]
    assert ranks == sorted(ranks)


def test_a_grand_total_across_files_then_the_exit_status_closes_the_output(cli: Cli) -> None:
    result = cli("check", COMPLIANT, RECURRING, *ON)
    lines = result.out.splitlines()
    files = len(list(Path(COMPLIANT).glob("*.yaml"))) + 1
    assert lines[-1] == "结论：不合规 (not ok)，退出码 1"
    totals = [line for line in lines if line.startswith(("总计", "Total"))]
    assert totals[0].startswith(f"总计（{files}个文件）：")
    assert totals[1].startswith(f"Total ({files} files): ")
    # Each file has its own counts when there are several; the total adds them up.
    subtotals = [line for line in lines if line.startswith("本文件：")]
    assert len(subtotals) == files
    failing = sum(int(re.search(r"不符合 (\d+)", line).group(1)) for line in subtotals)  # type: ignore[union-attr]
    assert f"不符合 {failing}，" in totals[0]


def test_one_file_has_the_total_only(cli: Cli) -> None:
    out = cli("check", RECURRING, *ON).out
    assert "本文件" not in out and "总计（1个文件）" in out and "Total (1 file): " in out


def test_a_compliant_file_says_so_in_one_line(cli: Cli) -> None:
    out = cli("check", str(EXAMPLES / "compliant" / "roster-and-bodies.yaml"), *ON).out
    assert "（没有不符合或例外的条目）" in out
    assert out.splitlines()[-1] == "结论：合规 (ok)，退出码 0"


@pytest.mark.parametrize(
    ("argv", "code", "line"),
    [
        ((COMPLIANT, *ON), 0, "结论：合规 (ok)，退出码 0"),
        ((RECURRING, *ON), 1, "结论：不合规 (not ok)，退出码 1"),
        ((RECURRING, *ON, "--lang", "en"), 1, "Result: not ok (exit 1)"),
        ((RECURRING, *ON, "--format", "json"), 1, "结论：不合规 (not ok)，退出码 1"),
    ],
)
def test_quiet_prints_only_the_exit_status_line(
    cli: Cli, argv: tuple[str, ...], code: int, line: str
) -> None:
    result = cli("check", *argv, "--quiet")
    assert (result.code, result.out) == (code, line + "\n")


def test_quiet_on_invalid_input(cli: Cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "meetings:\n  - {id: M1, kind: party, title: x}\n")
    result = cli("check", str(bad), "-q")
    assert (result.code, result.out) == (2, "结论：输入有误 (invalid input)，退出码 2\n")


def test_quiet_and_verbose_together_is_a_usage_error(cli: Cli) -> None:
    result = cli("check", RECURRING, "--quiet", "--verbose")
    assert result.code == 2 and "not allowed with" in result.err


def test_input_errors_come_first_in_their_file(cli: Cli, tmp_path: Path) -> None:
    case = write(
        tmp_path / "case.yaml",
        "officials:\n  - {id: lm, name: 李明, role: county_head}\n"
        "  - {id: x, name: 某, role: emperor}\n",
    )
    out = cli("check", str(case), *ON).out
    section = out.split(f"== {case} ==\n", 1)[1]
    assert section.startswith("输入错误 Input errors:\n  official:x role: ")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _check_on_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, *argv: str, no_color: str | None = None
) -> str:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    cli("check", RECURRING, *ON, *argv)
    return terminal.getvalue()


def test_colour_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _check_on_terminal(cli, monkeypatch)
    assert f"{ESC}31m[不符合 FAIL]{ESC}0m" in out
    assert f"{ESC}33m[例外接受 EXCEPTION]{ESC}0m" in out
    assert out.splitlines()[-1] == f"{ESC}31m结论：不合规 (not ok)，退出码 1{ESC}0m"


def test_no_colour_when_no_color_is_set(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ESC not in _check_on_terminal(cli, monkeypatch, no_color="1")


def test_no_colour_in_machine_formats_even_on_a_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _check_on_terminal(cli, monkeypatch, "--format", "json")
    assert ESC not in out and json.loads(out)["ok"] is False


def test_no_colour_in_a_pipe_or_a_file(cli: Cli) -> None:
    assert ESC not in cli("check", RECURRING, *ON).out  # captured: not a terminal
    piped = run_process("check", RECURRING, *ON)
    assert piped.returncode == 1 and ESC not in piped.stdout


def test_colour_can_be_forced_or_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ESC in cli("check", RECURRING, *ON, "--color", "always").out
    assert ESC not in _check_on_terminal(cli, monkeypatch, "--color", "never")


def test_english_only_output(cli: Cli) -> None:
    result = cli("check", RECURRING, *ON, "--lang", "en")
    out = result.out
    assert result.code == 1
    assert out.startswith("Working rules of the Pingyin County People's Government")
    assert "[FAIL] Art. 46 art46.annual_supervision_plan  period:2026" in out
    assert "    No annual supervision plan for 2026." in out
    assert "[FAIL] (warning) Art. 29" in out
    assert "Remedy: " in out and "[EXCEPTION]" in out
    for chinese in ("整改", "结论", "合计", "总计", "不符合", "符合"):
        assert chinese not in out
    assert out.splitlines()[-1] == "Result: not ok (exit 1)"


def test_explain_in_english_names_things_never_ids_or_expressions(cli: Cli) -> None:
    out = cli("check", DOCUMENTS, *ON, "--explain", "--lang", "en").out
    assert "依据" not in out and "    Why:" in out
    steps = [line.split(". ", 1)[1] for line in out.splitlines()
             if re.match(r"^      \d+\. ", line)]  # fmt: skip
    assert steps
    assert any(s.startswith("Rule: Signing authority for county documents (Art. 67)")
               for s in steps)  # fmt: skip
    assert any(s.startswith("Decision table of Art. 67 (公文签发权限): ") for s in steps)
    assert any("signers = the county head" in s for s in steps)  # display names of codes
    assert any(s.startswith("Scope: the rule applies to this document") for s in steps)
    assert any(s.startswith("Verdict: fail.") for s in steps)
    for step in steps:
        assert not re.search(r"\bart\d+\.\w+", step), step  # no rule id
        assert not re.search(r"record\.|==|!=|\[\w+ for ", step), step  # no expression
        assert not re.search(r"\b[a-z]+_[a-z_]+ =", step), step  # values named in words


def test_explain_in_chinese_names_things_never_ids_or_expressions(cli: Cli) -> None:
    out = cli("check", MEETINGS, *ON, "--explain").out
    steps = [line for line in out.splitlines() if re.match(r"^      \d+\. ", line)]
    assert any("适用范围：本规则适用于该会议（常务会议）。" in s for s in steps)
    for step in steps:
        assert not re.search(r"\bart\d+\.\w+", step), step
        assert "record." not in step and "==" not in step, step
        assert not re.search(r"\b[a-z]+_[a-z_]+ =", step), step  # evidence named in words


def test_explanations_in_json_are_unchanged_in_shape(cli: Cli) -> None:
    data = json.loads(cli("check", DOCUMENTS, *ON, "--explain", "--format", "json").out)
    explanation = data["verdicts"][0]["explanation"]
    assert isinstance(explanation, list) and all(type(s) is str for s in explanation)
    assert explanation[0].startswith("规则：")


def test_text_output_is_deterministic_across_runs_and_hash_seeds() -> None:
    argv = ("check", str(EXAMPLES), *ON, "--explain", "--verbose", "--lang", "en")
    first = run_process(*argv, env={"PYTHONHASHSEED": "1"})
    second = run_process(*argv, env={"PYTHONHASHSEED": "2"})
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and first.stdout


def test_version(cli: Cli) -> None:
    from pingyin_rules import __version__

    result = cli("--version")
    assert (result.code, result.out) == (0, f"pingyin-rules {__version__}\n")


def test_a_warning_is_marked_as_one(cli: Cli) -> None:
    out = cli("check", RECURRING, *ON).out
    assert (
        "[不符合 FAIL]（提示 warning） 第二十九条 art29.quarterly_law_study  period:2026-Q2" in out
    )
