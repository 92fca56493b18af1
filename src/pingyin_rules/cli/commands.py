"""The commands other than `check`: each reads the pack or the calendar and prints."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import EXIT_FAIL, EXIT_OK, UsageError
from .packs import checking_pack
from .settings import pack_dir, project_config


def rules(args: argparse.Namespace) -> int:
    from ..numerals import article_zh

    pack = checking_pack(pack_dir(args, project_config(args)), {})
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


def explain(args: argparse.Namespace) -> int:
    import difflib

    from ..explain_rules import explain_article, explain_rule

    pack = checking_pack(pack_dir(args, project_config(args)), {})
    if args.rule_id:
        try:
            rule = pack.rule(args.rule_id)
        except KeyError:
            ids = [r.id for r in pack.rules]
            close = difflib.get_close_matches(args.rule_id, ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(
                f"no rule {args.rule_id!r}{hint} (see `pingyin-rules rules`)"
            ) from None
        text = explain_rule(pack, rule, args.lang)
    elif not 1 <= args.article <= pack.articles:
        raise UsageError(f"the regulation has articles 1 to {pack.articles}, not {args.article}")
    else:
        text = explain_article(pack, args.article, args.lang)
    print(text)
    return EXIT_OK


def lint(args: argparse.Namespace) -> int:
    from ..pack.lint import lint_pack

    root = pack_dir(args, project_config(args))
    problems = lint_pack(root)
    for problem in problems:
        print(problem)
    where = root or "the bundled pack"
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    print(f"{count} in {where}" if problems else f"{where}: clean")
    return EXIT_FAIL if problems else EXIT_OK


def test(args: argparse.Namespace) -> int:
    from ..calendar import OfficialCalendar
    from ..engine.checker import Checker
    from ..pack.loader import load_pack
    from ..pack_tests import run_cases

    pack = load_pack(pack_dir(args, project_config(args)))  # with its cases: not the cache
    cases = [c for c in pack.cases if not args.match or args.match in f"{c.rule} {c.name}"]
    results = run_cases(Checker(pack, OfficialCalendar()), cases)
    failed = [r for r in results if not r.passed]
    for result in results:
        if not result.passed:
            print(f"FAIL {result.location}: {result.case.rule} — {result.case.name}")
            for problem in result.problems:
                print(f"     {problem}")
        elif args.verbose:
            print(f"ok   {result.case.rule} — {result.case.name}")
    counted = f"{len(results)} case" + ("" if len(results) == 1 else "s")
    print(f"{counted}: {len(results) - len(failed)} passed, {len(failed)} failed")
    return EXIT_FAIL if failed or not results else EXIT_OK


def schema(args: argparse.Namespace) -> int:
    if args.record == "rule-file":
        from ..pack.spec import rule_file_schema

        print(rule_file_schema(), end="")
        return EXIT_OK
    from ..records import SECTIONS, CaseFile

    if args.record != "case" and args.record not in SECTIONS:
        known = ", ".join(["case", *SECTIONS, "rule-file"])
        raise UsageError(f"schema: no record {args.record!r}; choose one of {known}")
    model = CaseFile if args.record == "case" else SECTIONS[args.record]
    print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def coverage(args: argparse.Namespace) -> int:
    from ..coverage import render_coverage
    from ..pack.loader import load_pack

    # Reads the pack's coverage matrix and test cases, which the cached pack leaves out.
    sys.stdout.write(render_coverage(load_pack(pack_dir(args, project_config(args))), args.format))
    return EXIT_OK


def docs(args: argparse.Namespace) -> int:
    from ..language.reference import render_reference

    print(render_reference(), end="")
    return EXIT_OK


def calendar(args: argparse.Namespace) -> int:
    from ..calendar import OfficialCalendar, describe_addition, load_calendar_files

    if args.days < 0:
        raise UsageError("the number of working days must not be negative")
    files = args.calendar or list(project_config(args).calendar)
    cal = OfficialCalendar(load_calendar_files(files)) if files else OfficialCalendar()
    print(describe_addition(cal, args.date, args.days, lang=args.lang))
    return EXIT_OK


def config(args: argparse.Namespace) -> int:
    from ..config import KEYS

    found = project_config(args)
    values = {
        "paths": list(found.paths), "pack": found.pack,
        "on": found.on.isoformat() if found.on else None, "set": dict(found.set),
        "fail_on": found.fail_on, "format": found.format, "calendar": list(found.calendar),
    }  # fmt: skip
    if args.format == "json":
        data = {"file": str(found.path) if found.path else None, "settings": values}
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    if found.path is None:
        print("没有配置文件 no configuration file (pingyin-rules.toml, or pyproject.toml with "
              "[tool.pingyin-rules], from here upward); defaults apply")  # fmt: skip
    else:
        print(f"配置文件 configuration file: {found.where}")
    defaults = {"pack": "the bundled pack", "on": "today", "fail_on": "error", "format": "text",
                "paths": "none: give PATH to check", "calendar": "none", "set": "none"}  # fmt: skip
    for key in KEYS:
        value = values[key]
        if value in (None, [], {}):
            print(f"{key} = (default: {defaults[key]})")
        elif key == "set":
            for name, v in sorted(found.set.items()):
                print(f"set {name} = {v!r}")
        elif isinstance(value, list):
            print(f"{key} = {', '.join(value)}")
        else:
            print(f"{key} = {value}")
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    # FastAPI and uvicorn are imported by the service, and only here: the other commands
    # (and --help) start as fast as before.
    from ..service.run import serve as run_service

    return run_service(args)
