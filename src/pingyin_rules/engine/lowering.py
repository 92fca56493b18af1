"""Lower the pack's compiled expression trees to Python closures, once per Checker.

Syntax (comparisons, and/or/not, arithmetic, comprehensions, fields, tables) is lowered here;
every function comes from the one registry (language/functions.py). Checking a record walks no
tree and looks nothing up by name: a record field is read with an `attrgetter` bound when the
rule is lowered, a let value is computed once per record, a parameter without dated values is
a constant."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from ..language.functions import FUNCTIONS, Function, get_field
from ..pack.compiled import CompiledRule
from ..pack.expressions import Expr
from .context import Context, MissingValue

Fn = Callable[[Context], Any]


@dataclass(frozen=True, slots=True)
class LoweredRule:
    rule: CompiledRule
    when: Fn
    requires: Fn
    lets: Mapping[str, Fn]
    exceptions: tuple[Fn, ...]
    select: Fn | None  # for rules over periods: which records a period collects


def lower_rule(rule: CompiledRule) -> LoweredRule:
    def low(expr: Expr) -> Fn:
        return lower(expr, rule)

    return LoweredRule(
        rule=rule,
        when=low(rule.when),
        requires=low(rule.requires),
        lets=MappingProxyType({name: low(e) for name, e in rule.lets.items()}),
        exceptions=tuple(low(x.when) for x in rule.exceptions),
        select=low(rule.period.select) if rule.period else None,
    )


def lower(expr: Expr, rule: CompiledRule | None = None) -> Fn:
    op = expr.op
    special = _SYNTAX.get(op)
    if special is not None:
        return special(expr, rule)
    kids = [lower(a, rule) for a in expr.args]
    if op in _OPERATORS:
        return _OPERATORS[op](expr, kids)
    return _call(FUNCTIONS[op], expr, kids)


# -- helpers --------------------------------------------------------------------------------


REQUIRED, REQUIRED_ZH = "missing", "缺失"  # said of the field the error names


def _needed(fn: Fn, what: str) -> Fn:
    def need(ctx: Context) -> Any:
        value = fn(ctx)
        if value is None:
            raise MissingValue(what, REQUIRED, REQUIRED_ZH)
        return value

    return need


def _strict(f: Callable[[Any, Any], Any]) -> Callable[[Expr, list[Fn]], Fn]:
    """An operator whose two arguments must be present (a missing one is an input error)."""

    def build(expr: Expr, kids: list[Fn]) -> Fn:
        a, b = kids
        what_a, what_b = (arg.describe() for arg in expr.args)

        def strict(ctx: Context) -> Any:
            x = a(ctx)
            if x is None:
                raise MissingValue(what_a, REQUIRED, REQUIRED_ZH)
            y = b(ctx)
            if y is None:
                raise MissingValue(what_b, REQUIRED, REQUIRED_ZH)
            return f(x, y)

        return strict

    return build


def _reader(path: tuple[str, ...], *, checked: bool = False) -> Callable[[Any], Any]:
    """A reader of a field path; None as soon as a step is absent. `checked`: the first name
    was checked against the record's fields when compiled, so it is read directly; any other
    name may meet a mapping, a table row or a method (never returned: data only)."""
    if not path:
        return lambda value: value
    if len(path) == 1:
        name = path[0]
        if checked:
            getter = attrgetter(name)
            return lambda value: None if value is None else getter(value)
        return lambda value: get_field(value, name)

    def read(value: Any) -> Any:
        for name in path:
            value = get_field(value, name)
        return value

    return read


def _ratio(a: Any, b: Any) -> Fraction:
    if not b:
        raise MissingValue("ratio", "has a zero denominator", "比例的分母为零")
    return Fraction(a, b)


def _call(function: Function, expr: Expr, kids: list[Fn]) -> Fn:
    """A registered function: arguments evaluated in order, a required one that is missing is
    an input error naming it; the context passed first if the function asks for it."""
    impl, context = function.impl, function.context
    what = ", ".join(a.describe() for a in expr.args) or expr.op
    checks = tuple(
        (kid, arg.describe() if i in function.required else None)
        for i, (kid, arg) in enumerate(zip(kids, expr.args, strict=True))
    )

    def call(ctx: Context) -> Any:
        values = [ctx] if context else []
        for kid, required in checks:
            value = kid(ctx)
            if value is None and required is not None:
                raise MissingValue(required, REQUIRED, REQUIRED_ZH)
            values.append(value)
        try:
            return impl(*values)
        except MissingValue as exc:  # raised by the function itself: name its arguments
            if exc.field:
                raise
            raise MissingValue(what, exc.reason, exc.reason_zh) from None

    return call


# -- syntax with bespoke arguments ----------------------------------------------------------


def _b_lit(expr: Expr, rule: Any) -> Fn:
    value = expr.args[0]
    return lambda ctx: value


def _b_var(expr: Expr, rule: Any) -> Fn:
    read = _reader(expr.args[0], checked=True)
    return lambda ctx: read(ctx.record)


def _b_bound(expr: Expr, rule: Any) -> Fn:
    index, path = expr.args
    read = _reader(path)
    return lambda ctx: read(ctx.items[index])


def _b_ref(expr: Expr, rule: Any) -> Fn:
    name = expr.args[0]

    def ref(ctx: Context) -> Any:
        lets = ctx.lets
        if name not in lets:
            # A let value is computed once per record, outside any comprehension: its own
            # comprehension variables start afresh even when first needed inside one.
            outer, ctx.items = ctx.items, []
            try:
                lets[name] = ctx.fns.lets[name](ctx)
            finally:
                ctx.items = outer
        return lets[name]

    return ref


def _b_param(expr: Expr, rule: Any) -> Fn:
    name = expr.args[0]
    if rule is not None and len(rule.parameters[name].values) == 1:
        value = rule.parameters[name].values[0][1]  # not dated: a constant
        return lambda ctx: value
    return lambda ctx: ctx.rule.parameters[name].value_on(ctx.day or ctx.on)


def _b_lookup(expr: Expr, rule: Any) -> Fn:
    table_name, names, nodes = expr.args
    inputs = [
        (name, lower(node, rule), node.describe()) for name, node in zip(names, nodes, strict=True)
    ]

    def lookup(ctx: Context) -> Any:
        table = ctx.tables[table_name]
        values = {}
        for name, fn, what in inputs:
            value = fn(ctx)
            if value not in table.inputs[name]:
                options = ", ".join(map(str, table.inputs[name]))
                raise MissingValue(
                    what,
                    f"{value!r} is not one of {options} ({table_name})",
                    f"“{value}”不是决策表{table_name}的可选值（{options}）",
                )
            values[name] = value
        row = table.match(values)
        if row is None:  # a gap in the pack's table (`pingyin-rules lint` reports them)
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            raise MissingValue(
                f"table {table_name}", f"has no row for {shown}", f"没有与之对应的行（{shown}）"
            )
        if not table.labels:
            ctx.matched_rows.append((table_name, row.label, values))
        return row.outputs

    return lookup


def _b_object(expr: Expr, rule: Any) -> Fn:
    names, nodes = expr.args
    fields = [(n, lower(e, rule)) for n, e in zip(names, nodes, strict=True)]
    return lambda ctx: {n: fn(ctx) for n, fn in fields}


def _b_comp(expr: Expr, rule: Any) -> Fn:
    """[element for name in source if condition]: the items bound one by one at `index`."""
    source_node, index, condition_node, element_node = expr.args
    source = _needed(lower(source_node, rule), source_node.describe())
    condition = lower(condition_node, rule) if condition_node is not None else None
    element = lower(element_node, rule) if element_node is not None else None

    def comp(ctx: Context) -> tuple[Any, ...]:
        stack = ctx.items
        out = []
        stack.append(None)
        try:
            for item in source(ctx):
                stack[index] = item
                if condition is None or condition(ctx):
                    out.append(item if element is None else element(ctx))
        finally:
            stack.pop()
        return tuple(out)

    return comp


_SYNTAX: dict[str, Callable[[Expr, Any], Fn]] = {
    "lit": _b_lit,
    "var": _b_var,
    "bound": _b_bound,
    "ref": _b_ref,
    "param": _b_param,
    "as_of": lambda expr, rule: lambda ctx: ctx.on,
    "lookup": _b_lookup,
    "object": _b_object,
    "comp": _b_comp,
}


# -- operators over evaluated arguments -----------------------------------------------------


def _b_list(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: tuple(k(ctx) for k in kids)


def _b_and(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: all(k(ctx) for k in kids)


def _b_or(expr: Expr, kids: list[Fn]) -> Fn:
    return lambda ctx: any(k(ctx) for k in kids)


def _b_if(expr: Expr, kids: list[Fn]) -> Fn:
    cond, then, other = kids
    return lambda ctx: then(ctx) if cond(ctx) else other(ctx)


def _b_eq(expr: Expr, kids: list[Fn]) -> Fn:
    a, b = kids
    return lambda ctx: a(ctx) == b(ctx)


def _b_ne(expr: Expr, kids: list[Fn]) -> Fn:
    a, b = kids
    return lambda ctx: a(ctx) != b(ctx)


def _b_not(expr: Expr, kids: list[Fn]) -> Fn:
    (a,) = kids
    return lambda ctx: not a(ctx)


def _b_is_null(expr: Expr, kids: list[Fn]) -> Fn:
    (a,) = kids
    return lambda ctx: a(ctx) is None


def _b_in(expr: Expr, kids: list[Fn]) -> Fn:
    item, coll = kids[0], _needed(kids[1], expr.args[1].describe())
    return lambda ctx: item(ctx) in coll(ctx)


def _b_get(expr: Expr, kids: list[Fn]) -> Fn:
    obj, read = kids[0], _reader((expr.args[1].args[0],))
    return lambda ctx: read(obj(ctx))


_OPERATORS: dict[str, Callable[[Expr, list[Fn]], Fn]] = {
    "list": _b_list,
    "and": _b_and,
    "or": _b_or,
    "not": _b_not,
    "if": _b_if,
    "eq": _b_eq,
    "ne": _b_ne,
    "lt": _strict(operator.lt),
    "le": _strict(operator.le),
    "gt": _strict(operator.gt),
    "ge": _strict(operator.ge),
    "in": _b_in,
    "is_null": _b_is_null,
    "get": _b_get,
    "add": _strict(operator.add),
    "sub": _strict(operator.sub),
    "mul": _strict(operator.mul),
    "ratio": _strict(_ratio),
}

_clash = (set(_SYNTAX) | set(_OPERATORS)) & set(FUNCTIONS)
if _clash:  # a function may not shadow the syntax
    raise ImportError(f"functions named like syntax: {sorted(_clash)}")
