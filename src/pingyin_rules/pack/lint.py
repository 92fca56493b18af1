"""Check a rule pack before it is used: everything the loader refuses, plus what it tolerates
(gaps in a decision table, a quoted clause that is not in the article, an id that names
another article)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..coverage import coverage_problems
from .compiled import CompiledPack
from .loader import COVERAGE_FILE, PackError, load_pack

CLAUSE_BREAK = re.compile(r"……|\.\.\.")


@dataclass(frozen=True, slots=True)
class LintProblem:
    file: str
    line: int | None
    code: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        where += f":{self.column}" if self.line and self.column else ""
        return f"{where}: [{self.code}] {self.message}"


def lint_pack(root: str | Path | None = None) -> list[LintProblem]:
    try:
        pack = load_pack(root)
    except PackError as exc:
        return [
            LintProblem(p.file, p.line, p.code or "schema", p.reason, p.column)
            for p in exc.problems
        ]
    return _semantic_problems(pack)


def _semantic_problems(pack: CompiledPack) -> list[LintProblem]:
    matrix = str(Path(pack.root) / COVERAGE_FILE)
    problems = [LintProblem(matrix, None, code, text) for code, text in coverage_problems(pack)]
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
