"""Loading, validating and compiling rule packs: a broken file is refused whole, with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.case_files import build_case
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import MAX_LET_CHAIN, PackError, load_pack

# Lines of rules/ch09/art51.yaml that these tests break on purpose.
QUORUM_REQUIRES = "requires: ratio >= quorum if threshold_inclusive else ratio > quorum"
ATTENDED = "count(intersect(attendees, members))"


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_bundled_pack_loads_with_every_rule_cited_and_bilingual() -> None:
    pack = load_pack()
    assert pack.id == "pingyin-2022"
    assert len(pack.rules) >= 20
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))
    for rule in pack.rules:
        assert 1 <= rule.article <= pack.articles
        assert rule.clause and rule.title_zh and rule.title_en
        assert set(rule.messages) >= {"pass", "fail"}


def test_bundled_decision_tables_cover_every_combination_exactly_once() -> None:
    for table in load_pack().tables.values():
        assert table.gaps == () and table.overlaps == (), table.name


def test_rules_are_compiled_to_plain_data() -> None:
    rule = load_pack().rule("art51.executive_quorum")
    nodes = list(rule.requires.walk())
    assert {n.op for n in nodes} <= {"if", "ge", "gt", "ref", "param"}  # ratio >= quorum ...
    assert all(not callable(arg) for n in nodes for arg in n.args)


def test_invalid_yaml_is_refused_with_file_and_line(edit_file: Any, pack_copy: Path) -> None:
    path = pack_copy / "ch09/art51.yaml"
    edit_file(path, "  - id: art51.executive_quorum", "  - id: [art51.executive_quorum")
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert info.value.file == str(path)
    assert info.value.line is not None
    assert "invalid YAML" in info.value.reason


def test_unknown_key_is_refused_with_its_line(edit_file: Any, pack_copy: Path) -> None:
    path = pack_copy / "ch10/art69.yaml"
    edit_file(
        path,
        "    title: {zh: 政策性文件控制在3000字以内",
        "    titel: x\n    title: {zh: 政策性文件控制在3000字以内",
    )
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert info.value.file == str(path)
    assert "titel" in info.value.reason
    assert info.value.line == _line_of(path, "- id: art69.policy_length")


def test_unknown_function_is_refused_with_line_and_column(
    edit_file: Any, pack_copy: Path
) -> None:
    path = pack_copy / "ch09/art51.yaml"
    edit_file(path, QUORUM_REQUIRES, "requires: attended >= requird(1)")
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert "unknown function 'requird'" in info.value.reason
    assert "did you mean 'required'" in info.value.reason
    assert info.value.line == _line_of(path, "requird(1)")
    assert info.value.column == len("    requires: attended >= ") + 1


def test_a_broken_let_is_located_where_it_is_written(edit_file: Any, pack_copy: Path) -> None:
    path = pack_copy / "ch09/art51.yaml"
    edit_file(path, f"attended: {ATTENDED}", f"attended: {ATTENDED} +")
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert "syntax error" in info.value.reason and "let attended" in info.value.reason
    assert info.value.line == _line_of(path, f"attended: {ATTENDED} +")
    assert len(info.value.problems) == 1  # nothing else of the pack is blamed


def test_python_expressions_are_never_evaluated(edit_file: Any, pack_copy: Path) -> None:
    path = pack_copy / "ch09/art51.yaml"
    edit_file(path, QUORUM_REQUIRES,
             "requires: \"__import__('os').system('false')\"")  # fmt: skip
    with pytest.raises(PackError) as info:  # refused when loaded, never run
        load_pack(pack_copy)
    assert "only registered functions" in info.value.reason


def test_python_yaml_tags_are_refused(edit_file: Any, pack_copy: Path) -> None:
    path = pack_copy / "ch09/art51.yaml"
    edit_file(path, QUORUM_REQUIRES,
             "requires: !!python/object/apply:os.system ['false']")  # fmt: skip
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert info.value.line == _line_of(path, "!!python")


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (QUORUM_REQUIRES, "requires: attendance >= required", "unknown name"),
        ("ceil(expected * quorum)", "ceil(expected * quorom)", "did you mean 'quorum'"),
        ("count(expected_members)", "count(record.expected_member)", "no field"),
        (ATTENDED, "count(attendees, 2)", "takes 1 argument"),
        (ATTENDED, "attendees.__class__", "private"),
        (ATTENDED, "'(lambda: 1)()'", "only registered functions"),
        (ATTENDED, "'[x for x in attendees for y in x]'", "one `for`"),
        (ATTENDED, "attendees[0]", "quoted field name"),
        (ATTENDED, "'1.5'", "exact fraction"),
        ("（至少{required}人）", "（至少{requird}人）", "not a let value"),
        (
            "article: 51\n    title: {zh: 常务会议出席",
            "article: 85\n    title: {zh: 常务会议出席",
            "beyond",
        ),
    ],
)
def test_semantic_errors_are_refused(
    edit_file: Any, pack_copy: Path, old: str, new: str, reason: str
) -> None:
    edit_file(pack_copy / "ch09/art51.yaml", old, new)
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    assert reason in str(info.value)
    assert info.value.line is not None


def test_duplicate_rule_id_is_refused(edit_file: Any, pack_copy: Path) -> None:
    edit_file(
        pack_copy / "ch10/art69.yaml", "id: art69.briefing_length", "id: art69.policy_length"
    )
    with pytest.raises(PackError, match="already used"):
        load_pack(pack_copy)


def test_overlapping_table_rows_are_refused(edit_file: Any, pack_copy: Path) -> None:
    edit_file(
        pack_copy / "ch11/art73.yaml",
        "- when: {role: town_head}",
        "- when: {role: [town_head, county_head]}",
    )
    with pytest.raises(PackError, match="all match"):
        load_pack(pack_copy)


def test_let_cycle_is_refused(edit_file: Any, pack_copy: Path) -> None:
    edit_file(
        pack_copy / "ch09/art51.yaml",
        f"attended: {ATTENDED}",
        "attended: shortfall",
    )
    with pytest.raises(PackError, match="cycle"):
        load_pack(pack_copy)


# number_in_year reads _cN ... _c0, earlier_count and _earlier: a chain of links + 4.
@pytest.mark.parametrize("links", [MAX_LET_CHAIN - 4, MAX_LET_CHAIN - 3, 1000])
def test_a_let_chain_is_bounded_and_a_longer_one_refused_at_its_line(
    edit_file: Any, pack_copy: Path, links: int
) -> None:
    # The reproducer: 1,000 lets each reading the last was a RecursionError at check time.
    chain = "".join(f"      _c{i}: _c{i - 1} + 1\n" for i in range(1, links + 1))
    path = pack_copy / "ch09/art59.yaml"
    edit_file(
        path,
        "      number_in_year: earlier_count + 1\n",
        f"      _c0: earlier_count\n{chain}      number_in_year: _c{links} - {links - 1}\n",
    )
    if links + 4 <= MAX_LET_CHAIN:  # at the bound: loads, and judges as before
        pack = load_pack(pack_copy)
        case = {"meetings": [
            {"id": f"M{i}", "kind": "department_system", "title": "系统会议",
             "date": f"2026-0{i}-01", "organizing_department": "zjj"} for i in (1, 2)
        ]}  # fmt: skip
        loaded = build_case(case, "t")
        assert loaded.case is not None
        report = Checker(pack).check(loaded.case, on=dt.date(2026, 11, 24))
        (second,) = [v for v in report.verdicts if v.subject == "meeting:M2"
                     and v.rule_id == "art59.system_meeting_once_a_year"]  # fmt: skip
        assert second.status == "fail" and second.evidence["number_in_year"] == 2
        return
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    (problem,) = info.value.problems
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].lstrip().startswith("number_in_year:")
    assert f"chain of {links + 4} lets" in problem.reason and problem.column is not None


def test_every_problem_in_a_pack_is_reported_at_once(edit_file: Any, pack_copy: Path) -> None:
    edit_file(pack_copy / "ch09/art51.yaml", "ceil(expected * quorum)", "ceil(expected * quorom)")
    edit_file(
        pack_copy / "ch10/art69.yaml", "id: art69.briefing_length", "id: art69.policy_length"
    )
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"art51.yaml", "art69.yaml"}


def test_a_directory_without_pack_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"no pack\.yaml"):
        load_pack(tmp_path)


def test_parameters_can_be_overridden_without_touching_files() -> None:
    pack = load_pack(overrides={"art69.policy_length:limit": 2500, "threshold_inclusive": False})
    assert (
        pack.rule("art69.policy_length").parameters["limit"].value_on(dt.date(2026, 11, 24)) == 2500
    )
    assert pack.parameters["threshold_inclusive"].value_on(dt.date(2026, 11, 24)) is False
    assert (
        load_pack().rule("art69.policy_length").parameters["limit"].value_on(dt.date(2026, 11, 24))
        == 3000
    )


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"no_such_parameter": 1}, "unknown parameter override"),
        ({"character_counting": "by_weight"}, "not one of"),
        ({"art51.executive_quorum:quorum": "two thirds"}, "not a fraction"),
    ],
)
def test_bad_overrides_are_refused(overrides: dict[str, object], reason: str) -> None:
    with pytest.raises(PackError, match=reason):
        load_pack(overrides=overrides)
