"""CI output formats for a report: JUnit XML, SARIF, a pull-request comment, GitHub annotations.

Every renderer is a pure function `render(report, pack, *, fail_on="error") -> str` with
byte-stable output for the same input. fail_on="warning" makes failed warning-severity rules
count as failing too; by default only error-severity failures (and input errors) fail a run.
"""

from __future__ import annotations

from typing import Protocol

from ..pack.compiled import CompiledPack
from ..report import FAIL_ON, Report, is_failing
from ._common import run_failed
from .github import render_github
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif


class Renderer(Protocol):
    def __call__(self, report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str: ...


FORMATS: dict[str, Renderer] = {
    "junit": render_junit,
    "sarif": render_sarif,
    "markdown": render_markdown,
    "github": render_github,
}

__all__ = [
    "FAIL_ON",
    "FORMATS",
    "Renderer",
    "is_failing",
    "render_github",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "run_failed",
]
