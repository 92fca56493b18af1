"""A pull-request comment: outcome, counts, the failures with their remedies, the rest folded."""

from __future__ import annotations

import re
from collections import Counter

from ..pack.compiled import CompiledPack, CompiledRule
from ..report import Report, Verdict, check_fail_on, is_failing
from ._common import (
    cite,
    error_where,
    remedy_text,
    rules_by_id,
    run_failed,
)

# GitHub refuses comments over 65,536 characters; long tables are cut well before that and
# the other formats (JUnit, SARIF) still carry every row.
MAX_ROWS = 100
# Backslash-escaping every markdown-active ASCII character keeps record text (user input)
# literal: no stray tables, emphasis, links or HTML tags in the comment.
_ACTIVE = re.compile(r"([\\`*_\[\]<>|&~])")
FAILURE_HEADER = (
    "| 条款 Article | 规则 Rule | 对象 Subject | 问题 Problem | 整改 Remedy |",
    "| --- | --- | --- | --- | --- |",
)


def escape(text: str) -> str:
    """Text safe inside a table cell: active characters escaped, line breaks as <br>."""
    text = _ACTIVE.sub(r"\\\1", text)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _failure_row(v: Verdict, rule: CompiledRule | None) -> str:
    remedy = remedy_text(v, "zh")
    return _row(
        [
            cite(v.article, rule),
            escape(v.rule_id),
            escape(v.subject),
            escape(v.message),
            escape(remedy) if remedy else "—",
        ]
    )


def _table(verdicts: list[Verdict], rules: dict[str, CompiledRule]) -> list[str]:
    lines = list(FAILURE_HEADER)
    lines += [_failure_row(v, rules.get(v.rule_id)) for v in verdicts[:MAX_ROWS]]
    if len(verdicts) > MAX_ROWS:
        more = len(verdicts) - MAX_ROWS
        lines += [
            "",
            f"…另有 {more} 项未列出 ({more} more not shown; see the JUnit or SARIF output).",
        ]
    return lines


def _capped(items: list[str]) -> list[str]:
    if len(items) <= MAX_ROWS:
        return items
    more = len(items) - MAX_ROWS
    return [*items[:MAX_ROWS], f"- …另有 {more} 项未列出 ({more} more not shown)"]


def render_markdown(report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str:
    check_fail_on(fail_on)
    rules = rules_by_id(pack)
    failed = run_failed(report, fail_on)
    s = report.summary
    icon, zh, en = ("❌", "不合规", "failed") if failed else ("✅", "合规", "passed")
    lines = [
        f"## {icon} {escape(pack.title_zh)}：{zh} ({en})",
        "",
        "| 符合 Pass | 不符合 Fail | 例外接受 Exception | 不适用 N/A | 输入错误 Input errors |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {s['pass']} | {s['fail']} | {s['exception']} | {s['not_applicable']} "
        f"| {len(report.errors)} |",
        "",
    ]
    if fail_on == "warning":
        lines += ["提示级规则不符合也判为不合规 (warnings fail the run: fail on warning).", ""]

    fails = [v for v in report.verdicts if v.status == "fail"]
    failing = [v for v in fails if is_failing(v, fail_on)]
    warnings = [v for v in fails if not is_failing(v, fail_on)]
    if failing:
        lines += [f"### 不符合 Failures ({len(failing)})", "", *_table(failing, rules), ""]
    if warnings:
        lines += [
            f"### 提示（不影响结论）Warnings, not failing the run ({len(warnings)})",
            "",
            *_table(warnings, rules),
            "",
        ]

    exceptions = [v for v in report.verdicts if v.status == "exception"]
    if exceptions:
        items = [
            f"- {cite(v.article, rules.get(v.rule_id))} {escape(v.rule_id)} "
            f"{escape(v.subject)}：{escape(v.message)}"
            for v in exceptions
        ]
        lines += [f"### 例外接受 Exceptions ({len(exceptions)})", "", *_capped(items), ""]

    if report.errors:
        items = [f"- {escape(error_where(e))}：{escape(e.reason)}" for e in report.errors]
        lines += [f"### 输入错误 Input errors ({len(report.errors)})", "", *_capped(items), ""]

    passes = Counter(v.rule_id for v in report.verdicts if v.status == "pass")
    if passes:
        # Pack order first (how the regulation reads), then any rule the pack does not know.
        order = [r.id for r in pack.rules if r.id in passes]
        order += sorted(set(passes) - set(order))
        article = {v.rule_id: v.article for v in report.verdicts}
        lines += [
            "<details>",
            f"<summary>符合 Passes: {s['pass']}（按规则 per rule）</summary>",
            "",
            "| 条款 Article | 规则 Rule | 符合 Pass |",
            "| --- | --- | ---: |",
            *(
                _row([cite(article[rid], rules.get(rid)), escape(rid), str(passes[rid])])
                for rid in order
            ),
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
