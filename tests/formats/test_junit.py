"""JUnit XML: valid against Jenkins' junit-10.xsd, counts that match the report, failure details.

junit-10.xsd is copied unchanged from the pytest 9.2.0 sdist on PyPI
(testing/example_scripts/junit-10.xsd, MIT, by Gregory Boissinot for the Jenkins xUnit plugin);
pytest validates its own JUnit output against it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.formats.junit import render_junit
from pingyin_rules.numerals import article_zh
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.report import InputError, Report, Verdict

XSD = xmlschema.XMLSchema(Path(__file__).with_name("junit-10.xsd"))


def parse(xml: str) -> ET.Element:
    # Parse the bytes a CI job would write, so the UTF-8 declaration is honoured.
    return ET.fromstring(xml.encode("utf-8"))


def cases(root: ET.Element) -> list[ET.Element]:
    return root.findall("./testsuite/testcase")


def case_for(root: ET.Element, v: Verdict) -> ET.Element:
    # The name cites the article, with the rule's paragraph or item when it has one.
    prefix = f"{v.subject} {article_zh(v.article)}"
    found = [
        c for c in cases(root)
        if c.get("classname") == v.rule_id and (c.get("name") or "").startswith(prefix)
    ]  # fmt: skip
    assert len(found) == 1, (v.rule_id, prefix)
    return found[0]


@pytest.mark.parametrize("fail_on", ["error", "warning"])
def test_valid_against_the_jenkins_schema(
    fail_on: str, examples_report: Report, tricky_report: Report, pack: CompiledPack
) -> None:
    for report in (examples_report, tricky_report, Report()):
        XSD.validate(render_junit(report, pack, fail_on=fail_on).encode("utf-8"))


def test_one_suite_per_file_in_input_order(examples_report: Report, pack: CompiledPack) -> None:
    root = parse(render_junit(examples_report, pack))
    files = list(dict.fromkeys(v.subject.split("#")[0] for v in examples_report.verdicts))
    assert [s.get("name") for s in root.findall("testsuite")] == files
    assert all(s.get("file") == s.get("name") for s in root.findall("testsuite"))


def test_counts_match_the_report(examples_report: Report, pack: CompiledPack) -> None:
    root = parse(render_junit(examples_report, pack))
    summary = examples_report.summary
    error_fails = sum(
        v.status == "fail" and v.severity == "error" for v in examples_report.verdicts
    )
    assert root.get("tests") == str(len(examples_report.verdicts))
    assert root.get("failures") == str(error_fails)
    assert root.get("errors") == "0"
    assert len(root.findall(".//failure")) == error_fails
    assert len(root.findall(".//skipped")) == summary["not_applicable"]
    total = Counter[str]()
    for suite in root.findall("testsuite"):
        children = suite.findall("testcase")
        assert suite.get("tests") == str(len(children))
        for tag, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            n = sum(c.find(tag) is not None for c in children)
            assert suite.get(attr) == str(n)
            total[attr] += n
    assert total["skipped"] == summary["not_applicable"]
    assert total["failures"] == error_fails


def test_a_failure_carries_message_remedy_and_evidence(
    examples_report: Report, pack: CompiledPack
) -> None:
    root = parse(render_junit(examples_report, pack))
    for v in examples_report.verdicts:
        if v.status != "fail" or v.severity != "error":
            continue
        failure = case_for(root, v).find("failure")
        assert failure is not None
        assert failure.get("type") == v.rule_id
        assert failure.get("message") == v.message
        body = failure.text or ""
        assert v.message in body and v.message_en in body
        assert v.remedy is not None
        assert v.remedy["zh"] in body and v.remedy["en"] in body
        assert pack.rule(v.rule_id).title_zh in body
        for key in v.evidence:
            assert f'"{key}"' in body


def test_the_record_line_is_in_the_failure(examples_report: Report, pack: CompiledPack) -> None:
    root = parse(render_junit(examples_report, pack))
    quorum = next(v for v in examples_report.verdicts if v.rule_id == "art51.executive_quorum"
                  and v.status == "fail")  # fmt: skip
    file, line = examples_report.locations[quorum.subject]
    failure = case_for(root, quorum).find("failure")
    assert failure is not None
    assert f"{file}:{line}" in (failure.text or "")


def test_warnings_pass_unless_fail_on_warning(examples_report: Report, pack: CompiledPack) -> None:
    warnings = [v for v in examples_report.verdicts
                if v.status == "fail" and v.severity == "warning"]  # fmt: skip
    assert warnings, "the examples should have a failed warning rule"
    default = parse(render_junit(examples_report, pack))
    strict = parse(render_junit(examples_report, pack, fail_on="warning"))
    for v in warnings:
        case = case_for(default, v)
        assert case.find("failure") is None
        out = case.find("system-out")
        assert out is not None and v.message in (out.text or "")
        assert case_for(strict, v).find("failure") is not None
    fails = examples_report.summary["fail"]
    assert strict.get("failures") == str(fails)
    assert default.get("failures") == str(fails - len(warnings))


def test_an_exception_passes_with_its_message(tricky_report: Report, pack: CompiledPack) -> None:
    root = parse(render_junit(tricky_report, pack))
    exception = next(v for v in tricky_report.verdicts if v.status == "exception")
    case = case_for(root, exception)
    assert [child.tag for child in case] == ["system-out"]
    assert exception.message in (case.find("system-out").text or "")  # type: ignore[union-attr]


def test_passes_have_no_children_and_na_is_skipped(
    tricky_report: Report, pack: CompiledPack
) -> None:
    root = parse(render_junit(tricky_report, pack))
    passed = next(v for v in tricky_report.verdicts if v.status == "pass")
    na = next(v for v in tricky_report.verdicts if v.status == "not_applicable")
    assert list(case_for(root, passed)) == []
    assert [c.tag for c in case_for(root, na)] == ["skipped"]


def test_input_errors_are_error_cases(tricky_report: Report, pack: CompiledPack) -> None:
    root = parse(render_junit(tricky_report, pack))
    errors = root.findall(".//error")
    assert len(errors) == len(tricky_report.errors) == 3
    assert root.get("errors") == "3"
    assert all(e.get("type") == "input-error" for e in errors)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    # Errors join the suite of their file; an error without a file goes to "input".
    assert suites["cases/m.yaml"].get("errors") == "1"
    assert suites["cases/bad, file.json"].get("errors") == "1"
    assert suites["input"].get("errors") == "1"
    first = suites["cases/m.yaml"].find("./testcase/error")
    assert first is not None
    assert first.get("message") == "unknown official 'x|y'\nline 2"
    # The record's line is known from the YAML, so the error points at it.
    assert "cases/m.yaml:12" in (first.text or "")


def test_subjects_without_a_file_go_to_the_input_suite(
    tricky_report: Report, pack: CompiledPack
) -> None:
    root = parse(render_junit(tricky_report, pack))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    names = [c.get("name") for c in suites["input"].findall("testcase")]
    assert "no-file-part 第五十一条" in names
    assert suites["input"].get("file") is None
    assert suites["-"].get("file") is None  # stdin is no file a CI viewer could open


def test_special_characters_survive(tricky_report: Report, pack: CompiledPack, nasty: str) -> None:
    xml = render_junit(tricky_report, pack)
    root = parse(xml)
    nasty_case = case_for(root, tricky_report.verdicts[0])
    failure = nasty_case.find("failure")
    assert failure is not None
    # Attribute values may not keep a bare \r\n pair through XML, so the parser gives it back
    # exactly because it was written as character references.
    assert failure.get("message") == nasty
    # In element text XML turns \r\n into \n; nothing else changes.
    assert nasty.replace("\r\n", "\n") in (failure.text or "")
    assert "<b>" not in xml and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in xml
    assert "第五十一条" in xml  # Chinese stays readable UTF-8, not character references


def test_characters_xml_cannot_hold_are_replaced(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    report = Report((verdict(message="bell\x07 nul\x00 esc\x1b", message_en="\ud800"),))
    xml = render_junit(report, pack)
    failure = parse(xml).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "bell\ufffd nul\ufffd esc\ufffd"
    XSD.validate(xml.encode("utf-8"))


def test_unknown_rules_still_render(verdict: Callable[..., Verdict], pack: CompiledPack) -> None:
    report = Report((verdict(rule_id="custom.rule", article=5),))
    root = parse(render_junit(report, pack))
    assert root.find(".//testcase").get("classname") == "custom.rule"  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None)
@given(text=st.text())
def test_any_message_round_trips(text: str, pack: CompiledPack) -> None:
    v = Verdict("r.x", 1, "fail", "error", f"f.yaml#r:{text}", text, text, {"t": text}, None)
    report = Report((v,), (InputError("f.yaml", text, text, text),))
    root = parse(render_junit(report, pack))
    failure = root.find(".//failure")
    assert failure is not None
    clean = "".join(
        "\ufffd"
        if (ord(c) < 0x20 and c not in "\t\n\r")
        or 0xD800 <= ord(c) <= 0xDFFF
        or c in "\ufffe\uffff"
        else c
        for c in text
    )
    assert failure.get("message") == clean
