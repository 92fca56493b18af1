"""A case file: the roster and any records, checked together."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .absences import Absence
from .assignments import Assignment, Decision
from .base import Record
from .documents import Document
from .meetings import Meeting
from .officials import Department, Official
from .periods import CasePeriod, Justification

# Section name in a case file -> record model. Order is the order verdicts come in.
SECTIONS: dict[str, type[Record]] = {
    "officials": Official,
    "departments": Department,
    "meetings": Meeting,
    "documents": Document,
    "absences": Absence,
    "assignments": Assignment,
    "decisions": Decision,
    "justifications": Justification,
}


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    subject: str
    field: str
    reason: str


class CaseFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    case: str | None = Field(default=None, description="Name of the case file")
    period: CasePeriod | None = Field(
        default=None, description="Dates the file covers; needed for recurring duties"
    )
    officials: tuple[Official, ...] = ()
    departments: tuple[Department, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    documents: tuple[Document, ...] = ()
    absences: tuple[Absence, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    decisions: tuple[Decision, ...] = ()
    justifications: tuple[Justification, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> CaseFile:
        problems = list(self.reference_problems())
        if problems:
            raise ValueError("; ".join(f"{p.subject}.{p.field}: {p.reason}" for p in problems))
        return self

    def records(self) -> Iterator[Record]:
        for section in SECTIONS:
            yield from getattr(self, section)

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        officials = {o.id for o in self.officials}
        departments = {d.id for d in self.departments}
        meetings = {m.id for m in self.meetings}
        for section in SECTIONS:
            ids: set[str] = set()
            for record in getattr(self, section):
                if record.id in ids:
                    yield ReferenceProblem(record.subject, "id", f"duplicate id {record.id!r}")
                ids.add(record.id)
                yield from record_reference_problems(record, officials, departments, meetings)


def _officials_in(record: Record) -> Iterator[tuple[str, str | None]]:
    """(field, official id) pairs that must name someone on the roster."""
    if isinstance(record, Official):
        yield "backup_partner", record.backup_partner
    elif isinstance(record, Department):
        yield "head", record.head
    elif isinstance(record, Meeting):
        for field in ("convener", "chair", "entrusted_by"):
            yield field, getattr(record, field)
        for field in ("expected_members", "attendees", "non_voting_attendees", "approved_by"):
            for oid in getattr(record, field):
                yield field, oid
        for leave in record.leaves:
            yield "leaves.official", leave.official
            yield "leaves.granted_by", leave.granted_by
        for sub in record.substitutes:
            yield "substitutes.absent", sub.absent
            yield "substitutes.approved_by", sub.approved_by
    elif isinstance(record, Document):
        for field in ("reviewed_by", "checked_by", "signed_by", "authorized_signer"):
            yield field, getattr(record, field)
        for report in record.pre_issue_reports:
            yield "pre_issue_reports.to", report.to
    elif isinstance(record, Absence):
        yield "official", record.official
        for step in record.steps:
            yield "steps.official", step.official
    elif isinstance(record, Justification):
        yield "approved_by", record.approved_by


def _departments_in(record: Record) -> Iterator[tuple[str, str | None]]:
    if isinstance(record, Official):
        yield "department", record.department
        for dep in record.portfolio:
            yield "portfolio", dep
    elif isinstance(record, Department):
        yield "parent", record.parent
    elif isinstance(record, Meeting):
        yield "organizing_department", record.organizing_department
    elif isinstance(record, Document | Assignment):
        yield "department", record.department


def record_reference_problems(
    record: Record, officials: set[str], departments: set[str], meetings: set[str]
) -> Iterator[ReferenceProblem]:
    """Problems with the ids one record refers to. Departments are checked only when the case
    lists departments: a meeting-only case file need not carry the whole organisation chart."""
    for field, oid in _officials_in(record):
        if oid is not None and oid not in officials:
            yield ReferenceProblem(record.subject, field, f"{oid!r} is not on the roster")
    if departments:
        for field, dep in _departments_in(record):
            if dep is not None and dep not in departments:
                yield ReferenceProblem(record.subject, field, f"unknown department {dep!r}")
    if isinstance(record, Assignment | Decision):
        ref = record.meeting if isinstance(record, Assignment) else record.decided_at
        if ref is not None and meetings and ref not in meetings:
            field = "meeting" if isinstance(record, Assignment) else "decided_at"
            yield ReferenceProblem(record.subject, field, f"unknown meeting {ref!r}")
