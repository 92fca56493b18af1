"""The command-line grammar: every command, option and help text, and nothing else.

Building it imports no part of the engine: `pingyin-rules --help` and a command's own
imports (cli/__init__.py loads each command's module on demand) stay cheap.
"""

from __future__ import annotations

import argparse
import datetime as dt

from .._version import __version__

# The CI formats (formats.FORMATS); listed here so that the grammar needs no renderer.
CI_FORMATS = ("junit", "sarif", "markdown", "github")
CHECK_FORMATS = ("text", "json", "jsonl", *CI_FORMATS)
LANGS = ("zh", "en")

CHECK_EPILOG = """\
exit status: 0 no failing rule of the --fail-on severity; 1 at least one; 2 invalid input
or usage (the input errors are listed).

Case files are YAML (.yaml, .yml), JSON (.json) or JSON Lines (.jsonl: one record a line,
{"section": "meetings", "id": ...}, with optional {"case": ...} and {"period": {...}} lines),
read and validated a line at a time. --format jsonl and json, text and --quiet are written
as the check goes, holding no verdict; the CI formats are written from the whole report.

The text format lists failures and exceptions (with --verbose, passes and not-applicable
verdicts too) and closes with the total across all files and the exit status line, which is
all that --quiet prints. Colour is used when the output is a terminal and NO_COLOR is not set.

Defaults for --pack, --on, --set, --fail-on, --format, --calendar and the paths come from the
nearest pingyin-rules.toml or pyproject.toml [tool.pingyin-rules] (see `pingyin-rules config`);
flags override them.
"""

CALENDAR_EPILOG = """\
A calendar file gives one year's official schedule (the State Council's notice), for a year
the holidays package does not have yet or has wrong. It replaces the package's data for
every day of that year. YAML:

  year: 2027
  source: 国务院办公厅关于2027年部分节假日安排的通知
  holidays:                   # days off: statutory holidays and the days swapped off
    - {date: 2027-01-01, name: 元旦}
    - {from: 2027-02-05, to: 2027-02-11, name: 春节}
  workdays:                   # make-up working days (调休上班): Saturdays or Sundays only
    - {date: 2027-02-13, name: 春节调休}

`year`, `source` and at least one holiday are required; `name` is optional. A file may hold
a list of such years. Give files with --calendar FILE (repeatable) to `calendar add` and to
`check`, or as `calendar` in the configuration file.
"""

CONFIG_EPILOG = """\
pingyin-rules.toml (settings at the top level) or pyproject.toml:

  [tool.pingyin-rules]
  paths = ["cases/"]                 # checked when `check` is given no PATH
  on = 2026-11-24                    # pin the evaluation date in CI
  fail_on = "warning"                # error (default) or warning
  format = "text"                    # text, json, junit, sarif, markdown, github
  pack = "my-pack/"                  # a rule pack directory instead of the bundled one
  calendar = ["calendars/2027.yaml"]

  [tool.pingyin-rules.set]
  "art69.policy_length:limit" = 2500

The nearest file from the current directory upward is used (in one directory,
pingyin-rules.toml before pyproject.toml); paths in it are relative to it. Flags override it.
"""

