"""`pingyin-rules explain` for people: codes by their display names, parameters by the names
`--set` takes, and all of it in English with --lang en."""

from __future__ import annotations

import re

from cli_helpers import Cli


def test_english_only(cli: Cli) -> None:
    result = cli("explain", "art67.signing_authority", "--lang", "en")
    assert result.code == 0
    out = result.out
    assert out.startswith("art67.signing_authority: Signing authority for county documents")
    assert "Applies to: document; severity: error; in force: from 2022-07-15" in out
    assert "Decision table of Art. 67 (公文签发权限)" in out
    assert "a deputy head authorized by the county head" in out  # a code's display name
    assert "temporary body" in out and "temporary_body" not in out  # a code without one
    assert "(Art. 8) → pass: " in out  # exceptions by what they say, not their ids
    for chinese_label in ("条文", "适用于", "参数", "例外", "示例", "决策表"):
        assert chinese_label not in out


def test_parameters_are_named_as_set_takes_them(cli: Cli) -> None:
    out = cli("explain", "art51.executive_quorum").out
    assert "art51.executive_quorum:quorum = 2/3" in out  # the rule's own: RULE:NAME
    assert re.search(r"^  threshold_inclusive = ", out, flags=re.MULTILINE)  # pack-wide
    assert "--set" in out


def test_an_article_in_english(cli: Cli) -> None:
    out = cli("explain", "--article", "10", "--lang", "en").out
    assert out.startswith("Art. 10 (第二章 组成人员职责)\n")
    assert "art10.backup_partners_not_away_together: A/B backup partners" in out
    none = cli("explain", "--article", "2", "--lang", "en").out
    assert none.rstrip().endswith("No rule of this pack encodes Art. 2.")


def test_an_unknown_rule_suggests_the_closest(cli: Cli) -> None:
    result = cli("explain", "art51.executive_quorom")
    assert result.code == 2
    hint = "no rule 'art51.executive_quorom' (did you mean 'art51.executive_quorum'?)"
    assert hint in result.err
