"""The library's front door: check a case file against the bundled pack or one you load."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from .engine.checker import Checker
from .pack.compiled import CompiledPack
from .pack.loader import load_pack
from .records import CaseFile
from .report import Report

__all__ = ["Checker", "check", "default_checker"]


@cache
def default_checker() -> Checker:
    """The bundled pack and the official calendar, loaded and compiled once (immutable)."""
    return Checker(load_pack())


def check(
    case: CaseFile | dict[str, Any],
    *,
    pack: CompiledPack | None = None,
    on: dt.date | None = None,
) -> Report:
    """Check one case file. A dict is validated as a CaseFile first (raises on bad input; use
    `pingyin_rules.case_files.build_case` to keep the valid records of a partly bad one)."""
    if not isinstance(case, CaseFile):
        case = CaseFile.model_validate(case)
    checker = default_checker() if pack is None else Checker(pack, default_checker().calendar)
    return checker.check(case, on=on)
