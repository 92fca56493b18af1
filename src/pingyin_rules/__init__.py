"""pingyin-rules: the 2022 working rules of the Pingyin County People's Government as
executable, cited policy checks.

The public API is what this module exports; submodules other than `records` are internal.

    from pingyin_rules import check, validate, load_pack
"""

from ._version import __version__
from .api import Checker, check, default_checker
from .engine.incremental import BoundChecker
from .hooks import (
    CheckedOnValidation,
    ComplianceError,
    bind,
    failing,
    requires_compliance,
    validate,
)
from .pack.compiled import CompiledPack
from .pack.loader import PackError, load_pack
from .records import (
    Absence,
    Assignment,
    CaseFile,
    Department,
    Document,
    Meeting,
    Official,
    Record,
)
from .report import InputError, Report, Verdict

__all__ = [
    "Absence",
    "Assignment",
    "BoundChecker",
    "CaseFile",
    "CheckedOnValidation",
    "Checker",
    "CompiledPack",
    "ComplianceError",
    "Department",
    "Document",
    "InputError",
    "Meeting",
    "Official",
    "PackError",
    "Record",
    "Report",
    "Verdict",
    "__version__",
    "bind",
    "check",
    "default_checker",
    "failing",
    "load_pack",
    "requires_compliance",
    "validate",
]
