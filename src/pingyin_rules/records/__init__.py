"""Records that rules are checked against (pydantic v2 models)."""

from .absences import Absence, AbsenceKind, ApprovalStep, Authority
from .assignments import Assignment, Decision
from .base import Record
from .case import SECTIONS, CaseFile, ReferenceProblem
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
from .periods import CasePeriod, Justification, Period

__all__ = [
    "SECTIONS",
    "Absence",
    "AbsenceKind",
    "ApprovalStep",
    "Assignment",
    "Authority",
    "CaseFile",
    "CasePeriod",
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
    "Substitution",
]
