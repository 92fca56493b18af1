"""The browser test's skips are shown with their reasons even without `-rs`: a CI log that
only says "s" would hide that the page went untested (no Chromium, no driver, no server)."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "tests/browser/" in report.nodeid.replace("\\", "/")
        or "tests/browser/" in str(getattr(report, "fspath", "")).replace("\\", "/")
        or "tests/browser" in str(report.longrepr)
    ]
    if not skipped:
        return
    reasons = sorted({_reason(report) for report in skipped})
    terminalreporter.write_sep("-", "browser test skipped")
    for reason in reasons:
        terminalreporter.write_line(f"SKIPPED browser test: {reason}")


def _reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)
