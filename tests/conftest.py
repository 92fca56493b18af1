"""Shared fixtures: the bundled pack, a realistic roster, and a helper to get one verdict."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pingyin_rules.case_files import build_case
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import bundled_pack_path, load_pack
from pingyin_rules.report import Report, Verdict


def pytest_configure(config: pytest.Config) -> None:
    """The command line caches compiled packs in the user's cache directory: tests keep
    theirs in a directory of their own, so a test run leaves nothing in the home directory."""
    if "PINGYIN_RULES_CACHE_DIR" not in os.environ:
        os.environ["PINGYIN_RULES_CACHE_DIR"] = tempfile.mkdtemp(prefix="pingyin-rules-cache-")


TESTS = Path(__file__).parent
ROOT = TESTS.parent
EVAL_DATE = dt.date(2026, 11, 24)


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker(load_pack())


@pytest.fixture(scope="session")
def roster() -> dict[str, Any]:
    """Officials and departments of a county government (ids like lm = 李明, county head)."""
    return yaml.safe_load((TESTS / "roster.yaml").read_text(encoding="utf-8"))


class CaseRunner:
    def __init__(self, checker: Checker, roster: dict[str, Any]) -> None:
        self.checker = checker
        self.roster = roster

    def report(self, on: dt.date = EVAL_DATE, **sections: Any) -> Report:
        data = {**self.roster, **sections}
        loaded = build_case(data, "test")
        assert not loaded.errors, loaded.errors
        assert loaded.case is not None
        return self.checker.check(loaded.case, on=on)

    def verdict(self, rule_id: str, on: dt.date = EVAL_DATE, **sections: Any) -> Verdict:
        report = self.report(on=on, **sections)
        assert not report.errors, report.errors
        found = [v for v in report.verdicts if v.rule_id == rule_id]
        assert len(found) == 1, f"expected one {rule_id} verdict, got {len(found)}"
        return found[0]


@pytest.fixture()
def run(checker: Checker, roster: dict[str, Any]) -> CaseRunner:
    """`run.verdict("art51.executive_quorum", meetings=[{...}])` -> the one verdict."""
    return CaseRunner(checker, roster)


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the bundled pack to break or amend."""
    target = tmp_path / "pack"
    shutil.copytree(bundled_pack_path(), target)
    return target


def _edit_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def edit_file() -> Callable[[Path, str, str], None]:
    """`edit_file(path, old, new)`: replace the first `old`; the test is wrong if it is absent."""
    return _edit_file
