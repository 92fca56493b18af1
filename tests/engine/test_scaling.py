"""No rule reads more than n log n records (issue 9): counted, not timed.

For each rule, the records of its own test cases are copied k times (new ids, the same
references, so cross-record rules see k times as many peers: their worst case) and the check
counts every item a comprehension in the rule iterates and every record the case index hands
it. Going from k to 4k must cost about 4 times as much (n log n allows a little more); a rule
that scans a whole section for each record costs 16 times as much and fails here, naming
itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.case_files import build_case
from pingyin_rules.engine import lowering
from pingyin_rules.engine.case_index import CaseIndex
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.pack_tests import case_records
from pingyin_rules.records import SECTIONS

# The roster is reference data a case carries once, not records that grow with the case.
REFERENCE = {"officials", "departments"}
SMALL, LARGE = 10, 40
# n log n from SMALL to LARGE copies, with room for the fixed cost of the roster.
ALLOWED_GROWTH = (LARGE / SMALL) * 1.5

PACK = load_pack()
_COMPREHENSION = lowering._SYNTAX["comp"]  # the engine's own, before any test wraps it


def _copies(records: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    return [
        {**r, "id": f"{r['id']}~{i}"} if i else r
        for i in range(k)
        for r in records
        if isinstance(r, dict) and "id" in r
    ]


def _scaled(rule_id: str, k: int, pack: CompiledPack) -> Iterator[tuple[Any, dict[str, Any]]]:
    for case in pack.cases:
        if case.rule != rule_id or any(e.error is not None for e in case.expect):
            continue
        data = case_records(pack, case)
        for section in SECTIONS:
            if section not in REFERENCE and case.given.get(section):
                own = {r.get("id") for r in case.given[section] if isinstance(r, dict)}
                shared = [r for r in data.get(section, []) if r.get("id") not in own]
                data[section] = shared + _copies(list(case.given[section]), k)
        yield case, data


_INDEX_READS = ("records", "records_with", "absences_of")


def _counted(read: Any, counter: list[int]) -> Any:
    def counting_read(self: CaseIndex, *args: Any) -> Any:
        found = read(self, *args)
        counter[0] += len(found)
        return found

    return counting_read


def _counting_checker(
    rule_id: str, counter: list[int], monkeypatch: pytest.MonkeyPatch, pack: CompiledPack
) -> Checker:
    """A checker of one rule whose comprehensions count the items they iterate."""
    original = _COMPREHENSION

    def counting(expr: Any, rule: Any) -> Any:
        source_node = expr.args[0]
        source = lowering.lower(source_node, rule)
        comp = original(expr, rule)

        def run(ctx: Any) -> Any:
            items = source(ctx)
            counter[0] += len(items) if items is not None else 0
            return comp(ctx)

        return run

    monkeypatch.setitem(lowering._SYNTAX, "comp", counting)
    # Records handed out by the index count too: a function that takes a whole section for
    # each record (`count(case_records('meetings'))`) is a scan no comprehension shows.
    for name in _INDEX_READS:
        read = getattr(CaseIndex, name)
        monkeypatch.setattr(CaseIndex, name, _counted(read, counter))
    rule = pack.rule(rule_id)
    one = dataclasses.replace(pack, rules=(rule,), rules_by_type={rule.applies_to: (rule,)})
    return Checker(one)


def _work(rule_id: str, k: int, monkeypatch: pytest.MonkeyPatch, pack: CompiledPack = PACK) -> int:
    counter = [0]
    checker = _counting_checker(rule_id, counter, monkeypatch, pack)
    for case, data in _scaled(rule_id, k, pack):
        loaded = build_case(data, case.file)
        assert loaded.case is not None, loaded.errors
        checker.check(loaded.case, on=case.on)
    return counter[0]


RULES_WITH_CASES = sorted({c.rule for c in PACK.cases})


@pytest.mark.parametrize("rule_id", RULES_WITH_CASES)
def test_rule_cost_grows_no_faster_than_n_log_n(
    rule_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = _work(rule_id, SMALL, monkeypatch), _work(rule_id, LARGE, monkeypatch)
    if small == 0:
        assert large == 0, f"{rule_id}: no work for {SMALL} copies, {large} for {LARGE}"
        return
    growth = large / small
    assert growth <= ALLOWED_GROWTH, (
        f"{rule_id} iterates {small} items for {SMALL} copies of its cases and {large} for "
        f"{LARGE}: ×{growth:.1f} for ×{LARGE // SMALL} records (it scans a section per record)"
    )


def test_a_rule_taking_a_whole_section_per_record_is_caught(
    monkeypatch: pytest.MonkeyPatch, pack_copy: Path, edit_file: Any
) -> None:
    # No comprehension: only the index's count of records handed out can see this scan.
    edit_file(
        pack_copy / "ch09/art59.yaml",
        "earlier_count: count(_earlier)",
        "earlier_count: count(_earlier) + 0 * count(case_records('meetings'))",
    )
    pack = load_pack(pack_copy)
    rule_id = "art59.system_meeting_once_a_year"
    small = _work(rule_id, SMALL, monkeypatch, pack)
    large = _work(rule_id, LARGE, monkeypatch, pack)
    assert large / small > ALLOWED_GROWTH
