"""pingyin-rules: the 2022 working rules of the Pingyin County People's Government as
executable, cited policy checks."""

from .api import Checker, check, default_checker
from .pack.compiled import CompiledPack
from .pack.loader import PackError, load_pack
from .records import CaseFile
from .report import InputError, Report, Verdict

__version__ = "0.1.0"

__all__ = [
    "CaseFile",
    "Checker",
    "CompiledPack",
    "InputError",
    "PackError",
    "Report",
    "Verdict",
    "check",
    "default_checker",
    "load_pack",
]
