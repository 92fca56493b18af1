"""What docs/ci.md promises: the pre-commit hook takes case files only, and the pattern the
docs show is the hook's own."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _hook_pattern() -> str:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (check,) = [h for h in hooks if h["id"] == "pingyin-rules-check"]
    assert "types_or" not in check and "types" not in check  # not every YAML file
    return str(check["files"])


def test_the_hook_checks_case_files_and_nothing_else() -> None:
    pattern = re.compile(_hook_pattern())
    for path in ("cases/2026-11.yaml", "county/cases/meetings.json", "a/b/cases/x.jsonl",
                 "2026-11-meetings.case.yaml", "docs/one.case.yml"):  # fmt: skip
        assert pattern.search(path), path
    for path in (".github/workflows/ci.yaml", "docker-compose.yml", "rules/pack.yaml",
                 "package.json", "showcases/x.yaml", "cases.yaml"):  # fmt: skip
        assert not pattern.search(path), path


def test_the_docs_show_the_hooks_pattern() -> None:
    assert _hook_pattern() in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def test_the_integration_example_runs(capsys: object) -> None:
    """examples/integration: a draft that passes goes for signature, one signed by the wrong
    leader is stopped with the rule, the message and the remedy."""
    import runpy

    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    runpy.run_path(str(ROOT / "examples" / "integration" / "sign_workflow.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "PZF-2026-30: 可以报送签发" in out
    assert "art67.signing_authority" in out and "须报请县长重新签发后方可印发" in out
