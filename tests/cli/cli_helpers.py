"""Helpers for the command-line tests: run `pingyin-rules` as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pingyin_rules.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
ON = ("--on", "2026-11-24")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str) -> Result:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return Result(code, out, err)


def run_process(*argv: str, env: dict[str, str] | None = None,
                cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """The command in a fresh interpreter, as a user's shell starts it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "pingyin_rules.cli", *argv], env=environment,
                          capture_output=True, text=True, cwd=cwd, check=False)  # fmt: skip


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
