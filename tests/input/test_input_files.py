"""Files that are not case files: empty, without records, not regular, too big."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from input_helpers import ON, ROSTER, Run

from pingyin_rules.case_files import read_case_file
from pingyin_rules.cli import main
from pingyin_rules.input_limits import MAX_INPUT_BYTES, MAX_INPUT_ENV


@pytest.mark.parametrize("text", ["", "\n\n", "# 导出失败\n", "\ufeff"], ids=repr)
def test_an_empty_file_is_an_input_error_not_ok(
    cli: Callable[..., Run], case_file: Callable[..., str], text: str
) -> None:
    path = case_file(text)
    run = cli(path)
    assert run.code == 2
    assert run.report["ok"] is False and run.report["verdicts"] == []
    (error,) = run.errors
    assert "文件为空" in error["reason"] and "empty" in error["reason"]
    text_run = cli(path, fmt="text")
    assert text_run.code == 2 and "文件为空" in text_run.out and "合规 (ok)" not in text_run.out


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("only-a-name.yaml", "case: 县政府2026年11月工作记录\n"),
        ("empty-sections.yaml", "officials: []\nmeetings: []\n"),
        ("period-only.yaml", "period: {start: 2026-01-01, end: 2026-03-31}\n"),
        ("empty.json", "{}"),
        ("null-sections.json", '{"officials": null, "documents": []}'),
    ],
)
def test_a_file_with_no_records_is_an_input_error(
    cli: Callable[..., Run], case_file: Callable[..., str], name: str, text: str
) -> None:
    run = cli(case_file(text, name))
    assert run.code == 2
    (error,) = run.errors
    assert "没有任何记录" in error["reason"] and "no records" in error["reason"]


def test_empty_stdin_is_an_input_error(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    run = cli("-")
    assert run.code == 2 and "empty" in run.errors[0]["reason"]


def test_records_on_stdin_are_read(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ROSTER.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    run = cli("-")
    assert run.code == 0 and run.errors == []
    assert run.verdicts_for("roster")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_named_like_a_case_file_is_refused_without_waiting(
    cli_process: Callable[..., Run], tmp_path: Path
) -> None:
    fifo = tmp_path / "export.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    run = cli_process("check", str(fifo), "--on", ON, "--format", "json", timeout=60)
    assert time.monotonic() - started < 60
    assert run.code == 2
    (error,) = run.errors
    assert "FIFO" in error["reason"] and "not a regular file" in error["reason"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_before_reading(
    cli_process: Callable[..., Run], tmp_path: Path
) -> None:
    link = tmp_path / "case.yaml"
    link.symlink_to("/dev/zero")
    run = cli_process("check", str(link), "--on", ON, "--format", "json", timeout=60)
    assert run.code == 2
    assert "character device" in run.errors[0]["reason"]


def test_a_directory_named_like_a_case_file_is_not_read_as_one(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    inner = tmp_path / "cases" / "2026.yaml"
    inner.mkdir(parents=True)
    (inner / "roster.yaml").write_text(ROSTER, encoding="utf-8")
    run = cli(str(tmp_path / "cases"))
    assert run.code == 0 and run.errors == []  # its file is checked, the directory is not read
    assert run.verdicts_for("roster")
    loaded = read_case_file(str(inner))  # through the library: refused, with the reason
    assert loaded.case is None and "directory" in loaded.errors[0].reason


def test_a_missing_file_is_an_input_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli(str(tmp_path / "nowhere.yaml"))
    assert run.code == 2 and "no such file" in run.errors[0]["reason"]


def test_an_oversized_file_is_refused_before_reading(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    # A sparse file just over the limit: all NUL bytes, so had it been read, the error would
    # be about its content, not its size.
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)
    started = time.monotonic()
    run = cli(str(path))
    assert time.monotonic() - started < 10
    assert run.code == 2
    (error,) = run.errors
    assert "too big" in error["reason"] and "文件过大" in error["reason"]
    assert MAX_INPUT_ENV in error["reason"]  # says how to raise the limit


def test_the_size_limit_is_an_option(
    cli: Callable[..., Run], case_file: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = case_file(ROSTER + "# " + "x" * 2000 + "\n")
    monkeypatch.setenv(MAX_INPUT_ENV, "0.001")  # about 1 KB
    run = cli(path)
    assert run.code == 2 and "1048 bytes limit" in run.errors[0]["reason"]
    monkeypatch.setenv(MAX_INPUT_ENV, "1")
    assert cli(path).code == 0
    assert read_case_file(path, max_bytes=100).errors[0].reason.count("too big") == 1


def test_a_bad_size_limit_setting_is_explained(
    case_file: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(MAX_INPUT_ENV, "lots")
    code = main(["check", case_file(ROSTER), "--on", ON, "--format", "json"])
    assert code == 2
    assert MAX_INPUT_ENV in capsys.readouterr().out
