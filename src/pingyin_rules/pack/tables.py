"""Decision tables compiled to a full index over their finite inputs, with coverage facts."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for compiling: a compiled pack loaded from the cache needs neither
    from .spec import TableSpec

Combination = tuple[Any, ...]
# Every combination of the inputs is indexed; past this a table is refused, not compiled.
MAX_COMBINATIONS = 100_000


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    label: str
    conditions: Mapping[str, frozenset[Any]]  # absent input: any value
    outputs: Mapping[str, Any]
    line: int | None


@dataclass(frozen=True, slots=True)
class CompiledTable:
    name: str
    article: int
    description: str | None
    inputs: Mapping[str, tuple[Any, ...]]
    outputs: tuple[str, ...]
    rows: tuple[Row, ...]
    index: Mapping[Combination, Row]  # every covered combination -> its one row
    gaps: tuple[Combination, ...]  # combinations no row covers
    overlaps: tuple[tuple[Combination, tuple[int, ...]], ...]
    labels: bool
    line: int | None

    @property
    def input_names(self) -> tuple[str, ...]:
        return tuple(self.inputs)

    def match(self, values: Mapping[str, Any]) -> Row | None:
        return self.index.get(tuple(values[name] for name in self.inputs))


class TableError(ValueError):
    def __init__(self, reason: str, line: int | None, code: str = "table") -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.code = code


def compile_table(name: str, spec: TableSpec, raw: Any) -> CompiledTable:
    from .yaml_source import LineDict  # the reader, only when compiling from YAML

    raw_rows = raw.get("rows", []) if isinstance(raw, dict) else []
    rows = []
    for i, row in enumerate(spec.rows):
        line = raw_rows[i].line if i < len(raw_rows) and isinstance(raw_rows[i], LineDict) else None
        when = row.get("when", {})
        if not isinstance(when, dict):
            raise TableError(f"table {name!r} row {i + 1}: 'when' must be a mapping", line)
        conditions: dict[str, frozenset[Any]] = {}
        for key, allowed in when.items():
            if key not in spec.inputs:
                raise TableError(f"table {name!r} row {i + 1}: unknown input {key!r}", line)
            options = frozenset(allowed if isinstance(allowed, list | tuple) else [allowed])
            unknown = options - set(spec.inputs[key])
            if unknown:
                bad = ", ".join(map(repr, sorted(unknown, key=str)))
                raise TableError(f"table {name!r} row {i + 1}: {key} has no option {bad}", line)
            conditions[key] = options
        outputs = {k: v for k, v in row.items() if k not in {"when", "label"}}
        missing = set(spec.outputs) - set(outputs)
        extra = set(outputs) - set(spec.outputs)
        if missing or extra:
            detail = f"missing {sorted(missing)}" if missing else f"unknown {sorted(extra)}"
            raise TableError(f"table {name!r} row {i + 1}: outputs {detail}", line)
        label = str(row.get("label", i + 1))
        frozen = MappingProxyType({k: _freeze(v) for k, v in outputs.items()})
        rows.append(Row(i, label, MappingProxyType(conditions), frozen, line))

    size = 1
    for choices in spec.inputs.values():
        size *= len(choices)
    if size > MAX_COMBINATIONS:
        raise TableError(
            f"table {name!r} has {size} input combinations; split it (limit {MAX_COMBINATIONS})",
            raw.line if isinstance(raw, LineDict) else None,
            "table-size",
        )
    index: dict[Combination, Row] = {}
    gaps: list[Combination] = []
    overlaps: list[tuple[Combination, tuple[int, ...]]] = []
    # Rows as bit sets: for each input and value, the rows that allow it. A combination's
    # rows are the AND of its values' sets, so the work grows with the combinations and the
    # inputs, not combinations x rows (a 300-row table took 37 s row by row).
    everyone = (1 << len(rows)) - 1
    dimensions = [
        [(value, _rows_allowing(rows, name, value, everyone)) for value in spec.inputs[name]]
        for name in spec.inputs
    ]
    for picked in itertools.product(*dimensions):
        combo = tuple(value for value, _ in picked)
        hits = everyone
        for _, allowed in picked:
            hits &= allowed
        if not hits:
            gaps.append(combo)
        elif hits & (hits - 1):  # more than one bit: rows overlap here
            overlaps.append((combo, tuple(i + 1 for i in range(len(rows)) if hits >> i & 1)))
        else:
            index[combo] = rows[hits.bit_length() - 1]
    return CompiledTable(
        name=name,
        article=spec.article,
        description=spec.description,
        inputs=MappingProxyType(dict(spec.inputs)),
        outputs=spec.outputs,
        rows=tuple(rows),
        index=MappingProxyType(index),
        gaps=tuple(gaps),
        overlaps=tuple(overlaps),
        labels=spec.labels,
        line=raw.line if isinstance(raw, LineDict) else None,
    )


def _rows_allowing(rows: list[Row], name: str, value: Any, everyone: int) -> int:
    """The rows (bit i for row i) whose condition on input `name` allows `value`."""
    allowed = everyone
    for row in rows:
        condition = row.conditions.get(name)
        if condition is not None and value not in condition:
            allowed &= ~(1 << row.index)
    return allowed


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
