"""Records that rules are checked against (pydantic v2 models)."""

from .absences import Absence, AbsenceKind, ApprovalStep, Authority
from .agenda import AgendaItem
from .assignments import Assignment
from .base import Record
from .bodies import CoordinatingBody
from .case import SECTIONS, CaseFile, ReferenceProblem
from .decisions import Decision
from .documents import (
    Disclosure,
    Document,
    DocumentKind,
    Issuer,
    OfficeDocumentClass,
    PreIssueReport,
)
from .meetings import LeaveOfAbsence, Material, Meeting, MeetingKind, Substitution
from .officials import Department, DepartmentKind, Official, Role
from .periods import CasePeriod, Justification, Period, Roster
from .submissions import Submission
from .visits import Visit

__all__ = [
    "SECTIONS",
    "Absence",
    "AbsenceKind",
    "AgendaItem",
    "ApprovalStep",
    "Assignment",
    "Authority",
    "CaseFile",
    "CasePeriod",
    "CoordinatingBody",
    "Decision",
    "Department",
    "DepartmentKind",
    "Disclosure",
    "Document",
    "DocumentKind",
    "Issuer",
    "Justification",
    "LeaveOfAbsence",
    "Material",
    "Meeting",
    "MeetingKind",
    "OfficeDocumentClass",
    "Official",
    "Period",
    "PreIssueReport",
    "Record",
    "ReferenceProblem",
    "Role",
    "Roster",
    "Submission",
    "Substitution",
    "Visit",
]
