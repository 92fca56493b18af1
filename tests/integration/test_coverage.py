"""The coverage matrix: every article classified, every executable or procedural article
encoded by a rule or deferred with a reason, and `pingyin-rules coverage` showing it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from pingyin_rules.cli import main
from pingyin_rules.coverage import coverage_problems, coverage_rows
from pingyin_rules.pack.lint import lint_pack
from pingyin_rules.pack.loader import load_pack


def test_every_article_is_classified_and_every_executable_one_is_encoded_or_deferred() -> None:
    pack = load_pack()
    rows = coverage_rows(pack)
    assert [r.article for r in rows] == list(range(1, pack.articles + 1))
    assert coverage_problems(pack) == []
    assert {r.kind for r in rows} <= {"E", "P", "N"}
    assert all(r.standing != "gap" for r in rows)


def test_encoded_articles_list_their_rules_and_cases() -> None:
    rows = {r.article: r for r in coverage_rows(load_pack())}
    assert rows[51].standing == "encoded"
    assert {"art51.executive_quorum", "art51.expected_members"} <= set(rows[51].rules)
    assert rows[51].cases > 10
    assert rows[83].standing == "encoded"  # every rule's period in force


def test_coverage_command_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 84 and rows[50]["article"] == 51
    assert main(["coverage", "--format", "markdown"]) == 0
    assert "| 第五十一条 | E |" in capsys.readouterr().out
    assert main(["coverage"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("合计：")


def test_an_executable_article_without_rule_or_deferral_fails_lint(pack_copy: Path) -> None:
    path = pack_copy / "coverage.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    deferred = next(n for n, e in data["articles"].items() if e.get("deferred"))
    del data["articles"][deferred]["deferred"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = lint_pack(pack_copy)
    assert [p.code for p in problems] == ["coverage-gap"]
    assert f"(art. {deferred})" in problems[0].message


def test_a_deferral_for_an_encoded_article_fails_lint(pack_copy: Path) -> None:
    path = pack_copy / "coverage.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][51]["deferred"] = "not yet"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "still marked deferred" in " ".join(p.message for p in lint_pack(pack_copy))
