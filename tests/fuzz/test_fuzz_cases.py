"""Fuzzing with case files generated from the record models (`case_strategies`): valid ones,
and valid ones with one to three records broken on purpose. The reader's answers to
arbitrary bytes and shapes are tested in tests/input/test_input_fuzz.py; these tests start
from what a clerk could mean to write.

Properties, through the command (`fuzz_cli.check`, in this process; fresh interpreters for
hash seeds) or the public API:

- a valid case is read without input errors, in YAML, JSON and JSON Lines, and every record
  a rule reads is judged;
- whatever the case, output format and flags, nothing escapes the command (no "internal
  error", nothing on stderr), and the exit status is what the report says: 2 with input
  errors, else 1 or 0 as it fails under --fail-on;
- the JSON report the command streams is, byte for byte, the library's report of the file;
- every broken record is reported as an input error naming it and the field broken, and it
  is not judged;
- the valid records beside them (those that do not name a broken record) are still judged
  by every rule that judged them in the valid case, and no new input error names them;
- a record is checked only with the records it names (one left out for its errors leaves
  out the records naming it, with an error each; see CASCADE);
- YAML, JSON and JSON Lines of the same case are read alike;
- reading and checking leave their input (a dict, a file) as it was;
- the output is byte-identical across two runs, and across processes with other hash seeds;
- a bound checker (`bind`, `validate(..., checker=bound)`) reports on a record as checking
  the whole case without and with the record does.

test_fuzz_messages.py adds: messages and remedies leave no blank where a value should be.

Budget (tests/fuzz/conftest.py): a few examples per property, the same ones on every run
(derandomized), so that CI is fast and reproducible. For a long fuzz with fresh examples:

    PINGYIN_RULES_FUZZ_EXAMPLES=300 .venv/bin/python -m pytest tests/fuzz

(about 15 minutes on a 2-core machine; add `--hypothesis-show-statistics` for what was
tried, `--hypothesis-seed=N` to replay a run). A failure prints the smallest case found and
a `@reproduce_failure(...)` line that replays it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from case_strategies import (
    FORMATS,
    GENERATED,
    ON,
    ROSTER,
    Broken,
    dump,
    invalid_cases,
    valid_cases,
)
from fuzz_cli import OUTPUT_FORMATS, Run, check, every_format
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pingyin_rules import bind, validate
from pingyin_rules import check as check_case
from pingyin_rules.api import check_loaded, default_checker
from pingyin_rules.case_files import build_case, read_case_file
from pingyin_rules.input_values import validate_repaired
from pingyin_rules.records import SECTIONS, CaseFile, Record
from pingyin_rules.records.case import known_ids, record_reference_problems
from pingyin_rules.report import InputError, Report
from pingyin_rules.text_report import status_line

FUZZ = settings(settings.get_profile("pingyin-fuzz"))
PROCESSES = settings(settings.get_profile("pingyin-fuzz-processes"))
NEEDED = re.compile(r"\(needed by rule [\w.]+\)$")  # a value a rule needs is missing
HERE = Path(__file__).parent
ROOT = HERE.parents[1]

FORMS = st.sampled_from(FORMATS)
ANY_CASE = valid_cases() | invalid_cases().map(lambda broken: broken.case)
FLAGS = st.tuples(
    st.sampled_from([(), ("--verbose",), ("--quiet",)]),  # not both: a usage error (exit 2)
    st.lists(
        st.sampled_from(["--explain", "--lang=en", "--fail-on=warning", "--color=always"]),
        unique=True,
    ),
).map(lambda drawn: [*drawn[0], *drawn[1]])


@contextmanager
def case_file(case: dict[str, Any], form: str) -> Iterator[str]:
    """The case written to a new file in `form` (yaml, json or jsonl)."""
    with tempfile.TemporaryDirectory(prefix="pingyin-fuzz-") as folder:
        path = Path(folder) / f"case.{form}"
        path.write_bytes(dump(case, form))
        yield str(path)


def _json_run(case: dict[str, Any], form: str, *flags: str) -> tuple[Run, dict[str, Any]]:
    """`check --format json` of the case written in `form`: the run and its report."""
    with case_file(case, form) as path:
        run = check(path, "--format", "json", *flags)
    assert run.err == "", run.err  # nothing escaped: no "internal error", no refusal
    return run, json.loads(run.out)


def _record(subject: str) -> str:
    """`/tmp/x/case.yaml#meeting:M-1` -> `meeting:M-1`."""
    return subject.partition("#")[2] or subject


def _subjects(case: dict[str, Any]) -> set[str]:
    """The subject of every record of a case as written (the roster's included)."""
    return {f"{model.record_type}:{str(item['id']).strip()}"
            for section, model in SECTIONS.items() for item in case.get(section, ())}  # fmt: skip


def _library_report(path: str, explain: bool = False) -> Report:
    return check_loaded(
        default_checker(), read_case_file(path), on=ON, source=path, explain=explain
    )


# --- the command ----------------------------------------------------------------------------


@FUZZ
@given(case=valid_cases(), form=FORMS)
def test_a_valid_case_is_read_without_input_errors_and_each_record_is_judged(
    case: dict[str, Any], form: str
) -> None:
    run, report = _json_run(case, form)
    # A rule can need what the models leave optional (a decision's date when no meeting
    # decided it; a deputy in charge of the document's department): the rule says so, as
    # an input error about the record. Nothing else: the reader accepts every record, and
    # no rule fails on one ("cannot be judged by rule ...: <exception>").
    errors = report["errors"]
    assert [e for e in errors if not NEEDED.search(e["reason"]) or not e["record"]] == []
    assert run.code == (2 if errors else 0 if report["ok"] else 1)
    judged = {_record(v["subject"]) for v in report["verdicts"]}
    erred = {e["record"] for e in errors}
    rules_by_type = default_checker().pack.rules_by_type
    with_rules = {s for s in _subjects(case) if rules_by_type.get(s.partition(":")[0])}
    assert sorted(with_rules - judged - erred) == [], "neither a verdict nor an error"


@FUZZ
@given(case=ANY_CASE, form=FORMS, fmt=st.sampled_from(OUTPUT_FORMATS), flags=FLAGS)
def test_nothing_escapes_the_command_and_its_exit_status_is_the_reports(
    case: dict[str, Any], form: str, fmt: str, flags: list[str]
) -> None:
    with case_file(case, form) as path:
        run = check(path, "--format", fmt, *flags)
        report = _library_report(path)
    assert run.err == "", run.err  # an escaped exception is "internal error ..." there
    fail_on = "warning" if "--fail-on=warning" in flags else "error"
    expected = 2 if report.errors else 1 if report.failed(fail_on) else 0
    assert run.code == expected
    if "--quiet" in flags:
        lang = "en" if "--lang=en" in flags else "zh"
        colour = "--color=always" in flags
        assert run.out.decode() == status_line(expected, lang, colour) + "\n"
    else:
        assert run.out, "every run writes its report"


@FUZZ
@given(case=ANY_CASE, form=FORMS, explain=st.booleans())
def test_the_json_report_streamed_is_the_librarys_report_byte_for_byte(
    case: dict[str, Any], form: str, explain: bool
) -> None:
    with case_file(case, form) as path:
        run = check(path, "--format", "json", *(["--explain"] if explain else []))
        report = _library_report(path, explain)
    assert run.out.decode() == report.to_json(explain=explain) + "\n"


@FUZZ
@given(broken=invalid_cases(), form=FORMS)
def test_every_broken_record_is_reported_with_its_field_and_not_judged(
    broken: Broken, form: str
) -> None:
    run, report = _json_run(broken.case, form)
    assert run.code == 2
    errors = report["errors"]
    judged = {_record(v["subject"]) for v in report["verdicts"]}
    for mutation in broken.mutations:
        named = [e for e in errors if e["record"] in mutation.names]
        assert named, f"{mutation}: no error names the record"
        assert any(mutation.named_by(e["field"]) for e in named), (
            f"{mutation}: no error names the field; errors about the record: {named}"
        )
        assert mutation.subject not in judged, f"{mutation}: judged although invalid"


@FUZZ
@given(broken=invalid_cases(), form=FORMS)
def test_the_valid_siblings_of_broken_records_are_still_judged_and_get_no_new_error(
    broken: Broken, form: str
) -> None:
    """Siblings: the records of the case that are not broken and name no broken record,
    directly or through another (`Broken.dependents`). Each rule that judged one in the
    valid case still judges it (its verdict may differ: a rule can count other records),
    and no input error about one is new (a value a rule needs was missing before too)."""
    _run, report = _json_run(broken.case, form)
    valid = check_case(broken.valid, on=ON)
    siblings = _subjects(broken.valid) - broken.dependents() - {m.subject for m in broken.mutations}
    after = {(v["rule_id"], _record(v["subject"])) for v in report["verdicts"]}
    before = {(v.rule_id, v.subject) for v in valid.verdicts}
    missing = sorted((rule, s) for rule, s in before - after if s in siblings)
    assert not missing, f"{broken.mutations}: no verdict any more for {missing}"
    known = {(e.record, e.field, e.reason) for e in valid.errors}
    new = [(e["record"], e["field"], e["reason"]) for e in report["errors"]]
    new = [e for e in new if e[0] in siblings and e not in known]
    assert not new, f"{broken.mutations}: errors about valid records"


# --- the library --------------------------------------------------------------------------

# A meeting left out for naming a convener off the roster, and an agenda item for it.
CASCADE = {
    **copy.deepcopy(ROSTER),
    "meetings": [{"id": "M-1", "kind": "executive", "title": "常务会议", "date": "2026-03-02",
                  "convener": "nobody"}],
    "agenda_items": [{"id": "AI-1", "meeting": "M-1", "title": "议题"}],
}  # fmt: skip


@FUZZ
@example(case=CASCADE, form="yaml")
@given(case=ANY_CASE, form=FORMS)
def test_a_record_is_checked_only_with_the_records_it_names(
    case: dict[str, Any], form: str
) -> None:
    """The case that is checked holds every record a checked record names, in each section
    whose references are checked (one the file has valid records of)."""
    with case_file(case, form) as path:
        loaded = read_case_file(path)
    if loaded.case is None:
        return
    valid: dict[str, set[str]] = {}
    for section, model in SECTIONS.items():
        for item in case.get(section, ()):
            record, _errors, _used = validate_repaired(model, item)
            if record is not None:
                valid.setdefault(section, set()).add(record.id)  # type: ignore[attr-defined]
    kept = known_ids(loaded.case)
    dangling = [
        (record.subject, ref.field, ref.id)
        for record in loaded.case.records()
        for ref in record.references()
        if valid.get(ref.section) and ref.id not in kept[ref.section]
    ]
    assert dangling == []


@FUZZ
@given(case=ANY_CASE)
def test_yaml_json_and_json_lines_are_read_alike(case: dict[str, Any]) -> None:
    read = []
    for form in FORMATS:
        with case_file(case, form) as path:
            loaded = read_case_file(path)
        # Where an error is (a line) and in which order errors come (JSON Lines: as the
        # lines are read) depends on the form; what is wrong with which record does not.
        read.append((loaded.case, sorted((str(e.record), str(e.field)) for e in loaded.errors)))
    assert read[0] == read[1] == read[2]


@FUZZ
@given(case=ANY_CASE)
def test_reading_and_checking_leave_their_input_as_it_was(case: dict[str, Any]) -> None:
    before, written = copy.deepcopy(case), repr(case)  # repr: True == 1, but not as input
    loaded = build_case(case, "fuzz")
    assert case == before and repr(case) == written
    check_case(case, on=ON)
    assert case == before and repr(case) == written
    if loaded.case is not None:
        dumped = loaded.case.model_dump()
        check_case(loaded.case, on=ON)
        assert loaded.case.model_dump() == dumped


# --- the same output every time -------------------------------------------------------------


@FUZZ
@given(case=ANY_CASE, form=FORMS, fmt=st.sampled_from(OUTPUT_FORMATS), flags=FLAGS)
def test_two_runs_give_the_same_bytes_and_leave_the_file_as_it_was(
    case: dict[str, Any], form: str, fmt: str, flags: list[str]
) -> None:
    with case_file(case, form) as path:
        written = Path(path).read_bytes()
        first = check(path, "--format", fmt, *flags)
        second = check(path, "--format", fmt, *flags)
        assert Path(path).read_bytes() == written
    assert (first.code, first.out, first.err) == (second.code, second.out, second.err)


SEEDS = ("0", "4242")


def _fresh_interpreter(path: str, seed: str) -> bytes:
    environment = {**os.environ, "PYTHONHASHSEED": seed,
                   "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(HERE)])}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(HERE / "fuzz_cli.py"), path, "--explain", "--verbose"],
        env=environment,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


@PROCESSES
@given(case=ANY_CASE, form=FORMS)
def test_processes_with_other_hash_seeds_give_the_same_bytes(
    case: dict[str, Any], form: str
) -> None:
    """Every output format, with explanations and every verdict, in two fresh interpreters
    with fixed hash seeds, and in this one (whatever its seed)."""
    with case_file(case, form) as path:
        here = every_format(path, ["--explain", "--verbose"])
        there = [_fresh_interpreter(path, seed) for seed in SEEDS]
    assert there[0] == there[1] == here


# --- the bound checker ----------------------------------------------------------------------


def _without(case: CaseFile, records: list[Record]) -> CaseFile:
    held = {r.subject for r in records}
    return case.model_copy(
        update={s: tuple(r for r in getattr(case, s) if r.subject not in held) for s in SECTIONS}
    )


def _shown(report: Report) -> list[Any]:
    return [v.to_dict(explain=True) for v in report.verdicts] + [e.to_dict() for e in report.errors]


def _whole_case_twice(context: CaseFile, record: Record, on: dt.date) -> Report:
    """The oracle of tests/integration/test_bound_checker.py: the context checked without and
    with the record, keeping the verdicts about the record and those that changed. A hook
    judges the record it is given even when it names ids the context lacks (a file's reader
    would leave it out): those come first, as input errors, as `validate` documents."""
    checker = default_checker()
    section = next(s for s, m in SECTIONS.items() if m.record_type == record.record_type)
    kept = tuple(r for r in getattr(context, section) if r.id != record.id)
    with_record = context.model_copy(update={section: (*kept, record)})
    before = {(v.rule_id, v.subject): (v.status, v.message)
              for v in checker.check(context, on=on).verdicts}  # fmt: skip
    full = checker.check(with_record, on=on)
    unresolved = tuple(
        InputError(None, p.subject, p.field, p.reason)
        for p in record_reference_problems(record, known_ids(context))
    )
    return Report(
        tuple(v for v in full.verdicts
              if v.subject == record.subject
              or before.get((v.rule_id, v.subject)) != (v.status, v.message)),
        unresolved + tuple(e for e in full.errors if e.record == record.subject),
    )  # fmt: skip


@FUZZ
@given(case=valid_cases(), data=st.data())
def test_a_bound_checker_reports_a_record_as_checking_the_case_without_and_with_it(
    case: dict[str, Any], data: st.DataObject
) -> None:
    loaded = build_case(case, "fuzz")
    assert loaded.case is not None and not loaded.errors
    generated = [r for s in GENERATED for r in getattr(loaded.case, s)]
    held = data.draw(st.lists(st.sampled_from(generated), min_size=1, max_size=3,
                              unique_by=lambda r: r.subject))  # fmt: skip
    context = _without(loaded.case, held)
    bound = bind(context, on=ON)
    for record in held:  # one after another: a bound checker keeps nothing between calls
        got = _shown(validate(record, checker=bound))
        assert got == _shown(_whole_case_twice(context, record, ON)), record.subject
