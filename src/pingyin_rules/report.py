"""Verdicts and the report: the public, stable output shape."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

Status = Literal["pass", "fail", "exception", "not_applicable"]
STATUSES: tuple[Status, ...] = ("pass", "fail", "exception", "not_applicable")
STATUS_ZH = {"pass": "符合", "fail": "不符合", "exception": "例外接受", "not_applicable": "不适用"}
# What fails a run (`--fail-on`): failed error-severity rules always; failed warnings too
# with "warning". Exceptions, passes and not-applicable verdicts never do.
FAIL_ON = ("error", "warning")


def check_fail_on(fail_on: str) -> None:
    # ValueError, because the CLI turns those into a usage message instead of a traceback.
    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on must be 'error' or 'warning', not {fail_on!r}")


def is_failing(verdict: Verdict, fail_on: str = "error") -> bool:
    """Whether this verdict fails the run under the `fail_on` policy."""
    check_fail_on(fail_on)
    if verdict.status != "fail":
        return False
    return verdict.severity == "error" or fail_on == "warning"


class Remedy(TypedDict):
    """A failing verdict's remedy: the same advice in Chinese and English."""

    zh: str
    en: str


# What a deferred verdict renders: (message, message_en, evidence, remedy).
Rendered = tuple[str, str, Mapping[str, Any], Mapping[str, str] | None]


class Verdict:
    """One rule's judgement of one subject.

    Message, evidence and remedy can be given, or rendered on first read from what the engine
    found (`Verdict.deferred`): a large check gives far more verdicts than any output shows,
    and a clerk's text, JUnit or SARIF output reads only the failures'. Rendering is pure, so
    a verdict read by several threads at once gives them all the same text."""

    __slots__ = (
        "_evidence", "_message", "_message_en", "_remedy", "_render",
        "article", "explanation", "rule_id", "severity", "status", "subject",
    )  # fmt: skip

    def __init__(
        self,
        rule_id: str,
        article: int,
        status: Status,
        severity: Literal["error", "warning"],
        subject: str,
        message: str,
        message_en: str,
        evidence: Mapping[str, Any],
        remedy: Mapping[str, str] | None,  # {"zh": ..., "en": ...}; None unless it fails
        explanation: tuple[str, ...] = (),  # how it was reached (check --explain)
    ) -> None:
        self.rule_id, self.article, self.status = rule_id, article, status
        self.severity, self.subject, self.explanation = severity, subject, explanation
        self._message, self._message_en = message, message_en
        self._evidence, self._remedy = evidence, remedy
        self._render: Callable[[], Rendered] | None = None

    @classmethod
    def deferred(
        cls,
        rule_id: str,
        article: int,
        status: Status,
        severity: Literal["error", "warning"],
        subject: str,
        render: Callable[[], Rendered],
    ) -> Verdict:
        verdict = cls(rule_id, article, status, severity, subject, "", "", {}, None)
        verdict._render = render
        return verdict

    def _rendered(self) -> None:
        render = self._render
        if render is not None:
            self._message, self._message_en, self._evidence, self._remedy = render()
            self._render = None  # after the fields: a concurrent reader renders again, no harm

    @property
    def message(self) -> str:
        if self._render is not None:
            self._rendered()
        return self._message

    @property
    def message_en(self) -> str:
        if self._render is not None:
            self._rendered()
        return self._message_en

    @property
    def evidence(self) -> Mapping[str, Any]:
        if self._render is not None:
            self._rendered()
        return self._evidence

    @property
    def remedy(self) -> Remedy | None:
        """What a clerk does to comply, in both languages (`remedy["zh"]`, `remedy["en"]`);
        None unless the verdict fails."""
        if self._render is not None:
            self._rendered()
        return self._remedy  # type: ignore[return-value]  # rendering always gives zh and en

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        self._rendered()
        remedy = self._remedy
        data = {
            "rule_id": self.rule_id,
            "article": self.article,
            "status": self.status,
            "severity": self.severity,
            "subject": self.subject,
            "message": self._message,
            "message_en": self._message_en,
            "evidence": dict(self._evidence),
            "remedy": dict(remedy) if remedy is not None else None,
        }
        if explain:
            data["explanation"] = list(self.explanation)
        return data

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.to_dict(explain=True) == other.to_dict(explain=True)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not immutable

    def __repr__(self) -> str:
        return f"Verdict({self.rule_id!r}, {self.status!r}, {self.subject!r}, {self.message!r})"


@dataclass(frozen=True, slots=True)
class InputError:
    """A problem with the input: which file, which record, which field, and why; `line` is
    where in the file, when the file says (YAML and JSON Lines do; the reason says it too)."""

    file: str | None
    record: str | None
    field: str | None
    reason: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        # `line` came after the other four: the report changes only additively.
        return {
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "reason": self.reason,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Report:
    verdicts: tuple[Verdict, ...] = ()
    errors: tuple[InputError, ...] = ()
    # Where each subject came from (file, line), for formats that point into files.
    locations: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)

    @property
    def failures(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.status == "fail")

    @property
    def ok(self) -> bool:
        """False when an error-severity rule fails, or when some input could not be checked."""
        return not self.failed()

    def failed(self, fail_on: str = "error") -> bool:
        """Whether the run fails: an input error, or a verdict failing under `fail_on`."""
        check_fail_on(fail_on)
        return bool(self.errors) or any(is_failing(v, fail_on) for v in self.verdicts)

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for verdict in self.verdicts:
            counts[verdict.status] += 1
        return counts

    def merge(self, other: Report) -> Report:
        return Report.combine((self, other))

    @staticmethod
    def combine(reports: Iterable[Report]) -> Report:
        """One report of many (e.g. one per case file), in order, in linear time."""
        verdicts: list[Verdict] = []
        errors: list[InputError] = []
        locations: dict[str, tuple[str, int | None]] = {}
        for report in reports:
            verdicts.extend(report.verdicts)
            errors.extend(report.errors)
            locations.update(report.locations)
        return Report(tuple(verdicts), tuple(errors), locations)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The public JSON contract; `explain` adds each verdict's explanation (opt-in)."""
        return {
            "ok": self.ok,
            "summary": self.summary,
            "verdicts": [v.to_dict(explain=explain) for v in self.verdicts],
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_json(self, indent: int | None = 2, *, explain: bool = False) -> str:
        return json.dumps(self.to_dict(explain=explain), ensure_ascii=False, indent=indent)
