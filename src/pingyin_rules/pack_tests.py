"""Run the test cases written beside the rules (`tests:` in each article file).

A county that amends its pack tests it without writing Python, as `opa test` does for Rego:
`pingyin-rules test [PACK]`. pytest collects the same cases (tests/rules/test_pack_cases.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .aliases import ValueAliases
from .case_files import build_case
from .engine.checker import Checker
from .pack.compiled import CompiledPack, PackCase
from .records import SECTIONS
from .rendering import to_json_value
from .report import InputError, Verdict


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: PackCase
    problems: tuple[str, ...]  # why the case failed; empty when it passed

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def location(self) -> str:
        return f"{self.case.file}:{self.case.line}" if self.case.line else self.case.file


def case_records(pack: CompiledPack, case: PackCase) -> dict[str, Any]:
    """The case's records: the shared fixture's, with the case's own added (a record with a
    fixture record's id replaces it)."""
    fixture: Mapping[str, Any] = pack.fixtures[case.roster] if case.roster else {}
    data: dict[str, Any] = {k: v for k, v in fixture.items() if k not in SECTIONS}
    for section in SECTIONS:
        own = case.given.get(section) or []
        ids = {r.get("id") for r in own if isinstance(r, Mapping)}
        shared = [r for r in fixture.get(section) or [] if r.get("id") not in ids]
        if shared or own:
            data[section] = [*shared, *own]
    data.update({k: v for k, v in case.given.items() if k not in SECTIONS})
    return data


def run_case(checker: Checker, case: PackCase) -> CaseResult:
    aliases = ValueAliases.from_pack(checker.pack)
    loaded = build_case(case_records(checker.pack, case), case.file, aliases=aliases)
    errors: list[InputError] = list(loaded.errors)
    verdicts: tuple[Verdict, ...] = ()
    if loaded.case is not None:
        report = checker.check(loaded.case, on=case.on)
        errors.extend(report.errors)
        verdicts = tuple(v for v in report.verdicts if v.rule_id == case.rule)
    problems: list[str] = []
    # An error the case expects (an `error:` entry) does not spoil its verdicts; any other does.
    wanted = [expect.error for expect in case.expect if expect.error is not None]
    unexpected = [e for e in errors if not any(_matches(want, e) for want in wanted)]
    for expect in case.expect:
        if expect.error is not None:
            problems.extend(_error_problems(expect.error, errors))
            continue
        if unexpected:
            listed = "; ".join(f"{e.record} {e.field}: {e.reason}" for e in unexpected)
            problems.append(f"unexpected input errors: {listed}")
            continue
        found = [v for v in verdicts if expect.subject is None or v.subject == expect.subject]
        if len(found) != 1:
            subjects = ", ".join(v.subject for v in verdicts) or "none"
            which = f" for {expect.subject}" if expect.subject else ""
            problems.append(f"expected one verdict{which}, got {len(found)} (subjects: {subjects})")
            continue
        problems.extend(_verdict_problems(expect, found[0]))
    return CaseResult(case, tuple(problems))


def run_cases(checker: Checker, cases: Iterable[PackCase] | None = None) -> list[CaseResult]:
    return [run_case(checker, case) for case in (checker.pack.cases if cases is None else cases)]


def _verdict_problems(expect: Any, verdict: Verdict) -> Iterable[str]:
    if expect.status is not None and verdict.status != expect.status:
        yield f"status: expected {expect.status}, got {verdict.status} ({verdict.message})"
    for key, want in expect.evidence.items():
        if key not in verdict.evidence:
            yield f"evidence {key}: absent (evidence has {', '.join(verdict.evidence)})"
        elif to_json_value(want) != verdict.evidence[key]:
            yield f"evidence {key}: expected {want!r}, got {verdict.evidence[key]!r}"
    if expect.message is not None and verdict.message != expect.message:
        yield f"message: expected {expect.message!r}, got {verdict.message!r}"
    if expect.message_en is not None and verdict.message_en != expect.message_en:
        yield f"message_en: expected {expect.message_en!r}, got {verdict.message_en!r}"
    if expect.message_has is not None and expect.message_has not in verdict.message:
        yield f"message: {expect.message_has!r} not in {verdict.message!r}"
    if "remedy" in expect.model_fields_set:
        if expect.remedy is None:
            if verdict.remedy is not None:
                yield f"remedy: expected none, got {dict(verdict.remedy)!r}"
        elif verdict.remedy is None:
            yield "remedy: expected one, got none"
        else:
            for lang, text in expect.remedy.items():
                if verdict.remedy.get(lang) != text:
                    yield f"remedy {lang}: expected {text!r}, got {verdict.remedy.get(lang)!r}"
    if expect.remedy_has is not None and (
        verdict.remedy is None or expect.remedy_has not in verdict.remedy["zh"]
    ):
        shown = verdict.remedy["zh"] if verdict.remedy else None
        yield f"remedy: {expect.remedy_has!r} not in {shown!r}"


def _matches(want: Mapping[str, str], error: InputError) -> bool:
    if "field" in want and error.field != want["field"]:
        return False
    if "record" in want and error.record != want["record"]:
        return False
    return "reason_has" not in want or want["reason_has"] in error.reason


def _error_problems(want: Mapping[str, str], errors: list[InputError]) -> Iterable[str]:
    if not any(_matches(want, e) for e in errors):
        listed = "; ".join(f"{e.record} {e.field}: {e.reason}" for e in errors) or "none"
        yield f"expected an input error {dict(want)!r}, got: {listed}"
