"""The engine's building blocks, pinned down directly: overlaps, presence, periods, tables,
templates, operators on absent values, and pack sandboxing."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.engine.case_index import CaseIndex, overlapping
from pingyin_rules.engine.periods import build_periods, period_label
from pingyin_rules.pack.compiled import CompiledPeriod
from pingyin_rules.pack.expressions import (
    ExpressionError,
    lit,
)
from pingyin_rules.pack.loader import PackError, load_pack
from pingyin_rules.pack.spec import TableSpec
from pingyin_rules.pack.tables import TableError, compile_table
from pingyin_rules.pack.templates import parse_template
from pingyin_rules.records import Absence, CaseFile, CasePeriod, Meeting, Official

ROOT = Path(__file__).parents[2]
D = dt.date


def _absence(aid: str, who: str, start: D, end: D) -> Absence:
    return Absence(id=aid, official=who, kind="leave", start=start, end=end)


days = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 2, 28))
spans = st.lists(st.tuples(days, days).map(sorted), max_size=6)


@settings(max_examples=150, deadline=None)
@given(a=spans, b=spans)
def test_overlap_sweep_matches_brute_force(a: list[list[D]], b: list[list[D]]) -> None:
    first = tuple(sorted((_absence(f"a{i}", "x", s, e) for i, (s, e) in enumerate(a)),
                         key=lambda r: r.start))  # fmt: skip
    second = tuple(sorted((_absence(f"b{i}", "y", s, e) for i, (s, e) in enumerate(b)),
                          key=lambda r: r.start))  # fmt: skip

    def days(periods: tuple[Absence, ...]) -> set[D]:
        return {p.start + dt.timedelta(n) for p in periods for n in range(p.days)}

    shared = days(first) & days(second)
    found = overlapping(first, second)
    covered = {
        o["from"] + dt.timedelta(n) for o in found for n in range((o["to"] - o["from"]).days + 1)
    }
    assert covered == shared  # exactly the days both are away
    # Maximal runs, in order, each once: never two touching stretches, never more than periods.
    assert all(x["to"] + dt.timedelta(days=1) < y["from"] for x, y in itertools.pairwise(found))
    assert len(found) <= len(first) + len(second)
    # Each stretch names one period of each list that covers its first day.
    by_id = {p.id: p for p in (*first, *second)}
    for o in found:
        for side in ("a", "b"):
            assert by_id[o[side]].start <= o["from"] <= by_id[o[side]].end


@settings(max_examples=100, deadline=None)
@given(intervals=spans, day=days)
def test_away_on_matches_brute_force_with_overlapping_absences(
    intervals: list[list[D]], day: D
) -> None:
    absences = [_absence(f"a{i}", "x", s, e) for i, (s, e) in enumerate(intervals)]
    case = CaseFile.model_construct(
        officials=(Official(id="x", name="甲", role="deputy_head"),), departments=(),
        meetings=(), documents=(), absences=tuple(absences), assignments=(), decisions=(),
        justifications=(), case=None, period=None,
    )  # fmt: skip
    assert CaseIndex(case).away_on("x", day) == any(s <= day <= e for s, e in intervals)


@pytest.mark.parametrize(
    ("every", "day", "label"),
    [("week", D(2026, 12, 28), "2026-W53"), ("week", D(2027, 1, 4), "2027-W01"),
     ("week", D(2024, 12, 30), "2025-W01"), ("quarter", D(2026, 10, 1), "2026-Q4"),
     ("year", D(2026, 1, 1), "2026")],
)  # fmt: skip
def test_period_labels_at_boundaries(every: str, day: D, label: str) -> None:
    assert period_label(every, day) == label


def test_periods_cover_only_whole_periods_due_by_the_evaluation_date() -> None:
    spec = CompiledPeriod("quarter", "meetings", "date", lit(True), None)
    meeting = Meeting(id="M", kind="law_study", title="学法", date=D(2026, 6, 30))
    covered = CasePeriod(start=D(2026, 2, 1), end=D(2026, 12, 31))
    periods = build_periods(spec, covered, D(2026, 10, 15), [meeting], lambda r: True)
    # Q1 starts before the covered dates; Q3 ends before 10-15; Q4 is not over.
    assert [(p.id, p.start, p.end, p.count) for p in periods] == [
        ("2026-Q2", D(2026, 4, 1), D(2026, 6, 30), 1),
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), 0),
    ]


def _table(rows: list[dict[str, Any]], **inputs: list[Any]) -> Any:
    spec = TableSpec(article=1, inputs=inputs, outputs=("out",), rows=tuple(rows))
    return compile_table("t", spec, None)


def test_table_gaps_and_overlaps_are_computed_exhaustively() -> None:
    table = _table([{"when": {"a": "x"}, "out": 1}, {"when": {"a": "x", "b": True}, "out": 2}],
                   a=["x", "y"], b=[True, False])  # fmt: skip
    assert table.gaps == (("y", True), ("y", False))
    assert table.overlaps == ((("x", True), (1, 2)),)
    assert table.match({"a": "x", "b": False}).outputs["out"] == 1  # type: ignore[union-attr]


def test_a_table_too_large_to_index_is_refused() -> None:
    options = [str(i) for i in range(10)]
    with pytest.raises(TableError, match="input combinations"):
        _table([{"out": 1}], **{f"i{n}": options for n in range(6)})


@pytest.mark.parametrize("text", ["{name.__class__}", "{name!r}", "{name:>10}", "{0}", "{"])
def test_templates_take_plain_names_only(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_template(text, frozenset({"name"}), 1)


@pytest.mark.parametrize("value", ["1e99999999", "2/0", "-1/3", "5/3", "0"])
def test_out_of_range_or_huge_fractions_are_refused(value: str) -> None:
    with pytest.raises(PackError):
        load_pack(overrides={"art51.executive_quorum:quorum": value})


def _cli(*argv: str, seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "pingyin_rules.cli", *argv], env=env,
                          capture_output=True, text=True, cwd=ROOT, check=False)  # fmt: skip


def test_output_does_not_depend_on_the_hash_seed() -> None:
    argv = ("check", "examples/", "--on", "2026-11-24", "--format", "json", "--explain")
    first, second = _cli(*argv, seed="1"), _cli(*argv, seed="2")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and first.stdout


@pytest.mark.parametrize(
    "argv",
    [("check", "examples/", "--on", "9999-12-31"), ("check", "examples/", "--on", "2000-01-01"),
     ("check", "examples/compliant", "--set", "art57.assignment_report:report_working_days=0"),
     ("check", "examples/compliant", "--set", "threshold_inclusive=maybe")],
)  # fmt: skip
def test_extreme_values_never_cause_an_internal_error(argv: tuple[str, ...]) -> None:
    result = _cli(*argv, seed="0")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2)


def test_every_record_type_can_be_named_by_a_rule() -> None:
    """`applies_to` accepts every section's record type, and the derived period and roster."""
    from typing import get_args

    from pingyin_rules.pack.spec import RecordType
    from pingyin_rules.records import SECTIONS

    derived = {"period", "roster"}
    assert set(get_args(RecordType)) == {m.record_type for m in SECTIONS.values()} | derived


