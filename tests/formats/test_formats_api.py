"""The registry, what counts as failing, and the guarantees every format gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pingyin_rules.formats import FORMATS, is_failing, run_failed
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.report import InputError, Report, Verdict


def test_the_registry_names_the_four_formats() -> None:
    assert list(FORMATS) == ["junit", "sarif", "markdown", "github"]


@pytest.mark.parametrize(
    ("status", "severity", "fail_on", "expected"),
    [
        ("fail", "error", "error", True),
        ("fail", "error", "warning", True),
        ("fail", "warning", "error", False),
        ("fail", "warning", "warning", True),
        ("pass", "error", "warning", False),
        ("exception", "warning", "warning", False),
        ("not_applicable", "error", "warning", False),
    ],
)
def test_is_failing(
    verdict: Callable[..., Verdict], status: str, severity: str, fail_on: str, expected: bool
) -> None:
    assert is_failing(verdict(status=status, severity=severity), fail_on) is expected


def test_warnings_never_fail_by_default(verdict: Callable[..., Verdict]) -> None:
    assert is_failing(verdict(severity="warning")) is False
    report = Report((verdict(severity="warning"),))
    assert run_failed(report) is False
    assert run_failed(report, "warning") is True


def test_an_input_error_fails_the_run() -> None:
    assert run_failed(Report(errors=(InputError("x.yaml", None, None, "bad"),))) is True


def test_the_examples_fail_and_the_compliant_ones_pass(
    examples_report: Report, compliant_report: Report
) -> None:
    assert run_failed(examples_report) is True
    assert run_failed(compliant_report) is False
    assert run_failed(compliant_report, "warning") is False


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_unknown_fail_on_is_refused(name: str, pack: CompiledPack) -> None:
    with pytest.raises(ValueError, match="fail_on"):
        FORMATS[name](Report(), pack, fail_on="fatal")


def test_is_failing_refuses_an_unknown_fail_on(verdict: Callable[..., Verdict]) -> None:
    with pytest.raises(ValueError, match="fail_on"):
        is_failing(verdict(), "errors")


@pytest.mark.parametrize("name", list(FORMATS))
def test_output_is_deterministic(
    name: str,
    build: Callable[[list[str]], Report],
    examples_report: Report,
    pack: CompiledPack,
) -> None:
    """The same input gives the same bytes, also from a report built afresh."""
    again = build(["examples/"])
    render = FORMATS[name]
    for fail_on in ("error", "warning"):
        first = render(examples_report, pack, fail_on=fail_on)
        assert render(examples_report, pack, fail_on=fail_on) == first
        assert render(again, pack, fail_on=fail_on).encode() == first.encode()


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_empty_report_renders(name: str, pack: CompiledPack) -> None:
    out = FORMATS[name](Report(), pack)
    assert isinstance(out, str) and out.endswith("\n")


@pytest.mark.parametrize("name", list(FORMATS))
def test_rendering_does_not_touch_the_report(
    name: str, tricky_report: Report, pack: CompiledPack
) -> None:
    before = tricky_report.to_json()
    FORMATS[name](tricky_report, pack, fail_on="warning")
    assert tricky_report.to_json() == before
