"""Verdicts and the report: the public, stable output shape."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pass", "fail", "exception", "not_applicable"]
STATUSES: tuple[Status, ...] = ("pass", "fail", "exception", "not_applicable")
STATUS_ZH = {"pass": "符合", "fail": "不符合", "exception": "例外接受", "not_applicable": "不适用"}


@dataclass(frozen=True, slots=True)
class Verdict:
    rule_id: str
    article: int
    status: Status
    severity: Literal["error", "warning"]
    subject: str
    message: str
    message_en: str
    evidence: Mapping[str, Any]
    remedy: Mapping[str, str] | None  # {"zh": ..., "en": ...}; None unless the verdict fails
    # How the verdict was reached, for a clerk; filled only when asked (check --explain).
    explanation: tuple[str, ...] = ()

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        data = {
            "rule_id": self.rule_id,
            "article": self.article,
            "status": self.status,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "message_en": self.message_en,
            "evidence": dict(self.evidence),
            "remedy": dict(self.remedy) if self.remedy is not None else None,
        }
        if explain:
            data["explanation"] = list(self.explanation)
        return data


@dataclass(frozen=True, slots=True)
class InputError:
    """A problem with the input: which file, which record, which field, and why."""

    file: str | None
    record: str | None
    field: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "reason": self.reason,
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
        return not self.errors and not any(
            v.status == "fail" and v.severity == "error" for v in self.verdicts
        )

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
