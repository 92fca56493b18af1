"""How each operator of the expression language evaluates. One small function per operator."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..pack.expressions import ARITY, SPECIAL, Expr
from .case_index import overlapping
from .context import Context, MissingValue

Op = Callable[[Expr, Context], Any]

# How characters are counted (a pack parameter chooses one). Compiled once, at import.
CHARACTER_COUNTING: dict[str, re.Pattern[str] | None] = {
    "all": None,  # every character, whitespace included
    "non_whitespace": re.compile(r"\S"),  # what a clerk counts: characters and punctuation
    "cjk_and_alnum": re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]"),  # no punctuation
}


def evaluate(expr: Expr, ctx: Context) -> Any:
    return OPS[expr.op](expr, ctx)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


_ABSENT = object()


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    if type(obj) is dict or type(obj) is MappingProxyType:
        return obj.get(name)
    value = getattr(obj, name, _ABSENT)
    if value is _ABSENT:
        return obj.get(name) if isinstance(obj, Mapping) else None
    return value.value if isinstance(value, Enum) else value


def _need(expr: Expr, ctx: Context) -> Any:
    value = evaluate(expr, ctx)
    if value is None:
        raise MissingValue(expr.describe(), "is required by this rule but missing")
    return value


def _args(expr: Expr, ctx: Context) -> list[Any]:
    return [_need(a, ctx) for a in expr.args]


def _lit(expr: Expr, ctx: Context) -> Any:
    return expr.args[0]


def _list(expr: Expr, ctx: Context) -> tuple[Any, ...]:
    return tuple(evaluate(a, ctx) for a in expr.args)


def _var(expr: Expr, ctx: Context) -> Any:
    value: Any = ctx.record
    for name in expr.args[0]:
        value = _get(value, name)
    return value


def _item(expr: Expr, ctx: Context) -> Any:
    value = ctx.items[-1]
    for name in expr.args[0]:
        value = _get(value, name)
    return value


def _outer(expr: Expr, ctx: Context) -> Any:
    value = ctx.items[-2]
    for name in expr.args[0]:
        value = _get(value, name)
    return value


def _sort_by(expr: Expr, ctx: Context) -> tuple[Any, ...]:
    items, field = _args(expr, ctx)
    # Stable: items with equal keys keep their recorded order; missing keys sort last.
    return tuple(sorted(items, key=lambda x: (_get(x, field) is None, _get(x, field) or 0)))


def _ref(expr: Expr, ctx: Context) -> Any:
    name = expr.args[0]
    if name not in ctx.lets:
        ctx.lets[name] = evaluate(ctx.rule.lets[name], ctx)
    return ctx.lets[name]


def _param(expr: Expr, ctx: Context) -> Any:
    return ctx.rule.parameters[expr.args[0]].value_on(ctx.day)


def _lookup(expr: Expr, ctx: Context) -> Any:
    table_name, names, nodes = expr.args
    table = ctx.tables[table_name]
    values = {}
    for name, node in zip(names, nodes, strict=True):
        value = evaluate(node, ctx)
        if value not in table.inputs[name]:
            options = ", ".join(map(str, table.inputs[name]))
            raise MissingValue(node.describe(), f"{value!r} is not one of {options} ({table_name})")
        values[name] = value
    row = table.match(values)
    if row is None:
        return None
    if not table.labels:
        ctx.matched_rows.append((table_name, row.label, values))
    return row.outputs


def _and(expr: Expr, ctx: Context) -> bool:
    return all(evaluate(a, ctx) for a in expr.args)


def _or(expr: Expr, ctx: Context) -> bool:
    return any(evaluate(a, ctx) for a in expr.args)


def _if(expr: Expr, ctx: Context) -> Any:
    cond, then, other = expr.args
    return evaluate(then if evaluate(cond, ctx) else other, ctx)


def _compare(fn: Callable[[Any, Any], bool]) -> Op:
    return lambda expr, ctx: fn(*_args(expr, ctx))


def _filter(expr: Expr, ctx: Context) -> tuple[Any, ...]:
    items = _need(expr.args[0], ctx)
    out = []
    for item in items:
        ctx.items.append(item)
        try:
            if evaluate(expr.args[1], ctx):
                out.append(item)
        finally:
            ctx.items.pop()
    return tuple(out)


def _map(expr: Expr, ctx: Context) -> tuple[Any, ...]:
    items = _need(expr.args[0], ctx)
    out = []
    for item in items:
        ctx.items.append(item)
        try:
            out.append(evaluate(expr.args[1], ctx))
        finally:
            ctx.items.pop()
    return tuple(out)


def _subsequence(seq: Any, required: Any) -> bool:
    it = iter(seq)
    return all(any(x == want for x in it) for want in required)


def _the(expr: Expr, ctx: Context) -> Any:
    values = _need(expr.args[0], ctx)
    if len(values) != 1:
        found = "none" if not values else ", ".join(map(str, values))
        raise MissingValue(expr.args[0].describe(), f"needs exactly one, found {found}")
    return values[0]


def _working(method: str) -> Op:
    def op(expr: Expr, ctx: Context) -> Any:
        start, other = _args(expr, ctx)
        result = getattr(ctx.calendar, method)(start, other)
        end = result if isinstance(result, dt.date) else other
        ctx.unconfirmed_years.update(ctx.calendar.unconfirmed_years(start, end))
        return result

    return op


def _char_count(expr: Expr, ctx: Context) -> int | None:
    text = evaluate(expr.args[0], ctx)
    policy = _need(expr.args[1], ctx)
    if text is None:
        return None
    pattern = CHARACTER_COUNTING[policy]
    return len(text) if pattern is None else sum(1 for _ in pattern.finditer(text))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(_plain(value))


def _justification(ctx: Context) -> str | None:
    found = ctx.index.justification(ctx.rule.id, ctx.record.subject)
    if found is None:
        return None
    ctx.consulted.append(found)
    return found.reason


def _official_name(ctx: Context, oid: Any) -> Any:
    """The name of an official, or failing that of a department; the id if neither."""
    found = ctx.index.officials.get(oid) or ctx.index.departments.get(oid)
    return found.name if found else oid


OPS: dict[str, Op] = {
    "lit": _lit,
    "list": _list,
    "var": _var,
    "item": _item,
    "outer": _outer,
    "sort_by": _sort_by,
    "ref": _ref,
    "param": _param,
    "as_of": lambda expr, ctx: ctx.on,
    "lookup": _lookup,
    "and": _and,
    "or": _or,
    "not": lambda expr, ctx: not evaluate(expr.args[0], ctx),
    "if": _if,
    "eq": lambda expr, ctx: evaluate(expr.args[0], ctx) == evaluate(expr.args[1], ctx),
    "ne": lambda expr, ctx: evaluate(expr.args[0], ctx) != evaluate(expr.args[1], ctx),
    "lt": _compare(lambda a, b: a < b),
    "le": _compare(lambda a, b: a <= b),
    "gt": _compare(lambda a, b: a > b),
    "ge": _compare(lambda a, b: a >= b),
    "in": lambda expr, ctx: evaluate(expr.args[0], ctx) in _need(expr.args[1], ctx),
    "any_in": _compare(lambda a, b: not set(a).isdisjoint(b)),
    "minus": _compare(lambda a, b: tuple(x for x in a if x not in set(b))),
    "intersect": _compare(lambda a, b: tuple(x for x in a if x in set(b))),
    "subsequence": _compare(_subsequence),
    "is_null": lambda expr, ctx: evaluate(expr.args[0], ctx) is None,
    "coalesce": lambda expr, ctx: next(
        (v for v in (evaluate(a, ctx) for a in expr.args) if v is not None), None
    ),
    "compact": lambda expr, ctx: tuple(x for x in _need(expr.args[0], ctx) if x is not None),
    "first": lambda expr, ctx: next(iter(_need(expr.args[0], ctx)), None),
    "count": lambda expr, ctx: len(_need(expr.args[0], ctx)),
    "get": lambda expr, ctx: _get(evaluate(expr.args[0], ctx), _need(expr.args[1], ctx)),
    "add": _compare(lambda a, b: a + b),
    "sub": _compare(lambda a, b: a - b),
    "mul": _compare(lambda a, b: a * b),
    "ratio": _compare(lambda a, b: Fraction(a, b) if b else Fraction(0)),
    "ceil": lambda expr, ctx: math.ceil(_need(expr.args[0], ctx)),
    "floor": lambda expr, ctx: math.floor(_need(expr.args[0], ctx)),
    "max": lambda expr, ctx: max(
        (v for v in _need(expr.args[0], ctx) if v is not None), default=None
    ),
    "min": lambda expr, ctx: min(
        (v for v in _need(expr.args[0], ctx) if v is not None), default=None
    ),
    "filter": _filter,
    "map": _map,
    "all": lambda expr, ctx: all(_map(expr, ctx)),
    "any": lambda expr, ctx: any(_map(expr, ctx)),
    "days_between": _compare(lambda a, b: (b - a).days),
    "add_days": _compare(lambda d, n: d + dt.timedelta(days=n)),
    "working_days_between": _working("working_days_between"),
    "add_working_days": _working("add_working_days"),
    "char_count": _char_count,
    "official": lambda expr, ctx: ctx.index.officials.get(evaluate(expr.args[0], ctx)),
    "role_of": lambda expr, ctx: _get(ctx.index.officials.get(evaluate(expr.args[0], ctx)), "role"),
    "name_of": lambda expr, ctx: _official_name(ctx, evaluate(expr.args[0], ctx)),
    "names_of": lambda expr, ctx: tuple(_official_name(ctx, o) for o in _need(expr.args[0], ctx)),
    "officials_with_role": lambda expr, ctx: ctx.index.with_role(_need(expr.args[0], ctx)),
    "in_charge_of": lambda expr, ctx: ctx.index.in_charge_of(_need(expr.args[0], ctx)),
    "absent_on": lambda expr, ctx: ctx.index.away_on(*_args(expr, ctx)),
    "the": _the,
    "case_records": lambda expr, ctx: ctx.index.records(_need(expr.args[0], ctx)),
    "absences_of": lambda expr, ctx: ctx.index.absences_of(_need(expr.args[0], ctx)),
    "overlaps": _compare(overlapping),
    "unique": lambda expr, ctx: tuple(
        dict.fromkeys(x for x in _need(expr.args[0], ctx) if x is not None)
    ),
    "concat": lambda expr, ctx: "".join(_text(evaluate(a, ctx)) for a in expr.args),
    "join": lambda expr, ctx: str(_need(expr.args[1], ctx)).join(
        _text(v) for v in _need(expr.args[0], ctx)
    ),
    "year_of": lambda expr, ctx: _need(expr.args[0], ctx).year,
    "justification": lambda expr, ctx: _justification(ctx),
    "object": lambda expr, ctx: {
        n: evaluate(e, ctx) for n, e in zip(expr.args[0], expr.args[1], strict=True)
    },
}
_missing = (set(ARITY) | SPECIAL | {"lit", "list"}) ^ set(OPS)
assert not _missing, f"operators and implementations differ: {_missing}"
