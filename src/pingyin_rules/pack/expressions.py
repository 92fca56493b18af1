"""The rule expression language: YAML data compiled to a tree of plain `Expr` nodes.

An expression is a literal, a list of expressions, or a one-key mapping `{op: args}`.
Nothing is parsed from strings except dotted field paths, and nothing is ever evaluated as
Python: this engine lowers the tree to closures (engine/lowering.py), another backend can
translate the same tree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .yaml_source import LineDict

# op -> number of arguments (None: a list of any length). Ops with bespoke argument shapes
# (var, ref, param, item, as_of, lookup, object) are handled by `_compile_special`.
ARITY: dict[str, int | None] = {
    "and": None, "or": None, "not": 1, "if": 3,
    "eq": 2, "ne": 2, "lt": 2, "le": 2, "gt": 2, "ge": 2,
    "in": 2, "any_in": 2, "minus": 2, "intersect": 2, "subsequence": 2,
    "is_null": 1, "coalesce": None, "compact": 1, "first": 1, "count": 1, "get": 2,
    "add": 2, "sub": 2, "mul": 2, "ratio": 2, "ceil": 1, "floor": 1, "max": 1, "min": 1,
    "filter": 2, "map": 2, "all": 2, "any": 2,
    "days_between": 2, "add_days": 2, "working_days_between": 2, "add_working_days": 2,
    "char_count": 2,
    "official": 1, "role_of": 1, "name_of": 1, "names_of": 1, "officials_with_role": 1,
    "in_charge_of": 1, "absent_on": 2, "the": 1,
    "case_records": 1, "absences_of": 1, "overlaps": 2, "unique": 1, "concat": None,
    "justification": 0, "year_of": 1, "sort_by": 2, "join": 2, "sort": 1,
}  # fmt: skip
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LIST_ARGUMENT = frozenset({"count", "max", "min", "compact", "unique", "sort"})
SPECIAL = frozenset({"var", "ref", "param", "item", "outer", "as_of", "lookup", "object", "label"})
OPERATORS = frozenset(ARITY) | SPECIAL


@dataclass(frozen=True, slots=True)
class Expr:
    """One node. `args` holds child nodes, or for `lit` the value, for `var`/`item` the path,
    for `ref`/`param` the name, for `lookup` (table, input names, input nodes)."""

    op: str
    args: tuple[Any, ...]

    def children(self) -> tuple[Expr, ...]:
        if self.op == "lookup":
            return self.args[2]
        if self.op == "object":
            return self.args[1]
        if self.op == "label":
            return (self.args[2],)
        if self.op in {"lit", "var", "item", "outer", "ref", "param", "as_of"}:
            return ()
        return self.args

    def walk(self) -> Iterator[Expr]:
        yield self
        for child in self.children():
            yield from child.walk()

    def describe(self) -> str:
        """A short human name for a node, used when a value it needs is missing."""
        if self.op in {"var", "item", "outer"}:
            return ".".join(self.args[0]) or self.op
        if self.op in {"ref", "param"}:
            return self.args[0]
        return self.op


class ExpressionError(ValueError):
    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(frozen=True, slots=True)
class Scope:
    """What names an expression may use; `tables` maps a table to its input names."""

    lets: frozenset[str]
    params: frozenset[str]
    tables: dict[str, frozenset[str]]
    record_fields: frozenset[str]
    table_outputs: dict[str, tuple[str, ...]] = field(default_factory=dict)


def lit(value: Any) -> Expr:
    return Expr("lit", (value,))


def compile_expr(raw: Any, scope: Scope, line: int | None = None) -> Expr:
    if isinstance(raw, LineDict):
        line = raw.line or line
    if isinstance(raw, str) and ISO_DATE.fullmatch(raw):
        try:  # YAML gives dates as strings; in an expression a date literal is a date
            return lit(dt.date.fromisoformat(raw))
        except ValueError:
            raise ExpressionError(f"{raw!r} is not a valid date", line) from None
    if isinstance(raw, bool | int | float | str | dt.date) or raw is None:
        return lit(raw)
    if isinstance(raw, list | tuple):
        nodes = tuple(compile_expr(item, scope, line) for item in raw)
        if all(n.op == "lit" for n in nodes):
            return lit(tuple(n.args[0] for n in nodes))
        return Expr("list", nodes)
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ExpressionError(
            f"an expression mapping needs exactly one operator, got {raw!r}", line
        )
    ((op, args),) = raw.items()
    if op not in OPERATORS:
        raise ExpressionError(f"unknown operator {op!r}", line)
    if op in SPECIAL:
        return _compile_special(op, args, scope, line)
    arity = ARITY[op]
    items = list(args) if isinstance(args, list | tuple) else [args]
    if arity == 1 and isinstance(args, list | tuple) and op in LIST_ARGUMENT:
        items = [args]  # a literal list is the single argument of these
    if arity == 0:
        items = []  # `{justification: null}`: the operator takes nothing
    if arity is not None and len(items) != arity:
        raise ExpressionError(f"{op} takes {arity} argument(s), got {len(items)}", line)
    return Expr(op, tuple(compile_expr(item, scope, line) for item in items))


def _path(args: Any, op: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(args, str):
        raise ExpressionError(f"{op} takes a dotted field path", line)
    path = tuple(part for part in args.split(".") if part)
    if any(part.startswith("_") for part in path):
        # Rules read data fields, never Python internals (__class__, _private...).
        raise ExpressionError(f"{op} path {args!r} names a private attribute", line)
    return path


EACH = frozenset({"filter", "map", "all", "any"})


def binding_problem(expr: Expr, depth: int = 0) -> str | None:
    """Why `expr` is not well formed where `depth` items are bound, or None.

    `item` needs an enclosing filter/map (depth 1), `outer` two of them; a literal `get` key
    must not name a private attribute. Let values are computed once per record, outside any
    filter or map, so they are checked at depth 0."""
    if expr.op == "item" and depth < 1:
        return "item is used outside filter/map/all/any"
    if expr.op == "outer" and depth < 2:
        return "outer is used outside two nested filter/map/all/any"
    if expr.op == "get" and expr.args[1].op == "lit":
        key = expr.args[1].args[0]
        if not isinstance(key, str) or key.startswith("_"):
            return f"get takes a field name, not {key!r}"
    if expr.op in EACH:
        return binding_problem(expr.args[0], depth) or binding_problem(expr.args[1], depth + 1)
    for child in expr.children():
        problem = binding_problem(child, depth)
        if problem:
            return problem
    return None


def _compile_special(op: str, args: Any, scope: Scope, line: int | None) -> Expr:
    if op == "as_of":  # the evaluation date (`check --on`); `on` itself is a YAML boolean
        return Expr("as_of", ())
    if op in {"var", "item", "outer"}:  # outer: the item of the enclosing filter/map
        path = _path(args, op, line)
        if op == "var" and (not path or path[0] not in scope.record_fields):
            raise ExpressionError(f"the record has no field {args!r}", line)
        return Expr(op, (path,))
    if op == "object":  # {object: {key: expr, ...}} builds a mapping, e.g. a notice
        if not isinstance(args, dict) or not args:
            raise ExpressionError("object takes a mapping of names to expressions", line)
        names = tuple(args)
        return Expr("object", (names, tuple(compile_expr(args[n], scope, line) for n in names)))
    if op in {"ref", "param"}:
        known = scope.lets if op == "ref" else scope.params
        if not isinstance(args, str) or args not in known:
            what = "let value" if op == "ref" else "parameter"
            raise ExpressionError(f"unknown {what} {args!r}", line)
        return Expr(op, (args,))
    if op == "label":  # {label: {table: T, output: zh, of: EXPR}}: display name(s) of code(s)
        if not isinstance(args, dict) or set(args) != {"table", "output", "of"}:
            raise ExpressionError("label takes {table: NAME, output: COLUMN, of: EXPR}", line)
        table = args["table"]
        if table not in scope.tables or len(scope.tables[table]) != 1:
            raise ExpressionError(f"label needs a table with one input, not {table!r}", line)
        if args["output"] not in scope.table_outputs.get(table, ()):
            raise ExpressionError(f"table {table!r} has no output {args['output']!r}", line)
        return Expr("label", (table, args["output"], compile_expr(args["of"], scope, line)))
    # lookup: {table: name, inputs: {input: expr}}
    if not isinstance(args, dict) or set(args) != {"table", "inputs"}:
        raise ExpressionError("lookup takes {table: NAME, inputs: {INPUT: EXPR, ...}}", line)
    table, inputs = args["table"], args["inputs"]
    if table not in scope.tables:
        raise ExpressionError(f"unknown table {table!r}", line)
    if not isinstance(inputs, dict) or set(inputs) != scope.tables[table]:
        expected = ", ".join(sorted(scope.tables[table]))
        raise ExpressionError(f"lookup in {table!r} must give exactly the inputs {expected}", line)
    names = tuple(sorted(inputs))
    nodes = tuple(compile_expr(inputs[n], scope, line) for n in names)
    return Expr("lookup", (table, names, nodes))


def refs_of(expr: Expr) -> set[str]:
    return {node.args[0] for node in expr.walk() if node.op == "ref"}
