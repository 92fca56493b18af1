"""GitHub Actions workflow commands: an annotation per failed verdict, then a summary notice.

Record text is escaped the way the runner unescapes it, so a line break in a case file can
never start a workflow command of its own. `GithubWriter` writes the same lines as the check
goes (the command line streams this format); `render_github` writes them from a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from ..pack.compiled import CompiledPack, CompiledRule
from ..report import InputError, Report, Verdict, check_fail_on
from ..streaming import Tally
from ._common import (
    INPUT_ERROR_ID,
    STDIN,
    cite,
    error_location,
    error_where,
    location,
    remedy_text,
    rules_by_id,
    summary_line,
    summary_text,
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


def _verdict_line(
    v: Verdict, rules: Mapping[str, CompiledRule], where: tuple[str | None, int | None]
) -> str:
    title = f"{cite(v.article, rules.get(v.rule_id))} {v.rule_id}"
    level = "warning" if v.severity == "warning" else "error"
    return command(level, _message(v), file=where[0], line=where[1], title=title)


def _error_line(e: InputError, where: tuple[str | None, int | None]) -> str:
    message = f"{error_where(e)}: {e.reason}"
    return command("error", message, file=where[0], line=where[1], title=INPUT_ERROR_ID)


def render_github(report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str:
    check_fail_on(fail_on)
    rules = rules_by_id(pack)
    lines = [
        _verdict_line(v, rules, location(report, v.subject))
        for v in report.verdicts
        if v.status == "fail"
    ]
    lines += [_error_line(e, error_location(report, e)) for e in report.errors]
    lines.append(command("notice", summary_line(report, fail_on)))
    return "\n".join(lines) + "\n"


class GithubWriter:
    """`render_github`'s lines as the check goes: a failed verdict's annotation at once, at
    its line; the input errors (few) and the summary notice at the end, where the report
    puts them. Holds each file's record lines, not its verdicts."""

    def __init__(self, out: TextIO, pack: CompiledPack, fail_on: str) -> None:
        check_fail_on(fail_on)
        self.out, self.fail_on, self.rules = out, fail_on, rules_by_id(pack)
        self._lines: dict[str, Mapping[str, int]] = {}
        self._errors: list[InputError] = []

    def file_lines(self, path: str, lines: Mapping[str, int]) -> None:
        """Where each record of `path` is (its subject without the file part -> line)."""
        self._lines[path] = lines

    def start_file(self, path: str) -> None:
        pass

    def add(self, found: Verdict | InputError) -> None:
        if isinstance(found, InputError):
            self._errors.append(found)
        elif found.status == "fail":
            file, sep, record = found.subject.partition("#")
            where = (None, None) if not sep or not file or file == STDIN else (
                file, self._lines.get(file, {}).get(record)
            )
            self.out.write(_verdict_line(found, self.rules, where) + "\n")

    def end_file(self, path: str) -> None:
        pass

    def finish(self, tally: Tally) -> None:
        for e in self._errors:
            where: tuple[str | None, int | None] = (None, None)
            if e.file is not None and e.file != STDIN:
                line = e.line
                if line is None and e.record is not None:
                    line = self._lines.get(e.file, {}).get(e.record)
                where = (e.file, line)
            self.out.write(_error_line(e, where) + "\n")
        failing, failed = tally.failing(self.fail_on), tally.failed(self.fail_on)
        summary = summary_text(tally.summary, failing, tally.errors, failed, self.fail_on)
        self.out.write(command("notice", summary) + "\n")
