"""The coverage matrix: every article of the regulation, what kind of provision it is, which
rules encode it and how many test cases check them, or why it is deferred.

The classification is pack data (`coverage.yaml`); this module joins it with the pack's rules
and test cases, and says what is inconsistent (lint fails a pack on those)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from .numerals import article_zh
from .pack.compiled import CompiledPack
from .pack.loader import COVERAGE_FILE

Standing = Literal["encoded", "deferred", "not_executable", "gap"]
STANDING_ZH = {"encoded": "已编码", "deferred": "暂缓", "not_executable": "不可执行", "gap": "缺口"}


@dataclass(frozen=True, slots=True)
class CoverageRow:
    article: int
    kind: str  # E, P, N; "?" when the matrix does not list the article
    standing: Standing
    rules: tuple[str, ...]  # rules filed under the article, then those that encode it elsewhere
    cases: int  # test cases of those rules
    reason: str
    deferred: str | None


def coverage_rows(pack: CompiledPack) -> list[CoverageRow]:
    filed: dict[int, list[str]] = {}
    for rule in pack.rules:
        filed.setdefault(rule.article, []).append(rule.id)
    cases: dict[str, int] = {}
    for case in pack.cases:
        cases[case.rule] = cases.get(case.rule, 0) + 1
    rows = []
    for article in range(1, pack.articles + 1):
        entry = pack.coverage.get(article)
        rules = list(filed.get(article, ()))
        elsewhere = entry.encoded_by if entry is not None else ()
        in_force = elsewhere == "in_force"
        if not in_force:
            rules += [r for r in elsewhere if r not in rules]
        kind = entry.kind if entry is not None else "?"
        if rules or in_force:
            standing: Standing = "encoded"
        elif kind == "N":
            standing = "not_executable"
        elif entry is not None and entry.deferred:
            standing = "deferred"
        else:
            standing = "gap"
        rows.append(CoverageRow(
            article, kind, standing, tuple(rules), sum(cases.get(r, 0) for r in rules),
            entry.reason if entry is not None else "", entry.deferred if entry else None,
        ))  # fmt: skip
    return rows


def coverage_problems(pack: CompiledPack) -> list[tuple[str, str]]:
    """(code, message) for each inconsistency; none when the pack has no matrix."""
    if not pack.coverage:
        return []
    known = {rule.id for rule in pack.rules}
    problems = []
    for article, entry in pack.coverage.items():
        if not 1 <= article <= pack.articles:
            problems.append(("coverage", f"article {article} is beyond {pack.articles}"))
        if entry.encoded_by != "in_force":
            for rule_id in entry.encoded_by:
                if rule_id not in known:
                    message = f"article {article}: encoded_by names no rule {rule_id!r}"
                    problems.append(("coverage", message))
    for row in coverage_rows(pack):
        where = f"{article_zh(row.article)} (art. {row.article})"
        if row.kind == "?":
            problems.append(("coverage", f"{where} is not classified in {COVERAGE_FILE}"))
        elif row.standing == "gap":
            message = f"{where} is {row.kind} but no rule encodes it and no deferral says why"
            problems.append(("coverage-gap", message))
        elif row.standing == "encoded" and row.deferred:
            message = f"{where} is encoded by {', '.join(row.rules)} but still marked deferred"
            problems.append(("coverage", message))
        elif row.standing == "encoded" and row.kind == "N":
            message = f"{where} is classified N (not executable) but rules encode it"
            problems.append(("coverage", message))
    return problems


def render_coverage(pack: CompiledPack, fmt: str = "text") -> str:
    rows = coverage_rows(pack)
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    counts = {s: sum(1 for r in rows if r.standing == s) for s in STANDING_ZH}
    summary_zh = "，".join(f"{STANDING_ZH[s]} {n}" for s, n in counts.items())
    summary_en = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items())
    if fmt == "markdown":
        lines = [
            f"# {pack.title_zh}：条款覆盖 (coverage)", "",
            f"{summary_zh} / {summary_en}", "",
            "| 条款 Article | 类型 Kind | 状态 Standing | 规则 Rules | 用例 Cases | 说明 Reason |",
            "|---|---|---|---|---:|---|",
        ]  # fmt: skip
        for r in rows:
            note = (r.deferred if r.standing == "deferred" else None) or r.reason
            rules = ", ".join(f"`{x}`" for x in r.rules) or "（无）"
            lines.append(
                f"| {article_zh(r.article)} | {r.kind} | {STANDING_ZH[r.standing]} {r.standing} "
                f"| {rules} | {r.cases} | {note.replace('|', '｜')} |"
            )
        return "\n".join(lines) + "\n"
    lines = [f"{pack.title_zh}：条款覆盖 / coverage"]
    for r in rows:
        head = f"{article_zh(r.article)}\t{r.kind}\t{STANDING_ZH[r.standing]}"
        if r.standing == "encoded":
            detail = f"{', '.join(r.rules) or '（施行日期）'}；用例 {r.cases} cases"
        elif r.standing == "deferred":
            detail = f"暂缓 deferred: {r.deferred or ''}"
        else:
            detail = r.reason
        lines.append(f"{head}\t{detail}")
    lines.append(f"合计：{summary_zh} / Total: {summary_en}")
    return "\n".join(lines) + "\n"
