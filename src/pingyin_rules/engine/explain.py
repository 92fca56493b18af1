"""Explanations a clerk can follow: which rule applied, which table row matched, which values
were compared, which exception was accepted and on what record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..numerals import article_zh
from ..pack.compiled import CompiledException, CompiledRule
from ..pack.expressions import Expr
from ..pack.tables import CompiledTable
from ..rendering import to_text
from ..report import STATUS_ZH
from .context import Context


def display_names(tables: Mapping[str, CompiledTable]) -> dict[Any, str]:
    """Chinese display names of codes, from the pack's label tables (e.g. county_head → 县长)."""
    names: dict[Any, str] = {}
    for table in tables.values():
        if table.labels and len(table.inputs) == 1 and "zh" in table.outputs:
            names.update({combo[0]: row.outputs["zh"] for combo, row in table.index.items()})
    return names


def _pairs(values: Mapping[str, Any], names: Mapping[Any, str]) -> str:
    def show(value: Any) -> str:
        if isinstance(value, str) and value in names:
            return f"{names[value]}（{value}）"
        if isinstance(value, tuple | list):
            return "、".join(show(v) for v in value) or "—"
        return to_text(value, "zh")

    return "；".join(f"{k} = {show(v)}" for k, v in values.items())


def _operand(expr: Expr, names: Mapping[Any, str]) -> str:
    if expr.op == "var":
        return ".".join(expr.args[0])
    if expr.op == "param":
        return f"参数 {expr.args[0]}"
    if expr.op == "ref":
        return expr.args[0]
    if expr.op == "lit":
        value = expr.args[0]
        if isinstance(value, tuple):
            return "、".join(_operand(Expr("lit", (v,)), names) for v in value)
        return (
            names.get(value, to_text(value, "zh"))
            if isinstance(value, str)
            else to_text(value, "zh")
        )
    inner = {"count": "{}的数量", "role_of": "{}的职务", "official": "{}", "name_of": "{}"}
    if expr.op in inner and expr.args:
        return inner[expr.op].format(_operand(expr.args[0], names))
    if expr.op == "get" and expr.args[1].op == "lit":
        return f"{_operand(expr.args[0], names)}的{expr.args[1].args[0]}"
    if expr.op == "lookup":
        return f"决策表 {expr.args[0]}"
    return "（计算值）"


def describe_condition(expr: Expr, names: Mapping[Any, str]) -> str:
    """A rule's applicability in words a clerk can read: kind = 常务会议 且 …"""
    op, args = expr.op, expr.args
    if op == "lit":
        return "总是适用" if args[0] is True else to_text(args[0], "zh")
    if op == "and":
        return " 且 ".join(describe_condition(a, names) for a in args)
    if op == "or":
        return "（" + " 或 ".join(describe_condition(a, names) for a in args) + "）"
    if op == "not" and args[0].op == "is_null":
        return f"已记录 {_operand(args[0].args[0], names)}"
    if op == "not":
        return f"非（{describe_condition(args[0], names)}）"
    if op == "is_null":
        return f"未记录 {_operand(args[0], names)}"
    if op == "var":
        return f"{_operand(expr, names)} 为是"
    symbols = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "属于"}
    if op in symbols:
        return f"{_operand(args[0], names)} {symbols[op]} {_operand(args[1], names)}"
    return "（复合条件）"


def explain(
    rule: CompiledRule,
    ctx: Context,
    *,
    applies: bool,
    met: bool,
    status: str,
    accepted: CompiledException | None,
    evidence: Mapping[str, Any],
    message: str,
    remedy: Mapping[str, str] | None,
    names: Mapping[Any, str],
) -> tuple[str, ...]:
    cite = f"{article_zh(rule.article)}{rule.item or ''}"
    lines = [f"规则 {rule.id}：{rule.title_zh}（{cite}）。条文：「{rule.clause}」"]
    condition = describe_condition(rule.when, names)
    if not applies:
        lines.append(f"适用条件：{condition}——该记录不满足，因此不适用。")
        lines.append(f"结论：不适用。{message}")
        return tuple(lines)
    lines.append(f"适用条件：{condition}——该记录满足。")
    for table, row, inputs in ctx.matched_rows:
        outputs = ctx.tables[table].rows
        found = next((r for r in outputs if r.label == row), None)
        shown = _pairs(found.outputs, names) if found else ""
        lines.append(f"查决策表 {table}：{_pairs(inputs, names)} → 第{row}行：{shown}")
    shown_evidence = {k: v for k, v in evidence.items() if k != "decision_table"}
    if shown_evidence:
        lines.append(f"比较的数值：{_pairs(shown_evidence, names)}")
    lines.append("规则要求已满足。" if met else "规则要求未满足。")
    if accepted is not None:
        source = f"（{article_zh(accepted.article)}）" if accepted.article else ""
        lines.append(f"适用例外「{accepted.id}」{source}。")
        for record in ctx.consulted:
            approver = ctx.index.officials.get(record.approved_by or "")
            name = approver.name if approver else record.approved_by
            by = f"，{name}批准" if name else ""
            lines.append(f"依据理由记录 {record.id}{by}：{record.reason}")
    lines.append(f"结论：{STATUS_ZH[status]}。{message}")
    if remedy:
        lines.append(f"整改：{remedy['zh']}")
    return tuple(lines)
