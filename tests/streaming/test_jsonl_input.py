"""JSON Lines case files as a user meets them: one record a line with its section, header
lines for the case and its period, each bad line reported with its line number and the
others still checked."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streaming_helpers import EXAMPLES, Run, jsonl_lines, plain

from pingyin_rules.case_files import expand_paths, read_case_file
from pingyin_rules.jsonl_cases import MAX_LINE_BYTES
from pingyin_rules.pack.yaml_source import load_yaml_file

ROSTER = [
    {"section": "officials", "id": "lm", "name": "李明", "role": "county_head"},
    {"section": "officials", "id": "wjg", "name": "王建国", "role": "executive_deputy_head"},
    {"section": "departments", "id": "czj", "name": "县财政局", "kind": "finance"},
]
TRAVEL = {
    "section": "absences", "id": "CC-1", "official": "wjg", "kind": "travel",
    "start": "2026-11-10", "end": "2026-11-12", "requested_on": "2026-11-02",
}  # fmt: skip


def _file(tmp_path: Path, lines: list[Any], name: str = "case.jsonl") -> str:
    text = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _errors(run: Run) -> list[dict[str, Any]]:
    return [e for e in run.lines() if e["type"] == "error"]


def test_a_json_lines_case_is_checked_like_the_same_yaml_case(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    data = load_yaml_file(EXAMPLES / "violations" / "travel-and-assignments.yaml")
    path = _file(tmp_path, list(jsonl_lines(data)))
    run = cli(path, "--format", "jsonl")
    *entries, summary = run.lines()
    assert run.code == 1 and summary["type"] == "summary" and summary["ok"] is False
    assert entries and all(e["type"] == "verdict" for e in entries)
    assert all(e["subject"].startswith(f"{path}#") for e in entries)
    assert sum(summary["summary"].values()) == len(entries)
    fails = {(e["rule_id"], e["subject"].split("#")[1]) for e in entries if e["status"] == "fail"}
    yaml_run = json.loads(
        cli(str(EXAMPLES / "violations" / "travel-and-assignments.yaml"), "--format", "json").out
    )
    assert fails == {
        (v["rule_id"], v["subject"].split("#")[1])
        for v in yaml_run["verdicts"]
        if v["status"] == "fail"
    }


def test_a_directory_includes_json_lines_files(tmp_path: Path) -> None:
    _file(tmp_path, ROSTER, "a.jsonl")
    (tmp_path / "notes.txt").write_text("not a case file", encoding="utf-8")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.jsonl")]


def test_a_bad_first_line_is_reported_first_and_the_rest_is_checked(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    bad = {"section": "meetings", "id": "CW-1", "kind": "weekly", "title": "会议"}
    path = _file(tmp_path, [bad, *ROSTER, TRAVEL])
    run = cli(path, "--format", "jsonl")
    first, *rest = run.lines()
    assert first["type"] == "error" and first["record"] == "meeting:CW-1"
    assert first["reason"].startswith("第1行：") and "line 1:" in first["reason"]
    assert first["field"] in ("kind", "date")
    judged = {e["subject"].split("#")[1] for e in rest if e["type"] == "verdict"}
    assert {"absence:CC-1", "official:lm", "official:wjg"} <= judged
    assert run.code == 2


def test_each_kind_of_bad_line_is_reported_with_its_line(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    lines: list[Any] = [
        *ROSTER,                                                    # 1-3
        "{not json",                                                # 4
        "[1, 2]",                                                   # 5
        {"section": "oficials", "id": "x", "name": "x", "role": "county_head"},  # 6
        {"section": "officials", "id": "lm", "name": "另一人", "role": "deputy_head"},  # 7
        {**TRAVEL, "id": "CC-2", "official": "nobody"},             # 8
        "",                                                         # 9: skipped
        {"case": "县政府2026年11月", "perod": {}},                   # 10
        '{"section": "absences", "id": "CC-3", "id": "CC-4"}',      # 11
        {**TRAVEL, "id": "CC-5", "start": "2026年11月20日", "end": "2026/11/21",
         "requested_on": "2026-11-1"},                              # 12: accepted forms
    ]  # fmt: skip
    run = cli(_file(tmp_path, lines), "--format", "jsonl")
    errors = [(e["record"], e["field"], e["reason"]) for e in _errors(run)]
    expected = [
        (None, None, "line 4: invalid JSON"),
        (None, None, "line 5: each line must be a JSON object"),
        (None, "section", "line 6: unknown section 'oficials'; did you mean 'officials'?"),
        ("officials[2]", "id", "line 7: duplicate id 'lm': the record at line 1 has it too"),
        (None, "perod", "line 10: unknown key 'perod'; did you mean 'period'?"),
        (None, None, "line 11: duplicate key 'id'"),
        # resolved once every line has been read: the record named could have come later
        (
            "absence:CC-2",
            "official",
            "第8行 / line 8: 'nobody' 不在人员名册（officials）中 / 'nobody' is not on the roster",
        ),
    ]
    assert len(errors) == len(expected), errors
    for (record, field, reason), (want_record, want_field, want) in zip(
        errors, expected, strict=True
    ):
        assert (record, field) == (want_record, want_field) and want in reason, reason
        assert reason.startswith("第"), reason  # Chinese first, with the line
    judged = {e["subject"].split("#")[1] for e in run.lines() if e["type"] == "verdict"}
    assert "absence:CC-5" in judged and "absence:CC-2" not in judged
    assert run.code == 2


def test_references_are_resolved_whatever_the_order_of_the_lines(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli(_file(tmp_path, [TRAVEL, *reversed(ROSTER)]), "--format", "jsonl")
    assert _errors(run) == [] and run.code in (0, 1)


def test_the_header_gives_the_case_and_its_period(cli: Callable[..., Run], tmp_path: Path) -> None:
    period = {"period": {"start": "2026-01-01", "end": "2026-03-31"}}
    path = _file(tmp_path, [{"case": "县政府2026年一季度"}, period, *ROSTER])
    loaded = read_case_file(path)
    assert loaded.case is not None and loaded.case.case == "县政府2026年一季度"
    assert loaded.case.period is not None and loaded.case.period.end.isoformat() == "2026-03-31"
    again = _file(tmp_path, [period, *ROSTER, period], "twice.jsonl")
    (error,) = _errors(cli(again, "--format", "jsonl"))
    assert (
        error["field"] == "period"
        and "line 5: 'period' was already given at line 1" in (error["reason"])
    )
    too_long = {"period": {"start": "2001-01-01", "end": "2026-12-31"}}
    (error,) = _errors(cli(_file(tmp_path, [too_long, *ROSTER], "long.jsonl"), "--format", "jsonl"))
    assert error["field"] == "period" and "line 1:" in error["reason"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [([], "the file is empty"), ([{"case": "x"}], "holds no records")],
    ids=["empty", "header only"],
)
def test_a_file_without_records_is_an_input_error(
    cli: Callable[..., Run], tmp_path: Path, lines: list[Any], expected: str
) -> None:
    run = cli(_file(tmp_path, lines), "--format", "jsonl")
    (error,) = _errors(run)
    assert expected in error["reason"] and run.code == 2


def test_undecodable_text_costs_only_its_line(cli: Callable[..., Run], tmp_path: Path) -> None:
    good = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROSTER)
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(
        "\ufeff".encode()
        + good.encode()
        + b'{"section": "absences", "id": "A\xff", "official": "lm"}\n'
        + b'{"section": "absences", "id": "CC-9", "official": "lm", "kind": "travel", '
        + b'"start": "2026-11-10", "end": "2026-11-11", "note": "\\ud800"}\n'
        + json.dumps(TRAVEL).encode()
        + b"\n"
    )
    run = cli(str(path), "--format", "jsonl")
    errors = _errors(run)
    assert [e["reason"].split("：")[0] for e in errors] == ["第4行", "第5行"]
    assert all("cannot be decoded" in e["reason"] for e in errors)
    judged = {e["subject"].split("#")[1] for e in run.lines() if e["type"] == "verdict"}
    assert "absence:CC-1" in judged and "official:lm" in judged


def test_a_file_in_another_encoding_is_refused_and_named(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(json.dumps(ROSTER[0], ensure_ascii=False).encode("utf-16"))
    (error,) = _errors(cli(str(path), "--format", "jsonl"))
    assert "UTF-16" in error["reason"]


def test_an_overlong_line_is_refused_and_the_rest_read(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    long_line = json.dumps({"section": "officials", "id": "x", "name": "x" * MAX_LINE_BYTES})
    path = _file(tmp_path, [long_line, *ROSTER])
    run = cli(path, "--format", "jsonl")
    (error,) = _errors(run)
    assert "line 1: this line is longer than" in error["reason"]
    assert any(e["type"] == "verdict" for e in run.lines())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_being_read(cli: Callable[..., Run], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (error,) = _errors(cli(str(fifo), "--format", "jsonl"))
    assert "FIFO" in error["reason"]


def test_stdin_holding_json_lines_is_read_as_json_lines(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load_yaml_file(EXAMPLES / "violations" / "travel-and-assignments.yaml")
    text = "\n" + "\n".join(jsonl_lines(data)) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    from_stdin = json.loads(cli("-", "--format", "json").out)
    as_yaml = json.loads(
        cli(str(EXAMPLES / "violations" / "travel-and-assignments.yaml"), "--format", "json").out
    )
    assert from_stdin["summary"] == as_yaml["summary"] and from_stdin["errors"] == []


def test_stdin_holding_a_json_case_file_is_still_read_whole(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = plain(load_yaml_file(EXAMPLES / "compliant" / "roster-and-bodies.yaml"))
    for text in (json.dumps(data), json.dumps(data, indent=2)):
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        run = cli("-", "--format", "json")
        assert json.loads(run.out)["errors"] == [] and run.code == 0