def test_chinese_dates_repeat_no_year_or_month() -> None:
    from pingyin_rules.language.functions import zh_date, zh_dates

    d = dt.date
    assert zh_date(d(2026, 11, 10)) == "2026年11月10日"
    assert zh_date(None) is None
    assert zh_dates(d(2026, 4, 22), d(2026, 4, 22)) == "2026年4月22日"
    assert zh_dates(d(2026, 4, 22), d(2026, 4, 23)) == "2026年4月22日至23日"
    assert zh_dates(d(2026, 4, 30), d(2026, 5, 2)) == "2026年4月30日至5月2日"
    assert zh_dates(d(2025, 12, 31), d(2026, 1, 2)) == "2025年12月31日至2026年1月2日"


def test_the_package_exports_what_it_lists_lazily() -> None:
    """Every public name resolves (imported on first use), and `__all__` lists exactly them."""
    import subprocess
    import sys

    import pingyin_rules

    for name in pingyin_rules.__all__:
        assert getattr(pingyin_rules, name) is not None, name
    # Importing the package alone does not load the engine (cold start, issue 9).
    code = (
        "import sys, pingyin_rules\n"
        "print(any(m.startswith('pingyin_rules.engine') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=100, deadline=None)
@given(intervals=spans, day=days)
def test_absence_covering_is_the_first_covering_absence(intervals: list[list[D]], day: D) -> None:
    absences = [_absence(f"a{i}", "x", s, e) for i, (s, e) in enumerate(intervals)]
    index = CaseIndex(CaseFile.model_construct(absences=tuple(absences)))
    ordered = sorted(absences, key=lambda a: (a.start, a.end, a.id))
    expected = next((a for a in ordered if a.start <= day <= a.end), None)
    assert index.absence_covering("x", day) == expected
