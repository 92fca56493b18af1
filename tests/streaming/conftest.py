"""Fixtures for the streaming tests: the command in this process, and the bundled examples
as JSON Lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streaming_helpers import ON_ARGS, Run, examples_as_jsonl

from pingyin_rules.cli import main


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """`cli(*paths_and_flags)`: `pingyin-rules check ... --on 2026-11-24` in this process."""

    def run(*argv: str) -> Run:
        code = main(["check", *argv, *ON_ARGS])
        out, err = capsys.readouterr()
        assert "internal error" not in err and "Traceback" not in err, err
        return Run(code, out, err)

    return run


@pytest.fixture(scope="session")
def jsonl_examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return examples_as_jsonl(tmp_path_factory.mktemp("jsonl-examples"))
