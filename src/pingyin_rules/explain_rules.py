"""`pingyin-rules explain`: a rule or an article as a clerk would want it explained — the
text, the rules that encode it, their parameters (by the names `--set` takes) and
interpretation choices, the decision tables with codes shown by their display names, and
worked examples. `lang="zh"` gives Chinese with the English beside it; "en" English only
(the regulation's own text stays in Chinese)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .engine.explain import cite, display_names, record_kind, show, table_title, words
from .numerals import article_zh
from .pack.compiled import CompiledPack, CompiledRule
from .pack.tables import CompiledTable
from .rendering import to_text

STATUS = {"pass": ("符合", "pass"), "fail": ("不符合", "fail"),
          "exception": ("例外", "exception"), "not_applicable": ("不适用", "n/a")}  # fmt: skip
SEVERITY = {"error": "错误 error", "warning": "提示 warning"}


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table_lines(table: CompiledTable, names: Mapping[Any, str], lang: str) -> list[str]:
    zh = lang == "zh"
    inputs = list(table.input_names)
    rows = [[*(words(n) for n in inputs), "→", *(words(o) for o in table.outputs)]]
    for row in table.rows:
        cells = [show(sorted(row.conditions[n], key=str), names, lang, codes=True)
                 if n in row.conditions else "*" for n in inputs]  # fmt: skip
        outputs = [show(row.outputs[o], names, lang, codes=True) for o in table.outputs]
        rows.append([*cells, "→", *outputs])
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    title = table_title(table)
    head = (
        f"  决策表「{title}」（{article_zh(table.article)}）：{table.description or ''}" if zh
        else f"  Decision table of Art. {table.article} ({title}): {table.description or ''}"
    )  # fmt: skip
    lines = [head.rstrip("： ")]
    lines += ["    " + "  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]  # fmt: skip
    lines.append(
        "    （* 表示任意值；每种输入组合恰好对应一行 / * is any value; each combination "
        "of inputs matches exactly one row）" if zh
        else "    (* is any value; each combination of inputs matches exactly one row)"
    )  # fmt: skip
    return lines


def _tables_of(pack: CompiledPack, rule: CompiledRule) -> list[CompiledTable]:
    names = []
    for expr in [rule.when, rule.requires, *rule.lets.values()]:
        for node in expr.walk():
            if node.op == "lookup" and node.args[0] not in names:
                names.append(node.args[0])
    return [pack.tables[n] for n in names if not pack.tables[n].labels]


def _parameters(pack: CompiledPack, rule: CompiledRule) -> dict[str, Any]:
    """The parameters a rule reads, by the name `--set` takes: a pack-wide one by its own
    name, the rule's own as RULE:NAME."""
    used = {node.args[0]
            for e in [rule.when, rule.requires, *rule.lets.values(),
                      *(x.when for x in rule.exceptions)]
            for node in e.walk() if node.op == "param"}  # fmt: skip
    shared = {n: p for n, p in pack.parameters.items() if n in used}
    own = {f"{rule.id}:{n}": p for n, p in rule.parameters.items() if n not in pack.parameters}
    return {**shared, **own}


def explain_rule(pack: CompiledPack, rule: CompiledRule, lang: str = "zh") -> str:
    zh = lang == "zh"
    names = display_names(pack.tables)
    shown_names: Mapping[Any, str] = names if zh else names.en
    kind_zh, kind_en = record_kind(rule.applies_to, "zh"), record_kind(rule.applies_to, "en")
    in_force = (
        f"{rule.in_force_from}起" + (f"至{rule.in_force_to}" if rule.in_force_to else "") if zh
        else f"from {rule.in_force_from}" + (f" to {rule.in_force_to}" if rule.in_force_to else "")
    )  # fmt: skip
    where = f"{Path(rule.file).name}:{rule.line}"
    if zh:
        lines = [
            f"{rule.id}：{rule.title_zh}（{cite(rule.article, rule.item, 'zh')}）",
            f"{rule.title_en} ({cite(rule.article, rule.item, 'en')})",
            f"条文 clause：「{rule.clause}」",
            f"适用于 applies to：{kind_zh} {kind_en}；严重程度 severity：{SEVERITY[rule.severity]}"
            f"；施行 in force：{in_force}",
            f"定义于 defined in：{where}（{pack.id}）",
        ]
    else:
        lines = [
            f"{rule.id}: {rule.title_en} ({cite(rule.article, rule.item, 'en')})",
            f"Clause (the regulation's text): 「{rule.clause}」",
            f"Applies to: {kind_en}; severity: {rule.severity}; in force: {in_force}",
            f"Defined in: {where} ({pack.id})",
        ]
    params = _parameters(pack, rule)
    if params:
        lines.append(
            "参数与解释选择 parameters and interpretation choices"
            "（--set 名称=值 / --set NAME=VALUE）:"
            if zh else "Parameters and interpretation choices (--set NAME=VALUE):"
        )  # fmt: skip
        for name, param in params.items():
            values = ("；" if zh else "; ").join(
                to_text(v, lang) + (
                    (f"（{start}起，{source}）" if zh else f" (from {start}, {source})")
                    if start else ""
                )
                for start, v, source in param.values
            )  # fmt: skip
            lines.append(f"  {name} = {values}")
            lines.append(
                f"    理由 reason：{param.reason}" if zh else f"    Reason: {param.reason}"
            )
    if rule.exceptions:
        lines.append("例外 exceptions:" if zh else "Exceptions:")
        for exc in rule.exceptions:
            status_zh, status_en = STATUS.get(exc.status, (exc.status, exc.status))
            template = exc.message.zh if zh else exc.message.en
            text = "".join(p if isinstance(p, str) else "…" for p in template.parts)
            if zh:
                source = f"（{article_zh(exc.article)}）" if exc.article else ""
                lines.append(f"  {source}→ {status_zh} {status_en}：{text}")
            else:
                source = f"(Art. {exc.article}) " if exc.article else ""
                lines.append(f"  {source}→ {status_en}: {text}")
    for table in _tables_of(pack, rule):
        lines += _table_lines(table, shown_names, lang)
    if rule.examples:
        lines.append("示例 examples:" if zh else "Examples:")
        for status, situation_zh, situation_en in rule.examples:
            status_zh, status_en = STATUS[status]
            lines.append(
                f"  [{status_zh} {status_en}] {situation_zh} / {situation_en}" if zh
                else f"  [{status_en}] {situation_en}"
            )  # fmt: skip
    return "\n".join(lines)


def explain_article(pack: CompiledPack, article: int, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = []
    text = pack.article_texts.get(article)
    if text:
        chapter, body = text
        lines += [f"{article_zh(article)}（{chapter}）" if zh else f"Art. {article} ({chapter})",
                  body, ""]  # fmt: skip
    rules = [r for r in pack.rules if r.article == article]
    if not rules:
        lines.append(
            f"本规则包没有编码{article_zh(article)}的规则 / no rule encodes Art. {article}." if zh
            else f"No rule of this pack encodes Art. {article}."
        )  # fmt: skip
    for rule in rules:
        lines += [explain_rule(pack, rule, lang), ""]
    return "\n".join(lines).rstrip()
