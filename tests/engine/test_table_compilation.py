"""Decision tables compile by row bit sets (issue 9: a 300-row table took 37 s). The index,
gaps and overlaps must be exactly what trying every row on every combination gives."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.pack.spec import TableSpec
from pingyin_rules.pack.tables import compile_table


def _naive(spec: TableSpec) -> tuple[dict[Any, int], list[Any], list[Any]]:
    """Every row tried on every combination: the reading the compiled table must equal."""
    names = list(spec.inputs)
    index, gaps, overlaps = {}, [], []
    for combo in itertools.product(*(spec.inputs[n] for n in names)):
        hits = []
        for i, row in enumerate(spec.rows):
            when = row.get("when", {})
            if all(
                combo[k] in (when[n] if isinstance(when[n], list) else [when[n]])
                for k, n in enumerate(names)
                if n in when
            ):
                hits.append(i)
        if not hits:
            gaps.append(combo)
        elif len(hits) > 1:
            overlaps.append((combo, tuple(i + 1 for i in hits)))
        else:
            index[combo] = hits[0]
    return index, gaps, overlaps


@st.composite
def tables(draw: st.DrawFn) -> TableSpec:
    inputs = {
        f"in{k}": tuple(f"v{j}" for j in range(draw(st.integers(1, 4))))
        for k in range(draw(st.integers(1, 3)))
    }
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        when: dict[str, Any] = {}
        for name, options in inputs.items():
            if draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
                when[name] = chosen if len(chosen) > 1 else chosen[0]
        rows.append({"when": when, "out": draw(st.integers(0, 9))})
    return TableSpec(article=1, inputs=inputs, outputs=("out",), rows=tuple(rows))


@settings(max_examples=200, deadline=None)
@given(tables())
def test_compiled_table_equals_trying_every_row(spec: TableSpec) -> None:
    compiled = compile_table("t", spec, {})
    index, gaps, overlaps = _naive(spec)
    assert {combo: row.index for combo, row in compiled.index.items()} == index
    assert list(compiled.gaps) == gaps
    assert list(compiled.overlaps) == overlaps


def test_a_table_of_300_rows_compiles() -> None:
    # The reproducer: 300 rows over 4 inputs of 10 values, each row one exact combination.
    inputs = {f"in{k}": tuple(f"v{j}" for j in range(10)) for k in range(4)}
    rows = tuple(
        {"when": {f"in{k}": f"v{(i // 10**k) % 10}" for k in range(4)}, "out": i}
        for i in range(300)
    )
    spec = TableSpec(article=1, inputs=inputs, outputs=("out",), rows=rows)
    compiled = compile_table("big", spec, {})
    assert len(compiled.index) == 300 and not compiled.overlaps
    assert len(compiled.gaps) == 10**4 - 300
    assert compiled.match({"in0": "v9", "in1": "v9", "in2": "v2", "in3": "v0"}).outputs == {
        "out": 299
    }
