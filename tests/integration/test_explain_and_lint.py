"""`explain` for people, `lint` for pack authors: each kind of defect is caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.cli import main
from pingyin_rules.pack.lint import lint_pack


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_explain_article_67_shows_text_rules_parameters_and_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(capsys, "explain", "--article", "67")
    assert code == 0
    assert out.startswith("第六十七条（第十章 规范公文处理）")
    assert "（六）经县政府常务会议决定的事项" in out  # the article's text
    assert "art67.signing_authority" in out and "art67.drafting_check" in out
    # Tables by their name and codes by their display names (issue 10).
    assert "决策表「公文签发权限」" in out and "县长授权的副县长" in out
    assert "county_head_may_sign_for_deputies" in out  # an interpretation choice, with reason


def test_explain_rule_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "explain", "art51.executive_quorum")
    assert code == 0
    assert "quorum = 2/3" in out and "threshold_inclusive" in out
    assert "[符合 pass] 应到12人，实到8人" in out


def test_explain_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "art99.nothing"]) == 2


def test_explain_article_without_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "explain", "--article", "2")
    assert code == 0 and "没有编码第二条的规则" in out


def test_bundled_pack_lints_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_pack() == []
    assert _run(capsys, "lint") == (0, "the bundled pack: clean\n")


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    [
        ("ch09/art51.yaml", "  - id: art51.executive_quorum\n",
         "  - id: art51.executive_quorum\n    colour: red\n", "unknown-field"),
        ("ch10/art69.yaml", "id: art69.briefing_length", "id: art69.policy_length",
         "duplicate-id"),
        ("ch09/art51.yaml", "article: 51\n    title: {zh: 常务会议出席",
         "article: 95\n    title: {zh: 常务会议出席", "article-range"),
        ("ch10/art69.yaml", "en: Briefing issues within 2000 characters}", "}",
         "message-missing"),
        ("ch11/art73.yaml", "- when: {role: town_head}",
         "- when: {role: [town_head, county_head]}", "table-overlap"),
        ("ch11/art73.yaml", "- when: {role: town_head}",
         "- when: {role: town_head, long_trip: true}", "table-gap"),
        ("ch09/art51.yaml", "clause: 出席人数应达到应到人数的三分之二以上。",
         "clause: 出席人数应达到应到人数的一半以上。", "clause-not-in-text"),
        # A rule filed under another article (renaming the id instead would orphan its cases).
        ("ch09/art51.yaml", "article: 51\n    title: {zh: 常务会议出席",
         "article: 52\n    title: {zh: 常务会议出席", "id-article"),
        ("ch09/art51.yaml", "requires: ratio >= quorum if threshold_inclusive else ratio > quorum",
         "requires: attended >== required", "expression"),
        ("ch09/art51.yaml", "chapter: 第九章 完善会议制度", "chapter: [第九章", "yaml"),
    ],
)  # fmt: skip
def test_lint_catches_each_kind_of_defect(
    edit_file: Any,
    pack_copy: Path,
    file: str,
    old: str,
    new: str,
    code: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    edit_file(pack_copy / file, old, new)
    problems = lint_pack(pack_copy)
    assert code in {p.code for p in problems}, problems
    assert all(p.file for p in problems)
    exit_code, out = _run(capsys, "lint", str(pack_copy))
    assert exit_code == 1 and f"[{code}]" in out
