"""Validation hooks for other systems: check one record (a document about to be signed, a
meeting about to be held, a leave about to be approved) in the context of the roster, and
either get the report back or have a `ComplianceError` raised."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Literal, ParamSpec, TypeVar

from pydantic import ValidationInfo, model_validator

from .api import default_checker
from .engine.checker import Checker
from .formats import is_failing
from .numerals import article_zh
from .records import SECTIONS, CaseFile, Record
from .records.case import known_ids, record_reference_problems
from .report import InputError, Report, Verdict

FailOn = Literal["error", "warning"]
P = ParamSpec("P")
R = TypeVar("R")
_SECTION_OF = {model.record_type: section for section, model in SECTIONS.items()}


class ComplianceError(Exception):
    """Raised by a hook when a checked record breaks a rule; carries the failing verdicts."""

    def __init__(self, report: Report, failures: tuple[Verdict, ...]) -> None:
        lines = [
            f"{v.rule_id}（{article_zh(v.article)}）{v.subject}: {v.message}" for v in failures
        ]
        super().__init__("; ".join(lines) or "input errors: " + str(report.errors))
        self.report = report
        self.failures = failures


def failing(report: Report, fail_on: FailOn = "error") -> tuple[Verdict, ...]:
    """Verdicts that fail at or above the chosen severity."""
    return tuple(v for v in report.verdicts if is_failing(v, fail_on))


def with_record(context: CaseFile, record: Record) -> CaseFile:
    """The case file with `record` added, replacing a record of the same kind and id."""
    section = _SECTION_OF[record.record_type]
    kept = tuple(r for r in getattr(context, section) if r.id != record.id)
    return context.model_copy(update={section: (*kept, record)})


def validate(
    record: Record | CaseFile,
    *,
    context: CaseFile | None = None,
    on: dt.date | None = None,
    checker: Checker | None = None,
    raise_on: FailOn | None = None,
) -> Report:
    """Check a record in the context of a case file (roster, absences...). The report holds
    the verdicts about that record, and those it changes elsewhere (an A/B partner's overlap,
    a department's second briefing series). With `raise_on`, failures of that severity (or
    any input error) raise ComplianceError instead of being returned."""
    checker = checker or default_checker()
    on = on or dt.date.today()
    if isinstance(record, CaseFile):
        report = checker.check(record, on=on)
    else:
        base = context or CaseFile()
        errors = tuple(
            InputError(None, p.subject, p.field, p.reason)
            for p in record_reference_problems(record, known_ids(base))
        )
        before = {
            (v.rule_id, v.subject): (v.status, v.message)
            for v in checker.check(base, on=on).verdicts
        }
        full = checker.check(with_record(base, record), on=on)
        report = Report(
            tuple(
                v
                for v in full.verdicts
                if v.subject == record.subject
                or before.get((v.rule_id, v.subject)) != (v.status, v.message)
            ),
            errors + tuple(e for e in full.errors if e.record == record.subject),
        )
    if raise_on is not None:
        failures = failing(report, raise_on)
        if failures or report.errors:
            raise ComplianceError(report, failures)
    return report


def requires_compliance(
    context: CaseFile | Callable[[], CaseFile] | None = None,
    *,
    fail_on: FailOn = "error",
    checker: Checker | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function whose first argument is a record: it runs only if the record passes.

    @requires_compliance(lambda: load_roster())
    def sign(document: Document) -> None: ...
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            record = args[0] if args else next(iter(kwargs.values()), None)
            if not isinstance(record, Record | CaseFile):
                raise TypeError(f"{fn.__name__} must take a record as its first argument")
            case = context() if callable(context) else context
            validate(record, context=case, checker=checker, raise_on=fail_on)
            return fn(*args, **kwargs)

        return wrapper

    return decorate


class CheckedOnValidation:
    """Opt-in pydantic integration: mix into a subclass of a record model, then validate with
    a context to validate and check in one step:

        class OurDocument(CheckedOnValidation, Document): ...
        OurDocument.model_validate(data, context={"pingyin_rules": {"case": roster}})

    A failing record raises pydantic's ValidationError listing the failing rules. Without the
    `pingyin_rules` context key, validation behaves as usual."""

    @model_validator(mode="after")
    def _check_compliance(self, info: ValidationInfo) -> Any:
        options = (info.context or {}).get("pingyin_rules") if info.context else None
        if options is None:
            return self
        assert isinstance(self, Record)
        report = validate(
            self,
            context=options.get("case"),
            on=options.get("on"),
            checker=options.get("checker"),
        )
        failures = failing(report, options.get("fail_on", "error"))
        if failures or report.errors:
            raise ValueError(str(ComplianceError(report, failures)))
        return self
