"""Check a rule pack before it is used: everything the loader refuses, plus what it tolerates
(gaps in a decision table, a quoted clause that is not in the article, an id that names
another article)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .compiled import CompiledPack
from .loader import PackError, load_pack

CLAUSE_BREAK = re.compile(r"……|\.\.\.")


@dataclass(frozen=True, slots=True)
class LintProblem:
    file: str
    line: int | None
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: [{self.code}] {self.message}"


def _code(reason: str, code: str | None) -> str:
    if code is not None:
        return code
    checks = [
        ("invalid YAML", "yaml"),
        ("Extra inputs are not permitted", "unknown-field"),
        ("already used", "duplicate-id"),
        ("is defined twice", "duplicate-id"),
        ("is beyond", "article-range"),
        ("all match", "table-overlap"),
        ("rule art", "expression"),  # refused expressions name their rule and place
        ("unknown let", "expression"),
        ("unknown parameter", "expression"),
        ("has no field", "expression"),
        ("template field", "message-template"),
        ("in a cycle", "let-cycle"),
        ("outside filter/map", "expression"),
        ("private attribute", "expression"),
        ("input combinations", "table-size"),
    ]
    for needle, code in checks:
        if needle in reason:
            return code
    if re.search(
        r"(messages|title|remedy|message|given)\.[\w.]*\b(zh|en)\b.*Field required", reason
    ):
        return "message-missing"
    if "Field required" in reason:
        return "missing-field"
    return "schema"


def lint_pack(root: str | Path | None = None) -> list[LintProblem]:
    try:
        pack = load_pack(root)
    except PackError as exc:
        return [
            LintProblem(p.file, p.line, _code(p.reason, p.code), p.reason) for p in exc.problems
        ]
    return _semantic_problems(pack)


def _semantic_problems(pack: CompiledPack) -> list[LintProblem]:
    problems: list[LintProblem] = []
    for table in pack.tables.values():
        for combo in table.gaps:
            shown = ", ".join(f"{n}={v}" for n, v in zip(table.input_names, combo, strict=True))
            problems.append(LintProblem(
                pack.root, table.line, "table-gap", f"table {table.name!r}: no row covers {shown}"
            ))  # fmt: skip
    for rule in pack.rules:
        if not rule.id.startswith(f"art{rule.article}."):
            message = f"rule {rule.id} encodes article {rule.article}: prefix art{rule.article}."
            problems.append(LintProblem(rule.file, rule.line, "id-article", message))
        text = pack.article_texts.get(rule.article)
        if text is None:
            if pack.article_texts:
                message = f"rule {rule.id}: no text for article {rule.article}"
                problems.append(LintProblem(rule.file, rule.line, "article-text", message))
            continue
        flat = re.sub(r"\s+", "", text[1])
        for fragment in CLAUSE_BREAK.split(re.sub(r"\s+", "", rule.clause)):
            fragment = fragment.strip("。，；：")
            if fragment and fragment not in flat:
                problems.append(LintProblem(
                    rule.file, rule.line, "clause-not-in-text",
                    f"rule {rule.id}: quoted clause {fragment!r} is not in article {rule.article}",
                ))  # fmt: skip
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.code, p.message))
