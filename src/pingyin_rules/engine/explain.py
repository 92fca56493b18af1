"""Explanations a clerk can follow: which rule applied, which table row matched, which values
were compared, which exception was accepted and on what record.

Written for people, in Chinese and English: rules by their titles, codes by their display
names (county_head → 县长 / the county head), never a rule's expressions or internal ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numerals import article_zh
from ..pack.compiled import CompiledException, CompiledRule
from ..pack.expressions import Expr
from ..pack.tables import CompiledTable
from ..rendering import to_text
from ..report import STATUS_ZH
from .context import Context

STATUS_EN = {"pass": "pass", "fail": "fail", "exception": "exception accepted",
             "not_applicable": "not applicable"}  # fmt: skip
# What a record of each type is called; a type not listed is named by its words.
RECORD_KINDS = {
    "absence": ("外出或休假", "absence"),
    "agenda_item": ("议题", "agenda item"),
    "assignment": ("交办事项", "assignment"),
    "coordinating_body": ("议事协调机构", "coordinating body"),
    "decision": ("决策", "decision"),
    "department": ("部门", "department"),
    "document": ("公文", "document"),
    "justification": ("理由记录", "justification"),
    "meeting": ("会议", "meeting"),
    "official": ("领导", "official"),
    "period": ("期间", "period"),
    "roster": ("名册", "roster"),
    "submission": ("来文", "submission"),
    "visit": ("考察", "visit"),
}
_ZH_ORDINALS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}


class Step(str):
    """One step of an explanation. The string is the Chinese text, which the JSON report
    carries (`explanation`); `en` is the same step in English, for `check --lang en`."""

    en: str

    def __new__(cls, zh: str, en: str) -> Step:
        step = super().__new__(cls, zh)
        step.en = en
        return step

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (str(self), self.en)


def in_english(step: str) -> str:
    """A step's English text; a plain string (from an older pack of code) is shown as is."""
    return step.en if isinstance(step, Step) else step


class DisplayNames(dict[Any, str]):
    """Chinese display names of codes (county_head → 县长), with the English ones as `en`."""

    en: dict[Any, str]

    def __init__(self, zh: Mapping[Any, str], en: Mapping[Any, str]) -> None:
        super().__init__(zh)
        self.en = dict(en)


def display_names(tables: Mapping[str, CompiledTable]) -> DisplayNames:
    """Display names of codes, from the pack's label tables (e.g. county_head → 县长)."""
    zh: dict[Any, str] = {}
    en: dict[Any, str] = {}
    for table in tables.values():
        if table.labels and len(table.inputs) == 1 and "zh" in table.outputs:
            for combo, row in table.index.items():
                zh[combo[0]] = row.outputs["zh"]
                en[combo[0]] = row.outputs.get("en") or row.outputs["zh"]
    return DisplayNames(zh, en)


def _names_in(names: Mapping[Any, str], lang: str) -> Mapping[Any, str]:
    return names if lang == "zh" else getattr(names, "en", names)


def words(name: str) -> str:
    """An identifier as words: overlap_dates → overlap dates."""
    return name.strip("_").replace("_", " ")


_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def show(value: Any, names: Mapping[Any, str], lang: str, *, codes: bool = False) -> str:
    """A value as a clerk reads it: codes by their display names, lists joined, no reprs.
    With `codes` (a decision table's cells, which hold nothing else), a code the pack gives
    no display name is shown as words: temporary_body → temporary body."""
    sep = "、" if lang == "zh" else ", "
    if isinstance(value, str):
        if value in names:
            return names[value]
        return words(value) if codes and _CODE.fullmatch(value) else value
    if isinstance(value, bool) or value is None:
        return to_text(value, lang)
    if isinstance(value, Mapping):
        colon = "：" if lang == "zh" else ": "
        return sep.join(
            f"{words(str(k))}{colon}{show(v, names, lang, codes=codes)}" for k, v in value.items()
        )
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return sep.join(show(v, names, lang, codes=codes) for v in items) or "—"
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)
    return to_text(value, lang)


def pairs(
    values: Mapping[str, Any], names: Mapping[Any, str], lang: str, *, codes: bool = False
) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{words(k)} = {show(v, names, lang, codes=codes)}" for k, v in values.items())


def cite(article: int, item: str | None, lang: str) -> str:
    """第十条第二款 / Art. 10 ¶2."""
    if lang == "zh":
        return f"{article_zh(article)}{item or ''}"
    if not item:
        return f"Art. {article}"
    paragraph = re.fullmatch(r"第(.)款", item)
    if paragraph and paragraph.group(1) in _ZH_ORDINALS:
        return f"Art. {article} ¶{_ZH_ORDINALS[paragraph.group(1)]}"
    return f"Art. {article} item {item}"


def record_kind(record_type: str, lang: str) -> str:
    zh, en = RECORD_KINDS.get(record_type, (words(record_type), words(record_type)))
    return zh if lang == "zh" else en


