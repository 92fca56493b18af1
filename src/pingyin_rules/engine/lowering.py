"""Lower the pack's backend-neutral expression trees to Python closures, once per pack.

The pack stays plain data (another backend can translate the same trees); this engine turns
each tree into nested closures when a Checker is built, so checking a record walks no tree and
looks nothing up by operator name."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..pack.compiled import CompiledRule
from ..pack.expressions import ARITY, SPECIAL, Expr
from .case_index import overlapping
from .context import Context, MissingValue

Fn = Callable[[Context], Any]

# How characters are counted (a pack parameter chooses one). Compiled once, at import.
CHARACTER_COUNTING: dict[str, re.Pattern[str] | None] = {
    "all": None,  # every character, whitespace included
    # What a clerk counts: characters and punctuation; not white space, nor invisible
    # formatting characters (zero-width spaces and joiners, a byte-order mark).
    "non_whitespace": re.compile(r"[^\s\u200b-\u200f\u2060\ufeff]"),
    "cjk_and_alnum": re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]"),  # no punctuation
}
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class LoweredRule:
    rule: CompiledRule
    when: Fn
    requires: Fn
    lets: Mapping[str, Fn]
    exceptions: tuple[Fn, ...]
    select: Fn | None  # for rules over periods: which records a period collects


def lower_rule(rule: CompiledRule) -> LoweredRule:
    return LoweredRule(
        rule=rule,
        when=lower(rule.when),
        requires=lower(rule.requires),
        lets=MappingProxyType({name: lower(e) for name, e in rule.lets.items()}),
        exceptions=tuple(lower(x.when) for x in rule.exceptions),
        select=lower(rule.period.select) if rule.period else None,
    )


def lower(expr: Expr) -> Fn:
    op = expr.op
    if op in _SPECIAL_BUILDERS:
        return _SPECIAL_BUILDERS[op](expr)
    kids = [lower(a) for a in expr.args]
    return _BUILDERS[op](expr, kids)


# -- helpers ----------------------------------------------------------------------------------


def get_field(obj: Any, name: str) -> Any:
    """A field of a record, a row of a table or a mapping; enums as their plain values."""
    if obj is None:
        return None
    if type(obj) is dict or type(obj) is MappingProxyType:
        return obj.get(name)
    if name.startswith("_"):  # data fields only, never Python internals
        return None
    value = getattr(obj, name, _ABSENT)
    if value is _ABSENT:
        return obj.get(name) if isinstance(obj, Mapping) else None
    if callable(value):
        return None
    return value.value if isinstance(value, Enum) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _needed(fn: Fn, what: str) -> Fn:
    def need(ctx: Context) -> Any:
        value = fn(ctx)
        if value is None:
            raise MissingValue(what, "is required by this rule but missing")
        return value

    return need


def _strict(f: Callable[..., Any]) -> Callable[[Expr, list[Fn]], Fn]:
    """An operator whose arguments must all be present (a missing one is an input error)."""

    def build(expr: Expr, kids: list[Fn]) -> Fn:
        needs = [_needed(k, a.describe()) for k, a in zip(kids, expr.args, strict=True)]
        if len(needs) == 1:
            (n0,) = needs
            return lambda ctx: f(n0(ctx))
        if len(needs) == 2:
            n0, n1 = needs
            return lambda ctx: f(n0(ctx), n1(ctx))
        return lambda ctx: f(*[n(ctx) for n in needs])

    return build


def _path_reader(start: Callable[[Context], Any], path: tuple[str, ...]) -> Fn:
    if len(path) == 1:
        (name,) = path
        return lambda ctx: get_field(start(ctx), name)

    def read(ctx: Context) -> Any:
        value = start(ctx)
        for name in path:
            value = get_field(value, name)
        return value

    return read


def _subsequence(seq: Any, required: Any) -> bool:
    it = iter(seq)
    return all(any(x == want for x in it) for want in required)


def _order(value: Any) -> tuple[bool, str, Any]:
    """A sort key for mixed values: absent last, then by type, then by value (9 before 10)."""
    return (value is None, type(value).__name__, value if value is not None else 0)


def _sorted_by(items: Any, field: str) -> tuple[Any, ...]:
    # Stable: equal keys keep their recorded order; missing keys sort last.
    return tuple(sorted(items, key=lambda x: _order(get_field(x, field))))


def _minus(a: Any, b: Any) -> tuple[Any, ...]:
    drop = set(b)
    return tuple(x for x in a if x not in drop)


def _intersect(a: Any, b: Any) -> tuple[Any, ...]:
    keep = set(b)
    return tuple(x for x in a if x in keep)


def _ratio(a: Any, b: Any) -> Fraction:
    if not b:
        raise MissingValue("ratio", "has a zero denominator")
    return Fraction(a, b)


def _name(ctx: Context, oid: Any) -> Any:
    """The name of an official, or failing that of a department; the id if neither."""
    found = ctx.index.officials.get(oid) or ctx.index.departments.get(oid)
    return found.name if found else oid


# -- operators with bespoke arguments ---------------------------------------------------------


def _b_lit(expr: Expr) -> Fn:
    value = expr.args[0]
    return lambda ctx: value


def _b_var(expr: Expr) -> Fn:
    return _path_reader(lambda ctx: ctx.record, expr.args[0])


def _b_item(expr: Expr) -> Fn:
    path = expr.args[0]
    return _path_reader(lambda ctx: ctx.items[-1], path) if path else lambda ctx: ctx.items[-1]


def _b_outer(expr: Expr) -> Fn:
    path = expr.args[0]
    return _path_reader(lambda ctx: ctx.items[-2], path) if path else lambda ctx: ctx.items[-2]


def _b_ref(expr: Expr) -> Fn:
    name = expr.args[0]

    def ref(ctx: Context) -> Any:
        lets = ctx.lets
        if name not in lets:
            lets[name] = ctx.fns.lets[name](ctx)
        return lets[name]

    return ref


def _b_param(expr: Expr) -> Fn:
    name = expr.args[0]
    return lambda ctx: ctx.rule.parameters[name].value_on(ctx.day or ctx.on)


def _b_lookup(expr: Expr) -> Fn:
    table_name, names, nodes = expr.args
    inputs = [(name, lower(node), node.describe()) for name, node in zip(names, nodes, strict=True)]

    def lookup(ctx: Context) -> Any:
        table = ctx.tables[table_name]
        values = {}
        for name, fn, what in inputs:
            value = fn(ctx)
            if value not in table.inputs[name]:
                options = ", ".join(map(str, table.inputs[name]))
                raise MissingValue(what, f"{value!r} is not one of {options} ({table_name})")
            values[name] = value
        row = table.match(values)
        if row is None:  # a gap in the pack's table (`pingyin-rules lint` reports them)
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            raise MissingValue(f"table {table_name}", f"has no row for {shown}")
        if not table.labels:
            ctx.matched_rows.append((table_name, row.label, values))
        return row.outputs

    return lookup


def _b_object(expr: Expr) -> Fn:
    names, nodes = expr.args
    fields = [(n, lower(e)) for n, e in zip(names, nodes, strict=True)]
    return lambda ctx: {n: fn(ctx) for n, fn in fields}


def _b_justification(expr: Expr) -> Fn:
    def justification(ctx: Context) -> str | None:
        found = ctx.index.justification(ctx.rule.id, ctx.record.subject)
        if found is None:
            return None
        ctx.consulted.append(found)
        return found.reason

    return justification


def _b_label(expr: Expr) -> Fn:
    table_name, output, node = expr.args
    codes_fn = lower(node)

    def one(index: Mapping[Any, Any], code: Any) -> Any:
        row = index.get((code,))
        return row.outputs[output] if row is not None else code

    def label(ctx: Context) -> Any:
        index = ctx.tables[table_name].index
        codes = codes_fn(ctx)
        if isinstance(codes, tuple | list):
            return tuple(one(index, c) for c in codes)
        return None if codes is None else one(index, codes)

    return label


_SPECIAL_BUILDERS: dict[str, Callable[[Expr], Fn]] = {
    "lit": _b_lit,
    "var": _b_var,
    "item": _b_item,
    "outer": _b_outer,
    "ref": _b_ref,
    "param": _b_param,
    "as_of": lambda expr: lambda ctx: ctx.on,
    "lookup": _b_lookup,
    "object": _b_object,
    "justification": _b_justification,
    "label": _b_label,
}


# -- operators over evaluated arguments -------------------------------------------------------


def _b_list(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: tuple(k(ctx) for k in kids)


def _b_and(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: all(k(ctx) for k in kids)


def _b_or(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: any(k(ctx) for k in kids)


def _b_if(expr: Expr, kids: list[Fn]) -> Fn:
    cond, then, other = kids
    return lambda ctx: then(ctx) if cond(ctx) else other(ctx)


def _b_binary(f: Callable[[Any, Any], Any]) -> Callable[[Expr, list[Fn]], Fn]:
    """Both arguments as they are (absent ones included)."""

    def build(expr: Expr, kids: list[Fn]) -> Fn:
        a, b = kids
        return lambda ctx: f(a(ctx), b(ctx))

    return build


def _b_unary(f: Callable[[Any], Any]) -> Callable[[Expr, list[Fn]], Fn]:
    def build(expr: Expr, kids: list[Fn]) -> Fn:
        (a,) = kids
        return lambda ctx: f(a(ctx))

    return build


def _b_in(expr: Expr, kids: list[Fn]) -> Fn:
    item, coll = kids[0], _needed(kids[1], expr.args[1].describe())
    return lambda ctx: item(ctx) in coll(ctx)


def _b_each(kind: str) -> Callable[[Expr, list[Fn]], Fn]:
    """filter / map / all / any: the second argument is evaluated with each item bound."""

    def build(expr: Expr, kids: list[Fn]) -> Fn:
        items_fn, body = _needed(kids[0], expr.args[0].describe()), kids[1]

        def each(ctx: Context) -> Any:
            stack = ctx.items
            out = []
            for item in items_fn(ctx):
                stack.append(item)
                try:
                    value = body(ctx)
                finally:
                    stack.pop()
                if kind == "filter":
                    if value:
                        out.append(item)
                else:
                    out.append(value)
            if kind == "all":
                return all(out)
            if kind == "any":
                return any(out)
            return tuple(out)

        return each

    return build


def _b_coalesce(expr: Expr, kids: list[Fn]) -> Fn:
    def coalesce(ctx: Context) -> Any:
        for k in kids:
            value = k(ctx)
            if value is not None:
                return value
        return None

    return coalesce


def _b_the(expr: Expr, kids: list[Fn]) -> Fn:
    what = expr.args[0].describe()
    values_fn = _needed(kids[0], what)

    def the(ctx: Context) -> Any:
        values = values_fn(ctx)
        if len(values) != 1:
            found = "none" if not values else ", ".join(map(str, values))
            raise MissingValue(what, f"needs exactly one, found {found}")
        return values[0]

    return the


def _b_working(method: str) -> Callable[[Expr, list[Fn]], Fn]:
    def build(expr: Expr, kids: list[Fn]) -> Fn:
        a = _needed(kids[0], expr.args[0].describe())
        b = _needed(kids[1], expr.args[1].describe())

        what = f"{expr.args[0].describe()}, {expr.args[1].describe()}"

        def working(ctx: Context) -> Any:
            start, other = a(ctx), b(ctx)
            try:
                result = getattr(ctx.calendar, method)(start, other)
            except ValueError as exc:  # a date beyond the calendar's years: this record only
                raise MissingValue(what, str(exc)) from None
            end = result if isinstance(result, dt.date) else other
            ctx.unconfirmed_years.update(ctx.calendar.unconfirmed_years(start, end))
            return result

        return working

    return build


def _b_char_count(expr: Expr, kids: list[Fn]) -> Fn:
    text_fn, policy_fn = kids[0], _needed(kids[1], expr.args[1].describe())

    def char_count(ctx: Context) -> int | None:
        text = text_fn(ctx)
        if text is None:
            return None
        pattern = CHARACTER_COUNTING[policy_fn(ctx)]
        return len(text) if pattern is None else sum(1 for _ in pattern.finditer(text))

    return char_count


def _b_index(method: str, strict: bool = True) -> Callable[[Expr, list[Fn]], Fn]:
    """An operator answered by the case index (roster, absences, records)."""

    def build(expr: Expr, kids: list[Fn]) -> Fn:
        args = [
            _needed(k, a.describe()) if strict else k for k, a in zip(kids, expr.args, strict=True)
        ]
        if len(args) == 1:
            (a0,) = args
            return lambda ctx: getattr(ctx.index, method)(a0(ctx))
        return lambda ctx: getattr(ctx.index, method)(*[a(ctx) for a in args])

    return build


def _b_with_ctx(
    f: Callable[[Context, Any], Any], strict: bool = False
) -> Callable[[Expr, list[Fn]], Fn]:
    def build(expr: Expr, kids: list[Fn]) -> Fn:
        (a,) = kids
        if strict:
            a = _needed(a, expr.args[0].describe())
        return lambda ctx: f(ctx, a(ctx))

    return build


def _b_get(expr: Expr, kids: list[Fn]) -> Fn:
    obj, key = kids[0], _needed(kids[1], expr.args[1].describe())
    return lambda ctx: get_field(obj(ctx), key(ctx))


def _b_concat(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: "".join(_text(k(ctx)) for k in kids)


_BUILDERS: dict[str, Callable[[Expr, list[Fn]], Fn]] = {
    "list": _b_list,
    "and": _b_and,
    "or": _b_or,
    "not": _b_unary(lambda a: not a),
    "if": _b_if,
    "eq": _b_binary(lambda a, b: a == b),
    "ne": _b_binary(lambda a, b: a != b),
    "lt": _strict(lambda a, b: a < b),
    "le": _strict(lambda a, b: a <= b),
    "gt": _strict(lambda a, b: a > b),
    "ge": _strict(lambda a, b: a >= b),
    "in": _b_in,
    "any_in": _strict(lambda a, b: not set(a).isdisjoint(b)),
    "minus": _strict(_minus),
    "intersect": _strict(_intersect),
    "subsequence": _strict(_subsequence),
    "is_null": _b_unary(lambda a: a is None),
    "coalesce": _b_coalesce,
    "compact": _strict(lambda a: tuple(x for x in a if x is not None)),
    "first": _strict(lambda a: next(iter(a), None)),
    "count": _strict(len),
    "get": lambda expr, kids: (lambda obj, key: lambda ctx: get_field(obj(ctx), key(ctx)))(
        kids[0], _needed(kids[1], expr.args[1].describe())
    ),
    "add": _strict(lambda a, b: a + b),
    "sub": _strict(lambda a, b: a - b),
    "mul": _strict(lambda a, b: a * b),
    "ratio": _strict(_ratio),
    "ceil": _strict(math.ceil),
    "floor": _strict(math.floor),
    "max": _strict(lambda a: max((v for v in a if v is not None), default=None)),
    "min": _strict(lambda a: min((v for v in a if v is not None), default=None)),
    "filter": _b_each("filter"),
    "map": _b_each("map"),
    "all": _b_each("all"),
    "any": _b_each("any"),
    "days_between": _strict(lambda a, b: (b - a).days),
    "add_days": _strict(lambda d, n: d + dt.timedelta(days=n)),
    "working_days_between": _b_working("working_days_between"),
    "add_working_days": _b_working("add_working_days"),
    "char_count": _b_char_count,
    "official": _b_with_ctx(lambda ctx, oid: ctx.index.officials.get(oid)),
    "role_of": _b_with_ctx(lambda ctx, oid: get_field(ctx.index.officials.get(oid), "role")),
    "name_of": _b_with_ctx(_name),
    "names_of": _b_with_ctx(lambda ctx, ids: tuple(_name(ctx, o) for o in ids), strict=True),
    "officials_with_role": _b_index("with_role"),
    "in_charge_of": _b_index("in_charge_of"),
    "absent_on": _b_index("away_on"),
    "the": _b_the,
    "case_records": _b_index("records"),
    "absences_of": _b_index("absences_of"),
    "overlaps": _strict(overlapping),
    "unique": _strict(lambda a: tuple(dict.fromkeys(x for x in a if x is not None))),
    "concat": _b_concat,
    "join": _strict(lambda items, sep: str(sep).join(_text(v) for v in items)),
    "year_of": _strict(lambda d: d.year),
    "sort_by": _strict(_sorted_by),
    "sort": _strict(lambda a: tuple(sorted(a, key=_order))),
}

_missing = (set(ARITY) | SPECIAL | {"lit", "list"}) ^ (set(_BUILDERS) | set(_SPECIAL_BUILDERS))
if _missing:  # the language and this engine must agree operator for operator
    raise ImportError(f"operators and implementations differ: {sorted(_missing)}")
