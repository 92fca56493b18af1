"""Fixtures for the input tests: write a case file, run `pingyin-rules check` on it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from input_helpers import ON, Run

from pingyin_rules.cli import main


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """`cli(path, ...)`: `pingyin-rules check PATH... --on 2026-11-24 --format json` in this
    process (`fmt=` for another format)."""

    def run(*paths: str, fmt: str = "json", extra: tuple[str, ...] = ()) -> Run:
        code = main(["check", *paths, "--on", ON, "--format", fmt, *extra])
        out, err = capsys.readouterr()
        assert "internal error" not in err and "Traceback" not in err, err
        return Run(code, out, err)

    return run


@pytest.fixture()
def cli_process() -> Callable[..., Run]:
    """The command in its own process, with a timeout: for inputs that could block."""

    def run(*argv: str, timeout: float = 60) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "pingyin_rules.cli", *argv],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert "internal error" not in err and "Traceback" not in err, err
        return Run(done.returncode, out, err)

    return run


@pytest.fixture()
def case_file(tmp_path: Path) -> Callable[..., str]:
    """`case_file(text_or_bytes, name="case.yaml")` -> the path of a new file holding it."""

    def write(content: str | bytes, name: str = "case.yaml") -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return write