def table_title(table: CompiledTable) -> str:
    """A table's own name from the start of its description (公文签发权限 (Art. 67…)…)."""
    head = re.split(r"\s*[(:：（]", table.description or "", maxsplit=1)[0].strip()
    return head or words(table.name)


def _scope(expr: Expr, record: Any, names: Mapping[Any, str], lang: str) -> list[str]:
    """Display names of the record's own codes that the rule's condition compares, e.g. the
    meeting's kind 常务会议: what made the rule apply, in the clerk's words."""
    found: list[str] = []

    def visit(node: Expr) -> None:
        if node.op in ("not", "ne"):
            return  # what a record is not says nothing about what it is
        if node.op in ("eq", "in") and node.args[0].op == "var":
            value = record
            for part in node.args[0].args[0]:
                value = getattr(value, part, None)
            value = getattr(value, "value", value)  # an enum member: its code
            if isinstance(value, str) and value in names and names[value] not in found:
                found.append(names[value])
            return
        for child in node.children():
            visit(child)

    visit(expr)
    return found


def conclusion(status: str, message: str, message_en: str | None = None) -> Step:
    """The last step before a remedy: the verdict and its message."""
    en = f"Verdict: {STATUS_EN[status]}."
    return Step(f"结论：{STATUS_ZH[status]}。{message}", f"{en} {message_en}" if message_en else en)


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
    message_en: str | None = None,
) -> tuple[str, ...]:
    """The steps of one verdict, each a `Step` (Chinese, with its English as `.en`)."""
    zh_names, en_names = _names_in(names, "zh"), _names_in(names, "en")
    cite_zh, cite_en = cite(rule.article, rule.item, "zh"), cite(rule.article, rule.item, "en")
    steps = [
        Step(
            f"规则：{rule.title_zh}（{cite_zh}）。条文：「{rule.clause}」",
            f"Rule: {rule.title_en} ({cite_en}). Clause: 「{rule.clause}」",
        )
    ]
    kind_zh, kind_en = record_kind(rule.applies_to, "zh"), record_kind(rule.applies_to, "en")
    if not applies:
        steps.append(
            Step(
                f"适用范围：该{kind_zh}不在本规则的适用范围内。",
                f"Scope: this {kind_en} is outside the rule's scope.",
            )
        )
        steps.append(conclusion("not_applicable", message, message_en))
        return tuple(steps)
    scope_zh = "、".join(_scope(rule.when, ctx.record, zh_names, "zh"))
    scope_en = ", ".join(_scope(rule.when, ctx.record, en_names, "en"))
    steps.append(
        Step(
            f"适用范围：本规则适用于该{kind_zh}" + (f"（{scope_zh}）" if scope_zh else "") + "。",
            f"Scope: the rule applies to this {kind_en}" + (f" ({scope_en})" if scope_en else "")
            + ".",
        )
    )  # fmt: skip
    for table_name, row, given in ctx.matched_rows:
        table = ctx.tables[table_name]
        inputs = {name: given[name] for name in table.inputs if name in given}  # table order
        found = next((r for r in table.rows if r.label == row), None)
        outputs = found.outputs if found else {}
        steps.append(
            Step(
                f"查决策表「{table_title(table)}」：{pairs(inputs, zh_names, 'zh', codes=True)}"
                f" → 第{row}行：{pairs(outputs, zh_names, 'zh', codes=True)}",
                f"Decision table of Art. {table.article} ({table_title(table)}): "
                f"{pairs(inputs, en_names, 'en', codes=True)} → row {row}: "
                f"{pairs(outputs, en_names, 'en', codes=True)}",
            )
        )
    shown = {k: v for k, v in evidence.items() if k != "decision_table"}
    if shown:
        steps.append(
            Step(
                f"比较的数值：{pairs(shown, zh_names, 'zh')}",
                f"Values compared: {pairs(shown, en_names, 'en')}",
            )
        )
    steps.append(
        Step("规则要求已满足。", "The requirement is met.")
        if met
        else Step("规则要求未满足。", "The requirement is not met.")
    )
    if accepted is not None:
        source_zh = f"（{article_zh(accepted.article)}）" if accepted.article else ""
        source_en = f" (Art. {accepted.article})" if accepted.article else ""
        steps.append(Step(f"适用例外{source_zh}。", f"An exception applies{source_en}."))
        for record in ctx.consulted:
            approver = ctx.index.officials.get(record.approved_by or "")
            name = approver.name if approver else record.approved_by
            steps.append(
                Step(
                    f"依据理由记录 {record.id}" + (f"，{name}批准" if name else "")
                    + f"：{record.reason}",
                    f"On justification record {record.id}"
                    + (f", approved by {name}" if name else "") + f": {record.reason}",
                )
            )  # fmt: skip
    steps.append(conclusion(status, message, message_en))
    if remedy:
        steps.append(Step(f"整改：{remedy['zh']}", f"Remedy: {remedy['en']}"))
    return tuple(steps)
