"""Output written as the check goes is the output of the whole report: the JSON report byte
for byte, the text byte for byte, and JSON Lines carrying the JSON report's entries."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streaming_helpers import EXAMPLES, ON, Run, to_jsonl, whole_report

from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.records import SECTIONS
from pingyin_rules.text_report import TextOptions, render_run

PACK = load_pack()


def _exit_code(report_errors: int, failed: bool) -> int:
    return 2 if report_errors else 1 if failed else 0


@pytest.mark.parametrize("explain", [False, True], ids=["plain", "explain"])
def test_the_streamed_json_report_is_the_whole_report_byte_for_byte(
    cli: Callable[..., Run], checker: Checker, jsonl_examples: list[Path], explain: bool
) -> None:
    folder = str(jsonl_examples[0].parent)
    flags = ("--explain",) if explain else ()
    run = cli(folder, "--format", "json", *flags)
    report = whole_report(checker, [folder], explain=explain)
    assert report.verdicts and run.out == report.to_json(explain=explain) + "\n"
    assert run.code == _exit_code(len(report.errors), report.failed())


def test_the_streamed_json_report_of_yaml_files_is_unchanged(
    cli: Callable[..., Run], checker: Checker
) -> None:
    run = cli(str(EXAMPLES), "--format", "json")
    assert run.out == whole_report(checker, [str(EXAMPLES)]).to_json() + "\n"


def test_json_lines_input_gives_the_verdicts_of_the_same_yaml_file(
    cli: Callable[..., Run], jsonl_examples: list[Path]
) -> None:
    for jsonl in jsonl_examples:
        folder, name = jsonl.stem.split("-", 1)
        yaml_path = EXAMPLES / folder / f"{name}.yaml"
        from_yaml = json.loads(cli(str(yaml_path), "--format", "json").out)
        from_jsonl = json.loads(cli(str(jsonl), "--format", "json").out)
        for verdict in from_jsonl["verdicts"]:
            verdict["subject"] = verdict["subject"].replace(str(jsonl), str(yaml_path))
        assert from_jsonl == from_yaml, jsonl.name


def test_json_lines_output_carries_the_json_reports_entries_then_a_summary(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.jsonl"
    roster = to_jsonl(EXAMPLES / "violations" / "roster-and-bodies.yaml", tmp_path / "r.jsonl")
    broken.write_text(
        roster.read_text(encoding="utf-8")
        + '{"section": "meetings", "id": "M-1", "kind": "executive"}\n',
        encoding="utf-8",
    )
    paths = (str(broken), str(EXAMPLES / "violations" / "meetings.yaml"))
    report = json.loads(cli(*paths, "--format", "json").out)
    run = cli(*paths, "--format", "jsonl")
    lines = run.lines()
    *entries, summary = lines
    assert summary == {
        "type": "summary",
        "ok": report["ok"],
        "summary": report["summary"],
        "input_errors": len(report["errors"]),
    }
    verdicts = [{k: v for k, v in e.items() if k != "type"} for e in entries
                if e["type"] == "verdict"]  # fmt: skip
    errors = [{k: v for k, v in e.items() if k != "type"} for e in entries if e["type"] == "error"]
    assert verdicts == report["verdicts"] and errors == report["errors"]
    assert errors and all(e["type"] in ("verdict", "error") for e in entries)
    assert all(next(iter(e)) == "type" for e in lines)
    assert run.code == 2


def test_each_json_line_is_one_compact_line(cli: Callable[..., Run]) -> None:
    run = cli(str(EXAMPLES / "violations" / "documents.yaml"), "--format", "jsonl", "--explain")
    for line in run.out.splitlines():
        entry = json.loads(line)
        assert json.dumps(entry, ensure_ascii=False, separators=(",", ":")) == line
        if entry["type"] == "verdict":
            assert isinstance(entry["explanation"], list)


@pytest.mark.parametrize(
    ("verbose", "explain", "lang"),
    [(False, False, "zh"), (True, False, "en"), (True, True, "zh"), (False, True, "en")],
)
def test_the_streamed_text_is_the_whole_reports_text(
    cli: Callable[..., Run],
    checker: Checker,
    jsonl_examples: list[Path],
    verbose: bool,
    explain: bool,
    lang: str,
) -> None:
    paths = [str(EXAMPLES / "violations"), str(jsonl_examples[0])]
    flags = ["--lang", lang] + ["--verbose"] * verbose + ["--explain"] * explain
    run = cli(*paths, *flags)
    sections = [
        (path, whole_report(checker, [path], explain=explain))
        for path in [*map(str, sorted((EXAMPLES / "violations").glob("*.yaml"))), paths[1]]
    ]
    report = whole_report(checker, paths)
    code = _exit_code(len(report.errors), report.failed())
    title = PACK.title_zh if lang == "zh" else PACK.title_en
    heading = f"{title} — 截至 {ON}" if lang == "zh" else f"{title} — as of {ON}"
    options = TextOptions(lang, verbose, explain, colour=False)
    assert run.out == render_run(sections, heading=heading, exit_code=code, options=options)
    assert run.code == code


def test_quiet_streams_and_prints_only_the_status(
    cli: Callable[..., Run], jsonl_examples: list[Path]
) -> None:
    run = cli(str(jsonl_examples[0].parent), "--quiet")
    assert run.code == 1 and run.out == "结论：不合规 (not ok)，退出码 1\n"


def test_ci_formats_point_at_the_line_of_a_json_lines_record(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = to_jsonl(EXAMPLES / "violations" / "documents.yaml", tmp_path / "documents.jsonl")
    line_of = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = json.loads(line)
        if "section" in entry:
            line_of[f"{path}#{SECTIONS[entry['section']].record_type}:{entry['id']}"] = number
    report = json.loads(cli(str(path), "--format", "json").out)
    failing = [v for v in report["verdicts"] if v["status"] == "fail"]
    run = cli(str(path), "--format", "github")
    pointed = re.findall(r"^::(?:error|warning) file=[^,]*,line=(\d+),", run.out, re.MULTILINE)
    assert failing and [int(n) for n in pointed] == [line_of[v["subject"]] for v in failing]


@pytest.mark.parametrize("fail_on", ["error", "warning"])
def test_streamed_github_annotations_are_those_of_the_whole_report(
    cli: Callable[..., Run], checker: Checker, jsonl_examples: list[Path], tmp_path: Path,
    fail_on: str,
) -> None:  # fmt: skip
    from pingyin_rules.formats.github import render_github

    broken = tmp_path / "broken.yaml"  # input errors too: at their lines, at the end
    broken.write_text(
        "officials:\n  - {id: lm, name: 李明, role: county_head}\nmeetings:\n"
        "  - {id: M-1, kind: executive, title: 会议, date: 2026-11-10, chiar: lm}\n",
        encoding="utf-8",
    )
    paths = [str(EXAMPLES), str(jsonl_examples[0].parent), str(broken)]
    run = cli(*paths, "--format", "github", "--fail-on", fail_on)
    report = whole_report(checker, paths)
    assert run.out == render_github(report, PACK, fail_on=fail_on)
    assert "title=input-error" in run.out and run.code == 2
