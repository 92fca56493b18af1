"""`pingyin-rules explain`: a rule or an article as a clerk would want it explained — the
text, the rules that encode it, their parameters and interpretation choices, the decision
table, and worked examples."""

from __future__ import annotations

from pathlib import Path

from .numerals import article_zh
from .pack.compiled import CompiledPack, CompiledRule
from .pack.tables import CompiledTable
from .rendering import to_text

STATUS = {"pass": "符合 pass", "fail": "不符合 fail", "exception": "例外 exception",
          "not_applicable": "不适用 n/a"}  # fmt: skip


def _table_lines(table: CompiledTable) -> list[str]:
    inputs = list(table.input_names)
    header = [*inputs, "→", *table.outputs]
    rows = [header]
    for row in table.rows:
        cells = [to_text(sorted(row.conditions[n], key=str), "zh") if n in row.conditions else "*"
                 for n in inputs]  # fmt: skip
        rows.append([*cells, "→", *(to_text(row.outputs[o], "zh") for o in table.outputs)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"  决策表 {table.name}（{article_zh(table.article)}）：{table.description or ''}"]
    lines += ["    " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append("    （* 表示任意值；每种输入组合恰好对应一行 / * is any value; each combination "
                 "of inputs matches exactly one row）")  # fmt: skip
    return lines


def _tables_of(pack: CompiledPack, rule: CompiledRule) -> list[CompiledTable]:
    names = []
    for expr in [rule.when, rule.requires, *rule.lets.values()]:
        for node in expr.walk():
            if node.op == "lookup" and node.args[0] not in names:
                names.append(node.args[0])
    return [pack.tables[n] for n in names if not pack.tables[n].labels]


def explain_rule(pack: CompiledPack, rule: CompiledRule) -> str:
    cite = f"{article_zh(rule.article)}{rule.item or ''}"
    lines = [
        f"{rule.id}：{rule.title_zh}（{cite}）",
        f"{rule.title_en} (Art. {rule.article})",
        f"条文 clause：「{rule.clause}」",
        f"适用于 applies to：{rule.applies_to}；严重程度 severity：{rule.severity}；"
        f"施行 in force：{rule.in_force_from}起"
        + (f"至{rule.in_force_to}" if rule.in_force_to else ""),
        f"定义于 defined in：{Path(rule.file).name}:{rule.line}（{pack.id}）",
    ]
    own = {n: p for n, p in rule.parameters.items() if n not in pack.parameters}
    used = {n for e in [rule.when, rule.requires, *rule.lets.values(),
                        *(x.when for x in rule.exceptions)]
            for node in e.walk() if node.op == "param" for n in [node.args[0]]}  # fmt: skip
    params = {**{n: p for n, p in pack.parameters.items() if n in used}, **own}
    if params:
        lines.append("参数与解释选择 parameters and interpretation choices:")
        for name, param in params.items():
            values = "；".join(
                f"{v}" + (f"（{start}起，{source}）" if start else "")
                for start, v, source in ((s, to_text(v, "zh"), src) for s, v, src in param.values)
            )
            lines.append(f"  {name} = {values}")
            lines.append(f"    理由 reason：{param.reason}")
    if rule.exceptions:
        lines.append("例外 exceptions:")
        for exc in rule.exceptions:
            source = f"（{article_zh(exc.article)}）" if exc.article else ""
            text = "".join(p if isinstance(p, str) else "…" for p in exc.message.zh.parts)
            lines.append(f"  {exc.id}{source} → {exc.status}：{text}")
    for table in _tables_of(pack, rule):
        lines += _table_lines(table)
    if rule.examples:
        lines.append("示例 examples:")
        lines += [f"  [{STATUS[status]}] {zh} / {en}" for status, zh, en in rule.examples]
    return "\n".join(lines)


def explain_article(pack: CompiledPack, article: int) -> str:
    lines = []
    text = pack.article_texts.get(article)
    if text:
        lines += [f"{article_zh(article)}（{text[0]}）", text[1], ""]
    rules = [r for r in pack.rules if r.article == article]
    if not rules:
        lines.append(
            f"本规则包没有编码{article_zh(article)}的规则 / no rule encodes Art. {article}."
        )
    for rule in rules:
        lines += [explain_rule(pack, rule), ""]
    return "\n".join(lines).rstrip()
