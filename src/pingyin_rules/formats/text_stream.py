"""The clerk's text output (`check --format text`), written as the check goes, byte for byte
what `text_report.render_run` writes for the same run.

A file's part lists its input errors first, then its verdicts grouped by status, then its
supervision notices: so each is written, as it comes, to the temporary file of its group
(in memory up to `SPOOL_BYTES`, then on disk), and when the file has been checked the
groups are copied out in order. What is not listed (passes and not-applicable verdicts,
without --verbose) is only counted. Memory stays bounded whatever the number of verdicts.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import IO, TextIO, cast

from ..report import InputError, Report, Verdict
from ..streaming import Tally
from ..text_report import ORDER, TextOptions, paint, render_notice, status_line, summary_line
from ..text_report import _plural as plural
from ..text_report import _verdict_lines as verdict_lines

SPOOL_BYTES = 4 * 2**20
_BOLD, _RED = "1", "31"


class _Lines:
    """Lines of one group, kept in a temporary file until they can be written."""

    __slots__ = ("count", "spool")

    def __init__(self) -> None:
        self.count = 0
        self.spool: IO[str] | None = None

    def add(self, lines: list[str]) -> None:
        if self.spool is None:
            self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115  # closed in copy()
                max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", errors="surrogatepass"
            )
        self.spool.write("".join(line + "\n" for line in lines))
        self.count += 1

    def copy(self, out: TextIO) -> None:
        if self.spool is not None:
            with self.spool as spool:
                spool.seek(0)
                shutil.copyfileobj(spool, out, 1 << 20)
            self.spool = None


class _Counts:
    """What `text_report.summary_line` reads of a report (its summary, how many input
    errors), from a tally: the counts line is then worded in one place."""

    __slots__ = ("errors", "summary")

    def __init__(self, tally: Tally) -> None:
        self.summary = tally.summary
        self.errors = range(tally.errors)  # only its length is read


def counts_line(tally: Tally, lang: str, label: str) -> str:
    return summary_line(cast(Report, _Counts(tally)), lang, label)


class TextWriter:
    """`streaming.Writer` for the text output; `files` is how many files the run checks
    (each file's own counts are shown when there is more than one)."""

    def __init__(
        self, out: TextIO, *, heading: str, options: TextOptions, files: int, fail_on: str
    ) -> None:
        self.out, self.options, self.files, self.fail_on = out, options, files, fail_on
        self.shown = ORDER if options.verbose else ORDER[:2]
        out.write(heading + "\n")
        self._path = ""
        self._file = Tally()
        self._errors = _Lines()
        self._groups: dict[str, _Lines] = {}
        self._notices = _Lines()

    def start_file(self, path: str) -> None:
        self._path = path
        self._file = Tally()
        self._errors = _Lines()
        self._groups = {status: _Lines() for status in self.shown}
        self._notices = _Lines()

    def add(self, found: Verdict | InputError) -> None:
        self._file.add(found)
        if not isinstance(found, Verdict):
            where = " ".join(x for x in (found.record, found.field) if x)
            if found.file and found.file != self._path:
                where = f"{found.file} {where}".strip()
            self._errors.add([f"  {where}: {found.reason}" if where else f"  {found.reason}"])
            return
        group = self._groups.get(found.status)
        if group is not None:
            subject = found.subject.removeprefix(f"{self._path}#")
            group.add(verdict_lines(found, subject, self.options))
        if found.status == "fail":
            notice = found.evidence.get("notice")
            if isinstance(notice, dict):
                self._notices.add(render_notice(notice, self.options.lang))

    def end_file(self, path: str) -> None:
        out, zh, colour = self.out, self.options.lang == "zh", self.options.colour
        out.write("\n" + paint(f"== {path} ==", _BOLD, colour) + "\n")
        if self._errors.count:
            header = "输入错误 Input errors:" if zh else "Input errors:"
            out.write(paint(header, _RED, colour) + "\n")
            self._errors.copy(out)
        listed = 0
        for status in self.shown:
            group = self._groups[status]
            listed += group.count
            group.copy(out)
        if not listed and not self._errors.count:
            out.write(
                ("（没有不符合或例外的条目）" if zh else "(no failures or exceptions)") + "\n"
            )
        if self._notices.count:
            out.write(
                ("待发督办事项 Notices for the office:" if zh else "Notices for the office:") + "\n"
            )
            self._notices.copy(out)
        if self.files > 1:
            out.write(
                counts_line(self._file, self.options.lang, "本文件" if zh else "This file") + "\n"
            )

    def finish(self, tally: Tally) -> None:
        out, lang, options = self.out, self.options.lang, self.options
        files = self.files
        out.write("\n")
        if lang == "zh":
            out.write(counts_line(tally, "zh", f"总计（{files}个文件）") + "\n")
        out.write(counts_line(tally, "en", f"Total ({plural(files, 'file')})") + "\n")
        hidden = tally.counts["pass"] + tally.counts["not_applicable"]
        if not options.verbose and hidden:
            out.write(
                (
                    "（符合与不适用的条目未列出，加 --verbose 显示 / passes and not-applicable "
                    "verdicts are not listed: use --verbose）"
                    if lang == "zh"
                    else "(passes and not-applicable verdicts are not listed: use --verbose)"
                )
                + "\n"
            )
        code = 2 if tally.errors else 1 if tally.failed(self.fail_on) else 0
        out.write(status_line(code, lang, options.colour) + "\n")
        out.flush()
