"""Records that rules are checked against (pydantic v2 models), their enums and the
sub-records they hold (a report before issue, an approval step, a leave from a meeting...)."""

from .absences import (
    Absence,
    AbsenceKind,
    ApprovalStep,
    Authority,
)
from .agenda import (
    AgendaItem,
    CoordinationNote,
    DeputyCoordination,
    LeaderDecision,
    LegalityReview,
    MatterAuthority,
    PartyGrounds,
)
from .assignments import (
    Assignment,
)
from .base import (
    Approval,
    Record,
    Reference,
)
from .bodies import (
    CoordinatingBody,
)
from .case import (
    SECTIONS,
    CaseFile,
    ReferenceProblem,
)
from .decisions import (
    ConsultationForm,
    ConsultedParty,
    Decision,
    DecisionKind,
    EvaluationAspect,
    ExpertEvaluation,
    PublicConsultation,
    UnitConsultation,
)
from .documents import (
    DepartmentReply,
    Disclosure,
    Document,
    DocumentKind,
    Issuer,
    OfficeDocumentClass,
    PreIssueReport,
    ReservedMatter,
)
from .meetings import (
    DepartmentOpinion,
    LeaveOfAbsence,
    Material,
    Meeting,
    MeetingKind,
    MeetingPurpose,
    Substitution,
)
from .officials import (
    Department,
    DepartmentKind,
    Official,
    Role,
)
from .periods import (
    CasePeriod,
    Justification,
    Period,
    Roster,
)
from .submissions import (
    Countersignature,
    DirectGround,
    Forwarding,
    LeaderApproval,
    Recipient,
    Route,
    Submission,
    SubmissionKind,
)
from .visits import (
    Visit,
    VisitorOrigin,
)

__all__ = [
    "SECTIONS",
    "Absence",
    "AbsenceKind",
    "AgendaItem",
    "Approval",
    "ApprovalStep",
    "Assignment",
    "Authority",
    "CaseFile",
    "CasePeriod",
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
    "Issuer",
    "Justification",
    "LeaderApproval",
    "LeaderDecision",
    "LeaveOfAbsence",
    "LegalityReview",
    "Material",
    "MatterAuthority",
    "Meeting",
    "MeetingKind",
    "MeetingPurpose",
    "OfficeDocumentClass",
    "Official",
    "PartyGrounds",
    "Period",
    "PreIssueReport",
    "PublicConsultation",
    "Recipient",
    "Record",
    "Reference",
    "ReferenceProblem",
    "ReservedMatter",
    "Role",
    "Roster",
    "Route",
    "Submission",
    "SubmissionKind",
    "Substitution",
    "UnitConsultation",
    "Visit",
    "VisitorOrigin",
]
