"""JUnit XML for GitLab and Jenkins: one <testsuite> per case file, one <testcase> per verdict.

The output validates against Jenkins' junit-10.xsd (the schema pytest tests its own XML with),
which is why the root <testsuites> carries no `skipped` count and test cases carry no `file`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..pack.compiled import CompiledPack, CompiledRule
from ..report import InputError, Report, Verdict, check_fail_on, is_failing
from ._common import (
    INPUT_ERROR_ID,
    INPUT_SUITE,
    cite,
    error_location,
    error_where,
    evidence_json,
    location,
    remedy_text,
    rules_by_id,
    source_of,
)

# Characters XML 1.0 cannot carry at all (not even escaped), and lone surrogates, which cannot
# be encoded as UTF-8; a stray one in a case file must not make the whole report unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
COUNTED = ("failure", "error", "skipped")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(file: str | None, line: int | None) -> str:
    if file is None:
        return "（无文件 no file: standard input or none named）"
    return f"{file}:{line}" if line is not None else file


def _body(v: Verdict, rule: CompiledRule | None, report: Report) -> str:
    title = f" {rule.title_zh} / {rule.title_en}" if rule is not None else ""
    lines = [f"{cite(v.article, rule)} {v.rule_id}{title}", v.message, v.message_en]
    if v.remedy:
        lines += [f"整改：{remedy_text(v, 'zh')}", f"Remedy: {remedy_text(v, 'en')}"]
    lines.append(f"位置 Location: {_where(*location(report, v.subject))}")
    if v.evidence:
        lines += ["依据 Evidence:", evidence_json(v.evidence)]
    return _x("\n".join(lines))


def _verdict_case(
    v: Verdict, rule: CompiledRule | None, report: Report, fail_on: str
) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": _x(v.rule_id),
            "name": _x(f"{v.subject} {cite(v.article, rule)}"),
            "time": "0",
        },
    )
    if v.status == "fail" and is_failing(v, fail_on):
        failure = ET.SubElement(case, "failure", {"message": _x(v.message), "type": _x(v.rule_id)})
        failure.text = _body(v, rule, report)
    elif v.status == "fail":
        # A failed warning rule that does not fail this run: visible, but the test passes.
        out = ET.SubElement(case, "system-out")
        note = "提示（不影响结论）Warning, not failing the run (fail on: error)"
        out.text = _x(note) + "\n" + _body(v, rule, report)
    elif v.status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": _x(v.message)})
    elif v.status == "exception":
        out = ET.SubElement(case, "system-out")
        out.text = _x(f"例外接受 Exception accepted\n{v.message}\n{v.message_en}")
    return case


def _error_case(e: InputError, report: Report) -> ET.Element:
    where = error_where(e)
    case = ET.Element("testcase", {"classname": INPUT_ERROR_ID, "name": _x(where), "time": "0"})
    error = ET.SubElement(case, "error", {"message": _x(e.reason), "type": INPUT_ERROR_ID})
    position = _where(*error_location(report, e))
    error.text = _x(f"输入错误 Input error: {where}\n{e.reason}\n位置 Location: {position}")
    return case


def _counts(cases: list[ET.Element]) -> dict[str, int]:
    counts = {"tests": len(cases)}
    for tag in COUNTED:
        counts[tag] = sum(1 for case in cases if case.find(tag) is not None)
    return counts


def render_junit(report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str:
    check_fail_on(fail_on)
    rules = rules_by_id(pack)
    # Suites in the order their files were given, cases in verdict order: stable for the
    # same input, and the same order the text report uses.
    suites: dict[str, list[ET.Element]] = {}
    for v in report.verdicts:
        case = _verdict_case(v, rules.get(v.rule_id), report, fail_on)
        suites.setdefault(source_of(v.subject), []).append(case)
    for e in report.errors:
        suites.setdefault(e.file or INPUT_SUITE, []).append(_error_case(e, report))

    root = ET.Element("testsuites", {"name": "pingyin-rules"})
    totals = dict.fromkeys(("tests", *COUNTED), 0)
    for name, cases in suites.items():
        counts = _counts(cases)
        attrs = {
            "name": _x(name),
            "tests": str(counts["tests"]),
            "failures": str(counts["failure"]),
            "errors": str(counts["error"]),
            "skipped": str(counts["skipped"]),
            "time": "0",
        }
        if name not in (INPUT_SUITE, "-"):
            attrs["file"] = _x(name)
        suite = ET.SubElement(root, "testsuite", attrs)
        suite.extend(cases)
        for key, value in counts.items():
            totals[key] += value
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failure"]))
    root.set("errors", str(totals["error"]))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
