"""The YAML test cases beside each rule (`tests:` in rules/chNN/artNN.yaml), one pytest test
each, named after the rule and the case."""

from __future__ import annotations

import pytest

from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.pack_tests import run_case

PACK = load_pack()


@pytest.mark.parametrize("case", PACK.cases, ids=[f"{c.rule}/{c.name}" for c in PACK.cases])
def test_case(checker: Checker, case: object) -> None:
    result = run_case(checker, case)  # type: ignore[arg-type]
    assert result.passed, f"{result.location}\n" + "\n".join(result.problems)
