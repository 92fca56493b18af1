"""GitHub Actions workflow commands: an annotation per failed verdict, then a summary notice.

Record text is escaped the way the runner unescapes it, so a line break in a case file can
never start a workflow command of its own.
"""

from __future__ import annotations

from ..pack.compiled import CompiledPack
from ..report import InputError, Report, Verdict, check_fail_on
from ._common import (
    INPUT_ERROR_ID,
    cite,
    error_location,
    error_where,
    location,
    remedy_text,
    rules_by_id,
    summary_line,
)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """`::name k=v,k=v::message`, leaving out properties that are None."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _message(v: Verdict) -> str:
    zh, en = v.message, v.message_en
    if v.remedy:
        zh += f" — {remedy_text(v, 'zh')}"
        en += f" — {remedy_text(v, 'en')}"
    return f"{zh}\n{en}"


def _verdict_line(v: Verdict, title: str, report: Report) -> str:
    file, line = location(report, v.subject)
    level = "warning" if v.severity == "warning" else "error"
    return command(level, _message(v), file=file, line=line, title=title)


def _error_line(e: InputError, report: Report) -> str:
    file, line = error_location(report, e)
    message = f"{error_where(e)}: {e.reason}"
    return command("error", message, file=file, line=line, title=INPUT_ERROR_ID)


def render_github(report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str:
    check_fail_on(fail_on)
    rules = rules_by_id(pack)
    lines = [
        _verdict_line(v, f"{cite(v.article, rules.get(v.rule_id))} {v.rule_id}", report)
        for v in report.verdicts
        if v.status == "fail"
    ]
    lines += [_error_line(e, report) for e in report.errors]
    lines.append(command("notice", summary_line(report, fail_on)))
    return "\n".join(lines) + "\n"
