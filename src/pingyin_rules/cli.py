"""The `pingyin-rules` command. Exit 0 when ok, 1 when an error-severity rule fails,
2 for invalid input or usage. Problems are reported as messages, never as tracebacks."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
from collections.abc import Sequence

import yaml

from .api import check_loaded, default_calendar
from .calendar import CalendarFileError, OfficialCalendar, describe_addition, load_calendar_files
from .case_files import expand_paths, read_case_file
from .coverage import render_coverage
from .engine.checker import Checker
from .explain_rules import explain_article, explain_rule
from .formats import FORMATS, run_failed
from .language.reference import render_reference
from .numerals import article_zh
from .pack.lint import lint_pack
from .pack.loader import PackError, load_pack
from .pack.spec import rule_file_schema
from .pack_tests import run_cases
from .records import SECTIONS, CaseFile
from .report import Report
from .text_report import render_text

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pingyin-rules",
        description="Check records against the 2022 Pingyin County government working rules.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check case files (YAML or JSON; - for stdin)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument(
        "--format", choices=["text", "json", *FORMATS], default="text",
        help="text for a clerk; json (the report contract); junit, sarif, markdown, github for CI",
    )  # fmt: skip
    check.add_argument(
        "--fail-on", choices=["error", "warning"], default="error",
        help="which failing severities make the run fail (exit 1); default: error",
    )  # fmt: skip
    check.add_argument("--explain", action="store_true", help="show how each verdict was reached")
    check.add_argument("--on", type=_date, help="evaluate as of this date (default: today)")
    check.add_argument("--pack", help="a rule pack directory instead of the bundled one")
    check.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", dest="overrides",
        help="override a pack parameter, e.g. art69.policy_length:limit=2500 (repeatable)",
    )  # fmt: skip
    check.add_argument(
        "--calendar", action="append", default=[], metavar="FILE",
        help="official holiday schedule file(s) overriding the holidays package",
    )  # fmt: skip
    check.add_argument("--verbose", action="store_true", help="also list not-applicable verdicts")

    rules = sub.add_parser("rules", help="list the rules with their articles")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--pack")

    explain = sub.add_parser("explain", help="a rule or an article: text, parameters, table")
    target = explain.add_mutually_exclusive_group(required=True)
    target.add_argument("rule_id", nargs="?", help="a rule id, e.g. art51.executive_quorum")
    target.add_argument("--article", type=int, help="an article number, e.g. 67")
    explain.add_argument("--pack")

    test = sub.add_parser("test", help="run the test cases written beside a pack's rules")
    test.add_argument("pack", nargs="?", help="pack directory (default: the bundled pack)")
    test.add_argument(
        "-k", dest="match", metavar="TEXT", help="only cases whose rule or name has TEXT"
    )
    test.add_argument("--verbose", action="store_true", help="list passing cases too")

    coverage = sub.add_parser(
        "coverage", help="every article: its kind, the rules and test cases that encode it"
    )
    coverage.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    coverage.add_argument("--pack")

    lint = sub.add_parser("lint", help="check a rule pack before it is used")
    lint.add_argument("pack", nargs="?", help="pack directory (default: the bundled pack)")

    schema = sub.add_parser("schema", help="print the JSON Schema of case files or a record")
    schema.add_argument(
        "record", nargs="?", choices=["case", *SECTIONS, "rule-file"], default="case",
        help="case file, one record section, or rule-file (for editors of rule packs)",
    )  # fmt: skip

    sub.add_parser("docs", help="print the rule language reference (docs/rule-language.md)")

    cal = sub.add_parser("calendar", help="official working-day calendar")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True)
    add = cal_sub.add_parser("add", help="the date N working days after DATE")
    add.add_argument("date", type=_date)
    add.add_argument("days", type=int)
    add.add_argument("--calendar", action="append", default=[], metavar="FILE")
    add.add_argument("--lang", choices=["zh", "en"], default="zh")
    return parser


def _calendar(files: Sequence[str]) -> OfficialCalendar:
    return OfficialCalendar(load_calendar_files(files)) if files else default_calendar()


def _overrides(pairs: Sequence[str]) -> dict[str, object]:
    """NAME=VALUE pairs; each value is read as a YAML scalar (2500, true, "2/3", 2026-01-01)."""
    result: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--set takes NAME=VALUE, got {pair!r}")
        try:
            result[name.strip()] = yaml.safe_load(value)
        except yaml.YAMLError:
            raise UsageError(f"--set {name}: cannot read the value {value!r}") from None
    return result


def _check(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack, overrides=_overrides(args.overrides))
    checker = Checker(pack, _calendar(args.calendar))
    on = args.on or dt.date.today()
    sections: list[tuple[str, Report]] = []
    paths = expand_paths(args.paths)
    if not paths:
        raise UsageError(f"no case files (.yaml, .yml, .json) in {' '.join(args.paths)}")
    for path in paths:
        part = check_loaded(checker, read_case_file(path), on=on, source=path, explain=args.explain)
        sections.append((path, part))
    report = Report.combine(part for _, part in sections)
    if args.format == "json":
        print(report.to_json(explain=args.explain))
    elif args.format in FORMATS:
        sys.stdout.write(FORMATS[args.format](report, pack, fail_on=args.fail_on))
    else:
        for path, part in sections:
            title = f"{pack.title_zh} — 检查 {path}（截至 {on.isoformat()}）"
            print(render_text(part, title=title, verbose=args.verbose, explain=args.explain))
    if report.errors:
        return EXIT_INPUT
    return EXIT_FAIL if run_failed(report, args.fail_on) else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack)
    if args.format == "json":
        rows = [
            {"rule_id": r.id, "article": r.article, "item": r.item, "title": r.title_zh,
             "title_en": r.title_en, "applies_to": r.applies_to, "severity": r.severity,
             "in_force_from": r.in_force_from.isoformat(),
             "in_force_to": r.in_force_to.isoformat() if r.in_force_to else None}
            for r in pack.rules
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{pack.title_zh}（{pack.id} {pack.version}）")
    for r in sorted(pack.rules, key=lambda r: (r.article, r.id)):
        item = r.item or ""
        print(f"{article_zh(r.article)}{item}\t{r.id}\t{r.title_zh} / {r.title_en}")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack)
    if args.rule_id:
        try:
            text = explain_rule(pack, pack.rule(args.rule_id))
        except KeyError:
            raise UsageError(f"no rule {args.rule_id!r} (see `pingyin-rules rules`)") from None
    elif not 1 <= args.article <= pack.articles:
        raise UsageError(f"the regulation has articles 1 to {pack.articles}, not {args.article}")
    else:
        text = explain_article(pack, args.article)
    print(text)
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    problems = lint_pack(args.pack)
    for problem in problems:
        print(problem)
    where = args.pack or "the bundled pack"
    print(f"{len(problems)} problem(s) in {where}" if problems else f"{where}: clean")
    return EXIT_FAIL if problems else EXIT_OK


def _test(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack)
    cases = [c for c in pack.cases if not args.match or args.match in f"{c.rule} {c.name}"]
    results = run_cases(Checker(pack, default_calendar()), cases)
    failed = [r for r in results if not r.passed]
    for result in results:
        if not result.passed:
            print(f"FAIL {result.location}: {result.case.rule} — {result.case.name}")
            for problem in result.problems:
                print(f"     {problem}")
        elif args.verbose:
            print(f"ok   {result.case.rule} — {result.case.name}")
    print(f"{len(results)} case(s): {len(results) - len(failed)} passed, {len(failed)} failed")
    return EXIT_FAIL if failed or not results else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.record == "rule-file":
        print(rule_file_schema(), end="")
        return EXIT_OK
    model = CaseFile if args.record == "case" else SECTIONS[args.record]
    print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _coverage(args: argparse.Namespace) -> int:
    sys.stdout.write(render_coverage(load_pack(args.pack), args.format))
    return EXIT_OK


def _docs(args: argparse.Namespace) -> int:
    print(render_reference(), end="")
    return EXIT_OK


def _calendar_add(args: argparse.Namespace) -> int:
    if args.days < 0:
        raise UsageError("the number of working days must not be negative")
    print(describe_addition(_calendar(args.calendar), args.date, args.days, lang=args.lang))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `pingyin-rules schema | head`: stop quietly, like cat
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = _parser().parse_args(argv)
    handlers = {"check": _check, "rules": _rules, "schema": _schema, "explain": _explain,
                "lint": _lint, "test": _test, "docs": _docs, "coverage": _coverage}  # fmt: skip
    try:
        if args.command == "calendar":
            return _calendar_add(args)
        return handlers[args.command](args)
    except PackError as exc:
        print(f"pingyin-rules: the rule pack is refused:\n{exc}", file=sys.stderr)
    except CalendarFileError as exc:
        print(f"pingyin-rules: calendar file refused: {exc}", file=sys.stderr)
    except (UsageError, ValueError) as exc:
        print(f"pingyin-rules: {exc}", file=sys.stderr)
    except Exception as exc:  # a bug of ours: say so in one line rather than a traceback
        print(f"pingyin-rules: internal error ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)  # fmt: skip
    return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
