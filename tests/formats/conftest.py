"""Fixtures for the CI formats: the report of every example case file, and hand-made reports
whose messages carry the characters each format has to escape."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.case_files import expand_paths, read_case_file
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.report import InputError, Report, Verdict

ROOT = Path(__file__).parents[2]
ON = dt.date(2026, 11, 24)
# Everything the formats must escape: table pipes, GitHub's %, line breaks, XML specials,
# a would-be workflow command and property separators.
NASTY = "a|b %25 100%\nsecond line\r\n::error::pwned <b>&amp;</b> \"q\" 's', x: y"


def build_report(checker: Checker, paths: list[str]) -> Report:
    """What `pingyin-rules check` builds from files (see cli._check)."""
    report = Report()
    for path in expand_paths(paths):
        loaded = read_case_file(path)
        part = Report(errors=loaded.errors)
        if loaded.case is not None:
            checked = checker.check(loaded.case, on=ON, source=path)
            locations = {f"{path}#{s}": (path, line) for s, line in loaded.lines.items()}
            part = Report(checked.verdicts, loaded.errors + checked.errors, locations)
        report = report.merge(part)
    return report


@pytest.fixture(scope="session")
def pack() -> CompiledPack:
    return load_pack()


@pytest.fixture(scope="session")
def build(checker: Checker) -> Callable[[list[str]], Report]:
    """`build(["examples/"])`: a report from paths relative to the repository root."""

    def run(paths: list[str]) -> Report:
        with contextlib.chdir(ROOT):
            return build_report(checker, paths)

    return run


@pytest.fixture(scope="session")
def examples_report(build: Callable[[list[str]], Report]) -> Report:
    """Every example, with relative paths as a CI job run from the repository root gives them."""
    return build(["examples/"])


@pytest.fixture(scope="session")
def compliant_report(build: Callable[[list[str]], Report]) -> Report:
    return build(["examples/compliant"])


@pytest.fixture(scope="session")
def nasty() -> str:
    return NASTY


def make_verdict(**overrides: Any) -> Verdict:
    fields: dict[str, Any] = {
        "rule_id": "art51.executive_quorum",
        "article": 51,
        "status": "fail",
        "severity": "error",
        "subject": "cases/m.yaml#meeting:M-1",
        "message": "应到11人，实到7人。",
        "message_en": "Only 7 of 11 attended.",
        "evidence": {"attended": 7, "expected": 11},
        "remedy": {"zh": "还需1名组成人员出席。", "en": "1 more member must attend."},
    }
    fields.update(overrides)
    if fields["status"] != "fail" and "remedy" not in overrides:
        fields["remedy"] = None
    return Verdict(**fields)


@pytest.fixture()
def verdict() -> Callable[..., Verdict]:
    """`verdict(status="pass", message=...)`: a Verdict with sensible defaults."""
    return make_verdict


@pytest.fixture()
def tricky_report() -> Report:
    """One of each status, special characters everywhere, every kind of location."""
    verdicts = (
        make_verdict(message=NASTY, message_en=NASTY, evidence={"note": NASTY},
                     remedy={"zh": NASTY, "en": NASTY}),
        make_verdict(rule_id="art52.weekly_office_meeting", article=52, severity="warning",
                     subject="cases/m.yaml#period:2026-W11", message="本周未召开县长办公会。",
                     message_en="No office meeting this week."),
        make_verdict(rule_id="art52.weekly_office_meeting", article=52, severity="warning",
                     status="exception", subject="cases/m.yaml#period:2026-W12",
                     message="已记录理由 <ok>", message_en="Reason recorded <ok>"),
        make_verdict(status="pass", subject="cases/m.yaml#meeting:M-2", message="符合。",
                     message_en="Complies."),
        make_verdict(status="not_applicable", subject="cases/m.yaml#meeting:M-3",
                     message="不适用。", message_en="Not applicable."),
        make_verdict(subject="-#meeting:S-1", message="来自标准输入。", message_en="From stdin."),
        make_verdict(subject="no-file-part", message="无文件。", message_en="No file."),
    )  # fmt: skip
    errors = (
        InputError("cases/m.yaml", "meeting:M-1", "chair", "unknown official 'x|y'\nline 2"),
        InputError("cases/bad, file.json", None, None, "invalid JSON at line 3: <oops> & 100%"),
        InputError(None, None, None, "no input"),
    )
    locations = {
        "cases/m.yaml#meeting:M-1": ("cases/m.yaml", 12),
        "cases/m.yaml#meeting:M-2": ("cases/m.yaml", 20),
        "cases/m.yaml#meeting:M-3": ("cases/m.yaml", 28),
    }
    return Report(verdicts, errors, locations)
