"""Shared by the CI formats: what fails a run, where a verdict points, how to cite it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from ..numerals import article_zh
from ..pack.compiled import CompiledPack, CompiledRule
from ..report import InputError, Report, Verdict, is_failing

INPUT_SUITE = "input"  # where a subject without a file part (no '#') is filed
INPUT_ERROR_ID = "input-error"
STDIN = "-"


def run_failed(report: Report, fail_on: str = "error") -> bool:
    """Whether the run as a whole fails (the policy is the report's: Report.failed)."""
    return report.failed(fail_on)


def source_of(subject: str) -> str:
    """The file part of a subject (`path#record`), or "input" when it names none."""
    file, sep, _ = subject.partition("#")
    return file if sep and file else INPUT_SUITE


def record_of(subject: str) -> str:
    """The record part of a subject (`meeting:CW-2026-29`), or the whole subject."""
    _, sep, record = subject.partition("#")
    return record if sep else subject


def location(report: Report, subject: str) -> tuple[str | None, int | None]:
    """(file, line) a subject points at; file is None when there is no real file (stdin)."""
    if subject in report.locations:
        file, line = report.locations[subject]
    else:
        file, line = source_of(subject), None
        if file == INPUT_SUITE:
            return None, None
    return (None, None) if file == STDIN else (file, line)


def error_location(report: Report, error: InputError) -> tuple[str | None, int | None]:
    """(file, line) of an input error: its own line, else its record's when the file said."""
    if error.file is None or error.file == STDIN:
        return None, None
    line = error.line
    if line is None and error.record is not None:
        found = report.locations.get(f"{error.file}#{error.record}")
        line = found[1] if found is not None else None
    return error.file, line


def error_where(error: InputError) -> str:
    """`file record field`, skipping the parts that are unknown."""
    return " ".join(x for x in (error.file, error.record, error.field) if x) or INPUT_SUITE


def rules_by_id(pack: CompiledPack) -> dict[str, CompiledRule]:
    return {rule.id: rule for rule in pack.rules}


def cite(article: int, rule: CompiledRule | None = None) -> str:
    """第五十一条, with the rule's item when it names one (第六十七条（七）)."""
    item = rule.item if rule is not None and rule.item else ""
    return f"{article_zh(article)}{item}"


def remedy_text(verdict: Verdict, lang: str) -> str:
    remedy = verdict.remedy
    if remedy is None:
        return ""
    return remedy["en"] if lang == "en" else remedy["zh"]


def summary_line(report: Report, fail_on: str) -> str:
    """The bilingual one-line summary used by the formats that end with one."""
    failing = sum(is_failing(v, fail_on) for v in report.verdicts)
    failed = run_failed(report, fail_on)
    return summary_text(report.summary, failing, len(report.errors), failed, fail_on)


def summary_text(
    s: Mapping[str, int], failing: int, errors: int, failed: bool, fail_on: str
) -> str:
    """The summary line from the counts (a streamed run has no report to count)."""
    verdict_zh, verdict_en = ("不合规", "failed") if failed else ("合规", "ok")
    return (
        f"合计：符合 {s['pass']}，不符合 {s['fail']}（其中导致失败 {failing}），"
        f"例外接受 {s['exception']}，不适用 {s['not_applicable']}，输入错误 {errors}；"
        f"结论：{verdict_zh}"
        f" / Summary: {s['pass']} pass, {s['fail']} fail ({failing} failing the run), "
        f"{s['exception']} exception, {s['not_applicable']} not applicable, "
        f"{errors} input error(s); result: {verdict_en} (fail on: {fail_on})"
    )


def _json_default(value: Any) -> Any:
    # Evidence is plain JSON from the engine; these keep a stray date or set from crashing
    # a CI run, and sets are sorted so the output stays byte-stable.
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)


def plain(value: Any) -> Any:
    """Evidence as plain JSON data (dicts, lists, strings, numbers, None)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_json_default))


def evidence_json(evidence: Mapping[str, Any]) -> str:
    return json.dumps(
        dict(evidence), ensure_ascii=False, indent=2, sort_keys=True, default=_json_default
    )
