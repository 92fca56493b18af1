"""Validation hooks for other systems: check one record (a document about to be signed, a
meeting about to be held, a leave about to be approved) in the context of the roster, and
either get the report back or have a `ComplianceError` raised."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Literal, ParamSpec, TypedDict, TypeVar

from pydantic import ValidationInfo, model_validator

from .api import default_checker
from .engine.checker import Checker
from .engine.incremental import BoundChecker
from .formats import is_failing
from .numerals import article_zh
from .records import CaseFile, Record
from .report import Report, Verdict

FailOn = Literal["error", "warning"]
P = ParamSpec("P")
R = TypeVar("R")


class ComplianceError(Exception):
    """Raised by a hook when a checked record breaks a rule; carries the failing verdicts."""

    def __init__(self, report: Report, failures: tuple[Verdict, ...]) -> None:
        lines = [
            f"{v.rule_id}（{article_zh(v.article)}）{v.subject}: {v.message}" for v in failures
        ]
        # Input errors too: a record that could not be judged is why it was refused.
        lines += [
            f"输入错误 input error {e.record or e.file or ''} {e.field or ''}: {e.reason}".replace(
                "  ", " "
            )
            for e in report.errors
        ]
        super().__init__("; ".join(lines))
        self.report = report
        self.failures = failures


def failing(report: Report, fail_on: FailOn = "error") -> tuple[Verdict, ...]:
    """Verdicts that fail at or above the chosen severity."""
    return tuple(v for v in report.verdicts if is_failing(v, fail_on))


def bind(
    context: CaseFile, *, on: dt.date | None = None, checker: Checker | None = None
) -> BoundChecker:
    """Bind a checker to a context (the roster, the open case) on an evaluation date (default
    today). The context is checked once, here; each `validate(record, checker=bound)` then
    costs about the rules that read that record. Build it once per context and date, and share
    it between threads: it is immutable."""
    return BoundChecker(context, checker or default_checker(), on or dt.date.today())


def validate(
    record: Record | CaseFile,
    *,
    context: CaseFile | None = None,
    on: dt.date | None = None,
    checker: Checker | BoundChecker | None = None,
    raise_on: FailOn | None = None,
    explain: bool = False,
) -> Report:
    """Check a record in the context of a case file (roster, absences...). The report holds
    the verdicts about that record, and those it changes elsewhere (an A/B partner's overlap,
    a department's second briefing series). With `raise_on`, failures of that severity (or
    any input error) raise ComplianceError instead of being returned; `explain` adds to each
    verdict the reasoning behind it (`Verdict.explanation`).

    For many records against one context, `bind` it once and pass the bound checker: each
    call then checks only the record and what it touches, not the whole context again."""
    if isinstance(checker, BoundChecker):
        if context is not None and context is not checker.case:
            raise ValueError("a bound checker carries its own context: pass one or the other")
        if on is not None and on != checker.on:
            raise ValueError(f"the checker is bound to {checker.on}, not {on}")
        report = (
            checker.check(record, explain=explain)
            if isinstance(record, Record)
            else _whole(record, checker, explain)
        )
    elif isinstance(record, CaseFile):
        checking = checker or default_checker()
        report = checking.check(record, on=on or dt.date.today(), explain=explain)
    else:
        bound = bind(context or CaseFile(), on=on, checker=checker)
        report = bound.check(record, explain=explain)
    if raise_on is not None:
        failures = failing(report, raise_on)
        if failures or report.errors:
            raise ComplianceError(report, failures)
    return report


def _whole(case: CaseFile, bound: BoundChecker, explain: bool) -> Report:
    return bound.checker.check(case, on=bound.on, explain=explain)


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

    bound: list[BoundChecker] = []  # the fixed context bound for today, rebound when the day turns

    def _bound_today() -> BoundChecker:
        today = dt.date.today()
        if not bound or bound[-1].on != today:
            fixed = context if isinstance(context, CaseFile) else CaseFile()
            bound[:] = [bind(fixed, on=today, checker=checker)]
        return bound[-1]

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            record = args[0] if args else next(iter(kwargs.values()), None)
            if not isinstance(record, Record | CaseFile):
                raise TypeError(f"{fn.__name__} must take a record as its first argument")
            if callable(context) or isinstance(record, CaseFile):
                case = context() if callable(context) else context
                validate(record, context=case, checker=checker, raise_on=fail_on)
            else:  # a fixed context is checked once a day, not at every call
                validate(record, checker=_bound_today(), raise_on=fail_on)
            return fn(*args, **kwargs)

        return wrapper

    return decorate


class HookOptions(TypedDict, total=False):
    """What `CheckedOnValidation` reads from pydantic's validation context, under the key
    `"pingyin_rules"`: the context to check against (or a checker bound to one), the evaluation
    date (default today) and the severity that refuses the record (default "error")."""

    case: CaseFile
    on: dt.date
    checker: Checker | BoundChecker
    fail_on: FailOn


class CheckedOnValidation:
    """Opt-in pydantic integration: mix into a subclass of a record model, then validate with
    a context to validate and check in one step:

        class OurDocument(CheckedOnValidation, Document): ...
        OurDocument.model_validate(data, context={"pingyin_rules": {"case": roster}})
        OurDocument.model_validate(data, context={"pingyin_rules": {"checker": bound}})

    The options are a `HookOptions`: `case`, `on`, `checker` (a `Checker`, or a `BoundChecker`
    from `bind`, which carries its context and date), `fail_on`.

    A failing record raises pydantic's ValidationError listing the failing rules. Without the
    `pingyin_rules` context key, validation behaves as usual."""

    @model_validator(mode="after")
    def _check_compliance(self, info: ValidationInfo) -> Any:
        options: HookOptions | None = (
            (info.context or {}).get("pingyin_rules") if info.context else None
        )
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
