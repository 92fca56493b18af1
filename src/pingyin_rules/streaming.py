"""Check case files as a stream: each input error and each verdict is handed on as it is
found, and none is kept.

What is held, and for how long (the memory bound, documented in the README, "Streaming"):

- the records of the file being checked, validated and compacted (`compact`), with their
  line numbers, and the index the rules read them through (`CaseIndex`: per official, per
  department and year, sorted by date). Rules that look at other records (how many system
  meetings a department held earlier in the year, whose absences overlap, which week had
  its office meeting) need every record of the file before any verdict can be given, so
  a file is read whole first (in one pass, each record validated as its line comes), then
  checked. That state is what grows with the file: about a kilobyte per record.
- nothing per verdict or per input error: each is handed to the writer, which writes it
  (JSON Lines), or writes it to a temporary file when the format puts counts before the
  verdicts (JSON, text), and forgets it. A `Tally` counts them for the summary and the
  exit status.

An input error of a JSON Lines file is handed on as soon as its line has been read, before
the rest of the file is; YAML and JSON files are read whole (within the size limit), so
their errors come when the file has been read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Protocol

from .aliases import ValueAliases
from .case_files import read_case_file, read_stdin_case
from .engine.checker import Checker
from .jsonl_cases import is_jsonl, iter_jsonl, peek_stdin
from .records import CaseFile
from .report import STATUSES, InputError, Verdict, check_fail_on


class Tally:
    """Counts of what went by: the report's summary, its input errors, and what fails a run
    under each `--fail-on` policy (as `Report.failed` decides it)."""

    __slots__ = ("counts", "errors", "failed_errors", "failed_others")

    def __init__(self) -> None:
        self.counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        self.errors = 0
        self.failed_errors = 0  # failed verdicts of error severity
        self.failed_others = 0  # failed verdicts of other severities (warnings)

    def add(self, found: Verdict | InputError) -> None:
        if isinstance(found, Verdict):
            status = found.status
            self.counts[status] += 1
            if status == "fail":
                if found.severity == "error":
                    self.failed_errors += 1
                else:
                    self.failed_others += 1
        else:
            self.errors += 1

    def failed(self, fail_on: str = "error") -> bool:
        check_fail_on(fail_on)
        return bool(
            self.errors or self.failed_errors or (fail_on == "warning" and self.failed_others)
        )

    @property
    def ok(self) -> bool:
        return not self.failed()

    @property
    def summary(self) -> dict[str, int]:
        return dict(self.counts)

    def failing(self, fail_on: str = "error") -> int:
        """How many verdicts fail the run under `fail_on`."""
        return self.failed_errors + (self.failed_others if fail_on == "warning" else 0)


# Told where each record of a file is: (path, record subject -> line).
Lines = Callable[[str, Mapping[str, int]], None]


class Writer(Protocol):
    """Where a streamed check goes: a file starts, its errors and verdicts come one by one
    in the report's order, it ends; then the run ends with the totals."""

    def start_file(self, path: str) -> None: ...

    def add(self, found: Verdict | InputError) -> None: ...

    def end_file(self, path: str) -> None: ...

    def finish(self, tally: Tally) -> None: ...


def iter_case_file(
    checker: Checker,
    path: str,
    *,
    on: dt.date | None = None,
    explain: bool = False,
    aliases: ValueAliases | None = None,
    on_lines: Lines | None = None,
) -> Iterator[Verdict | InputError]:
    """One case file's input errors, then its verdicts (with the input errors found while
    judging, where they were found), as `check_loaded` would report them, holding none.
    A JSON Lines file's errors come as their lines are read; its subjects are
    `path#record`, as for any file. `on_lines(path, lines)` is given where each record is
    (for formats that point into files) once the file is read, before any verdict."""
    aliases = aliases or ValueAliases.from_pack(checker.pack)
    case: CaseFile | None
    stream: IO[bytes] | None = None
    jsonl = is_jsonl(path)
    if path == "-":
        jsonl, stream = peek_stdin()
    if jsonl:
        read = yield from iter_jsonl(
            path, aliases=aliases, stream=stream, error_lines=on_lines is not None
        )
        case = read.case
        if on_lines is not None:
            on_lines(path, read.lines())
    else:
        if stream is not None:  # stdin already opened to tell what it holds
            loaded = read_stdin_case(stream, aliases=aliases)
        else:
            loaded = read_case_file(path, aliases=aliases)
        yield from loaded.errors
        case = loaded.case
        if on_lines is not None:
            on_lines(path, loaded.lines)
        del loaded
    if case is None:
        return
    yield from checker.iter_check(case, on=on, source=path, explain=explain)


def check_stream(
    checker: Checker,
    paths: list[str],
    writer: Writer,
    *,
    on: dt.date | None = None,
    explain: bool = False,
    aliases: ValueAliases | None = None,
    on_lines: Lines | None = None,
) -> Tally:
    """Check each file in turn, handing every verdict and input error to `writer` as it is
    found; the totals are returned and given to `writer.finish`. `on_lines`: as for
    `iter_case_file`."""
    tally = Tally()
    aliases = aliases or ValueAliases.from_pack(checker.pack)
    on = on or dt.date.today()
    for path in paths:
        writer.start_file(path)
        found_in = iter_case_file(
            checker, path, on=on, explain=explain, aliases=aliases, on_lines=on_lines
        )
        for found in found_in:
            tally.add(found)
            writer.add(found)
        writer.end_file(path)
    writer.finish(tally)
    return tally
