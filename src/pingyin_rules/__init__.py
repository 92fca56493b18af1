"""pingyin-rules: the 2022 working rules of the Pingyin County People's Government as
executable, cited policy checks.

The public API is what this module exports; submodules other than `records` are internal.

    from pingyin_rules import check, validate, bind, load_pack, Document, PreIssueReport

Names are imported on first use (PEP 562), so `pingyin-rules --version` or a program that
only reads records does not pay for the engine, the pack loader or the calendar.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

# Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "Absence": ".records",
    "AbsenceKind": ".records",
    "AgendaItem": ".records",
    "Approval": ".records",
    "ApprovalStep": ".records",
    "Assignment": ".records",
    "Authority": ".records",
    "BoundChecker": ".engine.incremental",
    "CaseFile": ".records",
    "CasePeriod": ".records",
    "CheckedOnValidation": ".hooks",
    "Checker": ".api",
    "CompiledPack": ".pack.compiled",
    "ComplianceError": ".hooks",
    "HookOptions": ".hooks",
    "ConsultationForm": ".records",
    "ConsultedParty": ".records",
    "CoordinatingBody": ".records",
    "CoordinationNote": ".records",
    "Countersignature": ".records",
    "Decision": ".records",
    "DecisionKind": ".records",
    "Department": ".records",
    "DepartmentKind": ".records",
    "DepartmentOpinion": ".records",
    "DepartmentReply": ".records",
    "DeputyCoordination": ".records",
    "DirectGround": ".records",
    "Disclosure": ".records",
    "Document": ".records",
    "DocumentKind": ".records",
    "EvaluationAspect": ".records",
    "ExpertEvaluation": ".records",
    "Forwarding": ".records",
    "InputError": ".report",
    "Issuer": ".records",
    "Justification": ".records",
    "LeaderApproval": ".records",
    "LeaderDecision": ".records",
    "LeaveOfAbsence": ".records",
    "LoadedCase": ".case_files",
    "LegalityReview": ".records",
    "Material": ".records",
    "MatterAuthority": ".records",
    "Meeting": ".records",
    "MeetingKind": ".records",
    "MeetingPurpose": ".records",
    "OfficeDocumentClass": ".records",
    "Official": ".records",
    "PackError": ".pack.loader",
    "PartyGrounds": ".records",
    "PreIssueReport": ".records",
    "PublicConsultation": ".records",
    "Recipient": ".records",
    "Record": ".records",
    "Remedy": ".report",
    "Report": ".report",
    "ReservedMatter": ".records",
    "Role": ".records",
    "Route": ".records",
    "Submission": ".records",
    "SubmissionKind": ".records",
    "Substitution": ".records",
    "UnitConsultation": ".records",
    "Verdict": ".report",
    "Visit": ".records",
    "VisitorOrigin": ".records",
    "bind": ".hooks",
    "check": ".api",
    "default_checker": ".api",
    "failing": ".hooks",
    "load_pack": ".pack.loader",
    "read_case_file": ".case_files",
    "requires_compliance": ".hooks",
    "validate": ".hooks",
}

__all__ = [
    "Absence",
    "AbsenceKind",
    "AgendaItem",
    "Approval",
    "ApprovalStep",
    "Assignment",
    "Authority",
    "BoundChecker",
    "CaseFile",
    "CasePeriod",
    "CheckedOnValidation",
    "Checker",
    "CompiledPack",
    "ComplianceError",
    "ConsultationForm",
    "ConsultedParty",
    "CoordinatingBody",
    "CoordinationNote",
    "Countersignature",
    "Decision",
    "DecisionKind",
    "Department",
    "DepartmentKind",
    "DepartmentOpinion",
    "DepartmentReply",
    "DeputyCoordination",
    "DirectGround",
    "Disclosure",
    "Document",
    "DocumentKind",
    "EvaluationAspect",
    "ExpertEvaluation",
    "Forwarding",
    "HookOptions",
    "InputError",
    "Issuer",
    "Justification",
    "LeaderApproval",
    "LeaderDecision",
    "LeaveOfAbsence",
    "LegalityReview",
    "LoadedCase",
    "Material",
    "MatterAuthority",
    "Meeting",
    "MeetingKind",
    "MeetingPurpose",
    "OfficeDocumentClass",
    "Official",
    "PackError",
    "PartyGrounds",
    "PreIssueReport",
    "PublicConsultation",
    "Recipient",
    "Record",
    "Remedy",
    "Report",
    "ReservedMatter",
    "Role",
    "Route",
    "Submission",
    "SubmissionKind",
    "Substitution",
    "UnitConsultation",
    "Verdict",
    "Visit",
    "VisitorOrigin",
    "__version__",
    "bind",
    "check",
    "default_checker",
    "failing",
    "load_pack",
    "read_case_file",
    "requires_compliance",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # the same names, for type checkers
    from .api import (
        Checker,
        check,
        default_checker,
    )
    from .case_files import LoadedCase, read_case_file
    from .engine.incremental import (
        BoundChecker,
    )
    from .hooks import (
        CheckedOnValidation,
        ComplianceError,
        HookOptions,
        bind,
        failing,
        requires_compliance,
        validate,
    )
    from .pack.compiled import (
        CompiledPack,
    )
    from .pack.loader import (
        PackError,
        load_pack,
    )
    from .records import (
        Absence,
        AbsenceKind,
        AgendaItem,
        Approval,
        ApprovalStep,
        Assignment,
        Authority,
        CaseFile,
        CasePeriod,
        ConsultationForm,
        ConsultedParty,
        CoordinatingBody,
        CoordinationNote,
        Countersignature,
        Decision,
        DecisionKind,
        Department,
        DepartmentKind,
        DepartmentOpinion,
        DepartmentReply,
        DeputyCoordination,
        DirectGround,
        Disclosure,
        Document,
        DocumentKind,
        EvaluationAspect,
        ExpertEvaluation,
        Forwarding,
        Issuer,
        Justification,
        LeaderApproval,
        LeaderDecision,
        LeaveOfAbsence,
        LegalityReview,
        Material,
        MatterAuthority,
        Meeting,
        MeetingKind,
        MeetingPurpose,
        OfficeDocumentClass,
        Official,
        PartyGrounds,
        PreIssueReport,
        PublicConsultation,
        Recipient,
        Record,
        ReservedMatter,
        Role,
        Route,
        Submission,
        SubmissionKind,
        Substitution,
        UnitConsultation,
        Visit,
        VisitorOrigin,
    )
    from .report import (
        InputError,
        Remedy,
        Report,
        Verdict,
    )
