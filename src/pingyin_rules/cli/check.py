"""`pingyin-rules check`: read case files, check them, write the report in the chosen format."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..aliases import ValueAliases
from ..api import check_loaded
from ..calendar import OfficialCalendar
from ..case_files import expand_paths, read_case_file
from ..engine.checker import Checker
from ..pack.compiled import CompiledPack
from ..report import InputError, Report, Verdict
from ..streaming import Lines, Tally, Writer, check_stream
from ..text_report import TextOptions, status_line
from . import collect_from_here
from .errors import EXIT_FAIL, EXIT_INPUT, EXIT_OK, UsageError
from .pack_cache import cache_directory
from .packs import Override, checking_pack, parse_set
from .settings import pack_dir, project_config

if TYPE_CHECKING:
    from ..calendar import CalendarYear


def use_colour(choice: str, stream: TextIO) -> bool:
    """Colour for a terminal only, unless NO_COLOR (https://no-color.org) or TERM=dumb says
    otherwise; never in a file or a pipe, unless asked for with --color always."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def run(args: argparse.Namespace) -> int:
    config = project_config(args)
    fmt = args.format or config.format or "text"
    fail_on = args.fail_on or config.fail_on or "error"
    on = args.on or config.on or dt.date.today()
    paths = args.paths or list(config.paths)
    if not paths:
        raise UsageError(
            "no case files given: name a PATH, or set `paths` in a configuration file "
            "(pingyin-rules config --help)"
        )
    overrides = {
        name: Override(value, f"set {name!r} in {config.where}")
        for name, value in config.set.items()
    }
    overrides.update(parse_set(args.overrides))  # flags win over the file
    pack = checking_pack(pack_dir(args, config), overrides)
    calendars = args.calendar or list(config.calendar)
    overriding: Sequence[CalendarYear] = ()
    if calendars:
        from ..calendar import load_calendar_files

        overriding = load_calendar_files(calendars)
    # The package's schedule from the cache directory: no `holidays` import on a cache hit.
    calendar = OfficialCalendar(overriding, cache_dir=cache_directory())
    checker = Checker(pack, calendar)
    collect_from_here()  # set-up done: what follows grows with the case files
    files = expand_paths(paths)
    if not files:
        raise UsageError(f"no case files (.yaml, .yml, .json, .jsonl) in {' '.join(paths)}")
    aliases = ValueAliases.from_pack(pack)  # the checking pack's names (built only if used)
    out = sys.stdout
    colour = (fmt == "text" or args.quiet) and use_colour(args.color, out)
    if args.quiet or fmt in STREAMED:
        on_lines: Lines | None = None
        if fmt == "github" and not args.quiet:  # annotations point at lines: it is told them
            from ..formats.github import GithubWriter

            github = GithubWriter(out, pack, fail_on)
            writer: Writer = github
            on_lines = github.file_lines
        else:
            writer = _writer(fmt, args, out, pack, on, colour, len(files), fail_on)
        tally = check_stream(
            checker, files, writer, on=on, explain=args.explain, aliases=aliases,
            on_lines=on_lines,
        )  # fmt: skip
        code = EXIT_INPUT if tally.errors else EXIT_FAIL if tally.failed(fail_on) else EXIT_OK
        if args.quiet:
            out.write(status_line(code, args.lang, colour) + "\n")
        return code
    # The CI formats group or count before they list, from the whole report.
    sections = [
        (path, check_loaded(checker, read_case_file(path, aliases=aliases), on=on,
                            source=path, explain=args.explain))
        for path in files
    ]  # fmt: skip
    report = Report.combine(part for _, part in sections)
    code = EXIT_INPUT if report.errors else EXIT_FAIL if report.failed(fail_on) else EXIT_OK
    from ..formats import FORMATS

    out.write(FORMATS[fmt](report, pack, fail_on=fail_on))
    return code


# Written as the check goes (`streaming`): no verdict is held.
STREAMED = ("text", "json", "jsonl", "github")


class _Quiet:
    """`--quiet`: the check runs and is counted; only the status line is written."""

    def start_file(self, path: str) -> None:
        pass

    def add(self, found: Verdict | InputError) -> None:
        pass

    def end_file(self, path: str) -> None:
        pass

    def finish(self, tally: Tally) -> None:
        pass


def _writer(
    fmt: str,
    args: argparse.Namespace,
    out: TextIO,
    pack: CompiledPack,
    on: dt.date,
    colour: bool,
    files: int,
    fail_on: str,
) -> Writer:
    if args.quiet:
        return _Quiet()
    if fmt == "jsonl":
        from ..formats.jsonl import JsonlWriter

        return JsonlWriter(out, explain=args.explain)
    if fmt == "json":
        from ..formats.json_stream import JsonReportWriter

        return JsonReportWriter(out, explain=args.explain)
    from ..formats.text_stream import TextWriter

    title = pack.title_zh if args.lang == "zh" else pack.title_en
    heading = (
        f"{title} — 截至 {on.isoformat()}" if args.lang == "zh"
        else f"{title} — as of {on.isoformat()}"
    )  # fmt: skip
    options = TextOptions(args.lang, args.verbose, args.explain, colour)
    return TextWriter(out, heading=heading, options=options, files=files, fail_on=fail_on)