SERVE_EPILOG = """\
Needs the server extra: pip install 'pingyin-rules[server]'. Endpoints (OpenAPI at
/openapi.json): POST /v1/check, POST /v1/validate/{kind}, GET /v1/rules,
/v1/rules/{id}, /v1/articles/{n}, /v1/coverage, /v1/schemas/{name}, /v1/calendar/...,
/v1/contexts, /v1/health, /v1/ready, /metrics; the clerk's page at /. See docs/service.md.

With --token-env VAR every /v1/ endpoint but health and ready asks for
`Authorization: Bearer $VAR`. Nothing a request sends names a file on the server; with
--allow-pack-requests a check may send its own pack parameters (`"set": {...}`).
"""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _pack_options() -> argparse.ArgumentParser:
    """What checks with: the pack, its parameters, the calendar (check and serve)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--pack", help="a rule pack directory instead of the bundled one")
    parent.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", dest="overrides",
        help="override a pack parameter, e.g. art69.policy_length:limit=2500 (repeatable); "
        "`pingyin-rules explain RULE` lists a rule's parameters",
    )  # fmt: skip
    parent.add_argument(
        "--calendar", action="append", default=[], metavar="FILE",
        help="official holiday schedule file(s) overriding the holidays package "
        "(format: pingyin-rules calendar --help)",
    )  # fmt: skip
    return parent


def _config_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_mutually_exclusive_group()
    group.add_argument(
        "--config", metavar="FILE",
        help="use this configuration file (pingyin-rules.toml or pyproject.toml)",
    )  # fmt: skip
    group.add_argument("--no-config", action="store_true", help="ignore configuration files")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pingyin-rules",
        description="Check records against the 2022 Pingyin County government working rules.",
    )
    parser.add_argument("--version", action="version", version=f"pingyin-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    config = _config_options()
    raw = argparse.RawDescriptionHelpFormatter

    pack = _pack_options()
    check = sub.add_parser(
        "check", parents=[config, pack],
        help="check case files (YAML, JSON or JSON Lines; - for stdin)",
        epilog=CHECK_EPILOG, formatter_class=raw,
    )  # fmt: skip
    check.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="case files or directories of them; default: `paths` from the configuration file",
    )  # fmt: skip
    check.add_argument(
        "--format", choices=CHECK_FORMATS,
        help="text for a clerk (default); json (the report contract); jsonl (one verdict or "
        "input error a line, as they are found, then a summary line); "
        "junit, sarif, markdown, github for CI",
    )  # fmt: skip
    check.add_argument(
        "--fail-on", choices=["error", "warning"],
        help="which failing severities make the run fail (exit 1); default: error",
    )  # fmt: skip
    check.add_argument("--explain", action="store_true", help="show how each verdict was reached")
    check.add_argument(
        "--lang", choices=LANGS, default="zh",
        help="text output: zh, Chinese with the English beside it (default), or en, English only",
    )  # fmt: skip
    check.add_argument("--on", type=_date, help="evaluate as of this date (default: today)")
    amount = check.add_mutually_exclusive_group()
    amount.add_argument(
        "-v", "--verbose", action="store_true",
        help="also list passing and not-applicable verdicts",
    )  # fmt: skip
    amount.add_argument(
        "-q", "--quiet", action="store_true", help="print only the exit status line"
    )
    check.add_argument(
        "--color", choices=["auto", "always", "never"], default="auto",
        help="colour the text output: auto (default) when writing to a terminal and NO_COLOR "
        "is not set",
    )  # fmt: skip

    rules = sub.add_parser("rules", parents=[config], help="list the rules with their articles")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--pack", help="a rule pack directory instead of the bundled one")

    explain = sub.add_parser(
        "explain", parents=[config], help="a rule or an article: text, parameters, table"
    )
    target = explain.add_mutually_exclusive_group(required=True)
    target.add_argument("rule_id", nargs="?", help="a rule id, e.g. art51.executive_quorum")
    target.add_argument("--article", type=int, help="an article number, e.g. 67")
    explain.add_argument("--pack", help="a rule pack directory instead of the bundled one")
    explain.add_argument(
        "--lang", choices=LANGS, default="zh",
        help="zh: Chinese with the English beside it (default); en: English only",
    )  # fmt: skip

    test = sub.add_parser(
        "test", parents=[config], help="run the test cases written beside a pack's rules"
    )
    test.add_argument("pack", nargs="?", help="pack directory (default: the bundled pack)")
    test.add_argument(
        "-k", dest="match", metavar="TEXT", help="only cases whose rule or name has TEXT"
    )
    test.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")

    coverage = sub.add_parser(
        "coverage", parents=[config],
        help="every article: its kind, the rules and test cases that encode it",
    )  # fmt: skip
    coverage.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    coverage.add_argument("--pack", help="a rule pack directory instead of the bundled one")

    lint = sub.add_parser("lint", parents=[config], help="check a rule pack before it is used")
    lint.add_argument("pack", nargs="?", help="pack directory (default: the bundled pack)")

    schema = sub.add_parser("schema", help="print the JSON Schema of case files or a record")
    schema.add_argument(
        "record", nargs="?", default="case", metavar="WHAT",
        help="case (default), a section of a case file (officials, meetings, documents, "
        "absences, ...) or rule-file (for editors of rule packs)",
    )  # fmt: skip

    sub.add_parser("docs", help="print the rule language reference (docs/rule-language.md)")

    cal = sub.add_parser(
        "calendar", help="official working-day calendar", description=CALENDAR_EPILOG,
        formatter_class=raw,
    )  # fmt: skip
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True, metavar="COMMAND")
    add = cal_sub.add_parser(
        "add", parents=[config], help="the date N working days after DATE",
        description="The date N working days after DATE on the official calendar, with the "
        "days skipped and the make-up working days counted. DATE + 0 is DATE.",
        epilog=CALENDAR_EPILOG, formatter_class=raw,
    )  # fmt: skip
    add.add_argument("date", type=_date, metavar="DATE")
    add.add_argument("days", type=int, metavar="N")
    add.add_argument(
        "--calendar", action="append", default=[], metavar="FILE",
        help="official holiday schedule file(s); the format is described below",
    )  # fmt: skip
    add.add_argument("--lang", choices=LANGS, default="zh")

    shown = sub.add_parser(
        "config", parents=[config], help="show the configuration file in force and its settings",
        epilog=CONFIG_EPILOG, formatter_class=raw,
    )  # fmt: skip
    shown.add_argument("--format", choices=["text", "json"], default="text")

    serve = sub.add_parser(
        "serve", parents=[config, pack], help="serve the rules over HTTP (needs the server extra)",
        epilog=SERVE_EPILOG, formatter_class=raw,
    )  # fmt: skip
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_positive, default=8080, help="port (8080)")
    serve.add_argument(
        "--workers", type=_positive, default=1,
        help="worker processes (1); the service keeps no state between requests",
    )  # fmt: skip
    serve.add_argument(
        "--context", action="append", default=[], metavar="NAME=CASEFILE", dest="contexts",
        help="a case file (the roster...) loaded at start-up, which validation requests name "
        "as context_name (repeatable)",
    )  # fmt: skip
    serve.add_argument(
        "--token-env", metavar="VAR",
        help="require `Authorization: Bearer TOKEN`, TOKEN being this environment variable's value",
    )  # fmt: skip
    serve.add_argument(
        "--max-body-kb", type=_positive, default=2048, metavar="N",
        help="largest request body in KiB (2048); larger ones get 413 before they are read",
    )  # fmt: skip
    serve.add_argument(
        "--max-records", type=_positive, default=10_000, metavar="N",
        help="most records in one request's case (10000); more get 413",
    )  # fmt: skip
    serve.add_argument(
        "--allow-pack-requests", action="store_true",
        help="let a check request send its own pack parameters (\"set\"); refused by default",
    )  # fmt: skip
    serve.add_argument(
        "--log-level", choices=["critical", "error", "warning", "info", "debug"],
        default="info", help="uvicorn's log level (info: one line a request, no record content)",
    )  # fmt: skip
    return parser
