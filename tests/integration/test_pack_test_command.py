"""`pingyin-rules test`: the cases beside the rules pass on the bundled pack, and a case that
no longer holds makes the command fail with its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.cli import main


def test_bundled_cases_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("passed, 0 failed")


def test_a_failing_case_fails_the_run_with_its_location(
    edit_file: Any, pack_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = pack_copy / "ch09" / "art51.yaml"
    edit_file(path, "value: \"2/3\"", "value: \"3/4\"")  # a stricter quorum breaks the 2/3 cases
    assert main(["test", str(pack_copy), "-k", "executive_quorum"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {path}:" in out
    assert "status: expected pass, got fail" in out
