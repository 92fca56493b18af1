"""The compiled form of a rule expression: a tree of plain `Expr` nodes.

Rule files write expressions as text (language/syntax.py reads them); this tree is what the
text compiles to, and what the engine lowers to closures (engine/lowering.py), explanations
describe in words and lint inspects. Another backend could translate the same tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Nodes whose `args` are not child nodes: a literal's value, a field path, a name.
LEAVES = frozenset({"lit", "var", "bound", "ref", "param", "as_of"})


@dataclass(frozen=True, slots=True)
class Expr:
    """One node. `args` holds child nodes, or: for `lit` the value; for `var` the record field
    path; for `bound` (comprehension index, field path); for `ref`/`param` the name; for
    `lookup` (table, input names, input nodes); for `object` (names, nodes); for `comp`
    (source, comprehension index, condition or None, element or None)."""

    op: str
    args: tuple[Any, ...]

    def children(self) -> tuple[Expr, ...]:
        if self.op in LEAVES:
            return ()
        if self.op == "lookup":
            return self.args[2]
        if self.op == "object":
            return self.args[1]
        if self.op == "comp":
            source, _, condition, element = self.args
            return tuple(n for n in (source, condition, element) if n is not None)
        return self.args

    def walk(self) -> Iterator[Expr]:
        yield self
        for child in self.children():
            yield from child.walk()

    def describe(self) -> str:
        """A short human name for a node, used when a value it needs is missing."""
        if self.op in {"var", "bound"}:
            return ".".join(self.args[-1]) or ("record" if self.op == "var" else "item")
        if self.op in {"ref", "param"}:
            return self.args[0]
        if self.op == "get" and self.args[1].op == "lit":
            return f"{self.args[0].describe()}.{self.args[1].args[0]}"
        return self.op


class ExpressionError(ValueError):
    def __init__(self, reason: str, line: int | None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class Definition:
    """A pack's own named function (`definitions:` in pack.yaml): parameters and a body
    expression, inlined where it is called. It sees its parameters, the pack's parameters,
    `as_of`, the registered functions and earlier definitions; never a record's fields."""

    name: str
    params: tuple[str, ...]
    body: Any  # the parsed expression (an ast node), checked when the pack is loaded


@dataclass(frozen=True, slots=True)
class Scope:
    """What names an expression may use; `tables` maps a table to its input names."""

    lets: frozenset[str]
    params: frozenset[str]
    tables: dict[str, frozenset[str]]
    record_fields: frozenset[str]
    table_outputs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    definitions: dict[str, Definition] = field(default_factory=dict)


def lit(value: Any) -> Expr:
    return Expr("lit", (value,))


def refs_of(expr: Expr) -> set[str]:
    return {node.args[0] for node in expr.walk() if node.op == "ref"}
