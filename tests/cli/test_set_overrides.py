"""Issue 10: `--set` with a parameter the pack does not have names the valid ones, blames
the flag (not "the rule pack") and shows no path into the installed package."""

from __future__ import annotations

import pytest
from cli_helpers import EXAMPLES, ON, Cli

COMPLIANT = str(EXAMPLES / "compliant" / "2026-11-county-government.yaml")


def _refused(cli: Cli, setting: str) -> str:
    result = cli("check", COMPLIANT, *ON, "--set", setting)
    assert result.code == 2 and result.out == ""
    assert "rule pack" not in result.err and "site-packages" not in result.err
    assert ".yaml" not in result.err  # no pack file named: the flag is at fault
    return result.err


def test_a_misspelt_parameter_of_a_rule_lists_the_rules_parameters(cli: Cli) -> None:
    err = _refused(cli, "art69.policy_length:limt=2500")
    assert err.startswith("pingyin-rules: --set art69.policy_length:limt=2500: ")
    assert "rule art69.policy_length has no parameter 'limt' (did you mean 'limit'?)" in err
    assert "its own parameters: limit" in err
    assert "threshold_inclusive" in err  # the pack-wide ones, set without the rule


def test_a_misspelt_rule_is_named_with_the_closest_rule(cli: Cli) -> None:
    err = _refused(cli, "art69.policy_lenght:limit=2500")
    assert "no rule 'art69.policy_lenght' (did you mean 'art69.policy_length'?)" in err


def test_an_unknown_pack_wide_parameter_lists_the_pack_wide_ones(cli: Cli) -> None:
    err = _refused(cli, "threshold_inclusiv=true")
    assert "(did you mean 'threshold_inclusive'?)" in err
    assert "pack-wide parameters: " in err and "character_counting" in err
    assert "RULE:NAME" in err


def test_a_rules_parameter_given_without_the_rule_says_how_to_name_it(cli: Cli) -> None:
    err = _refused(cli, "active_series_days=30")
    assert "set it as art69." in err and ":active_series_days" in err


def test_a_pack_wide_parameter_given_with_a_rule_says_how_to_name_it(cli: Cli) -> None:
    err = _refused(cli, "art69.policy_length:character_counting=all")
    expected = "'character_counting' is a pack-wide parameter: set it as character_counting=VALUE"
    assert expected in err


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ("art69.policy_length:limit=abc", "expected an integer, got 'abc'"),
        ("art69.policy_length:limit=0", "0"),
        ("threshold_inclusive=maybe", "maybe"),
    ],
)
def test_a_value_the_parameter_refuses_is_blamed_on_the_flag(
    cli: Cli, setting: str, reason: str
) -> None:
    err = _refused(cli, setting)
    assert err.startswith(f"pingyin-rules: --set {setting}: ") and reason in err


def test_a_valid_override_still_applies(cli: Cli) -> None:
    result = cli("check", COMPLIANT, *ON, "--set", "art69.policy_length:limit=2500")
    assert result.code == 1 and "正文2980字，超过2500字。" in result.out


def test_set_needs_name_and_value(cli: Cli) -> None:
    result = cli("check", COMPLIANT, *ON, "--set", "novalue")
    assert result.code == 2 and "--set takes NAME=VALUE, got 'novalue'" in result.err
