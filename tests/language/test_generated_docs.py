"""The rule language reference and the rule-file schema are generated: the checked-in copies
must match what the code generates, and every rule file must satisfy the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from pingyin_rules.language.functions import FUNCTIONS
from pingyin_rules.language.reference import render_reference
from pingyin_rules.pack.spec import rule_file_schema
from pingyin_rules.pack.yaml_source import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]


def test_rule_language_reference_is_up_to_date() -> None:
    checked_in = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    assert checked_in == render_reference(), "run: pingyin-rules docs > docs/rule-language.md"


def test_coverage_table_is_up_to_date() -> None:
    from pingyin_rules.api import default_checker
    from pingyin_rules.coverage import render_coverage

    checked_in = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    expected = render_coverage(default_checker().pack, "markdown")
    command = "pingyin-rules coverage --format markdown > docs/coverage.md"
    assert checked_in == expected, f"run: {command}"


def test_every_function_is_in_the_reference_with_an_example() -> None:
    reference = render_reference()
    for function in FUNCTIONS.values():
        assert f"`{function.name}(" in reference
        assert function.example and function.zh and function.en


def test_rule_file_schema_is_up_to_date() -> None:
    checked_in = (ROOT / "rules" / "rule-file.schema.json").read_text(encoding="utf-8")
    expected = "run: pingyin-rules schema rule-file > rules/rule-file.schema.json"
    assert checked_in == rule_file_schema(), expected


def test_every_rule_file_satisfies_the_schema_and_names_it() -> None:
    schema = json.loads(rule_file_schema())
    files = sorted((ROOT / "rules").glob("ch*/art*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../rule-file.schema.json\n")
        jsonschema.validate(load_yaml_file(path), schema)  # as the pack loader reads it
