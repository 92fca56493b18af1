"""The case as a whole: a bounded period, duplicate ids, and every input error located, in
both languages, in every output format."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from input_helpers import ROSTER, Run, line_of

from pingyin_rules import check
from pingyin_rules.input_limits import MAX_PERIOD_YEARS
from pingyin_rules.records import CaseFile

ON = dt.date(2026, 11, 24)


def test_a_period_of_millennia_is_refused_not_judged_week_by_week(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = ROSTER + "period: {start: 0001-01-01, end: 9999-12-31}\n"
    run = cli(case_file(text))
    assert run.code == 2
    (error,) = run.errors
    assert error["field"] == "period"
    assert f"longer than {MAX_PERIOD_YEARS} years" in error["reason"]
    assert error["reason"].startswith(f"第{line_of(text, 'period')}行")
    assert len(run.report["verdicts"]) < 50  # was 115,835


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        ("2020-01-01", "2029-12-31", False),  # ten whole years
        ("2020-01-01", "2030-01-01", True),
        ("2024-02-29", "2034-02-28", False),
        ("2026/01/01", "2026年6月30日", False),  # dates in the accepted forms
    ],
)
def test_a_period_may_cover_at_most_ten_years(
    cli: Callable[..., Run], case_file: Callable[..., str], start: str, end: str, refused: bool
) -> None:
    run = cli(case_file(ROSTER + f"period: {{start: {start}, end: {end}}}\n"))
    assert [e["field"] for e in run.errors] == (["period"] if refused else [])


def test_a_long_period_given_through_the_library_is_an_input_error_too() -> None:
    case = CaseFile.model_validate({
        "officials": [{"id": "lm", "name": "李明", "role": "county_head"}],
        "period": {"start": "0001-01-01", "end": "9999-12-31"},
    })  # fmt: skip
    report = check(case, on=ON)
    assert report.errors and all(e.field == "period" for e in report.errors)
    assert all("longer than" in e.reason for e in report.errors)
    assert len(report.verdicts) < 50


MEETINGS = """\
meetings:
  - {id: CW-1, kind: executive, title: 第1次常务会议, date: 2026-11-10, convener: lm, chair: lm,
     attendees: [lm]}
  - {id: SP-1, kind: special_topic, title: 专题会议, date: 2026-11-11}
  - {id: CW-1, kind: executive, title: 第2次常务会议, date: 2026-11-17, convener: lm, chair: lm,
     attendees: [lm, wjg, lq]}
  - {id: CW-1, kind: executive, title: 第3次常务会议, date: 2026-11-24, convener: lm, chair: lm,
     attendees: [lm, wjg, lq]}
"""


def test_duplicate_ids_name_both_records_and_check_the_first(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = ROSTER + MEETINGS
    path = case_file(text)
    run = cli(path)
    assert run.code == 2
    first = line_of(text, "第1次")
    later = [line_of(text, "第2次"), line_of(text, "第3次")]
    assert [(e["record"], e["field"]) for e in run.errors] == [
        ("meetings[2]", "id"),
        ("meetings[3]", "id"),
    ]
    for error, line in zip(run.errors, later, strict=True):
        assert error["reason"].startswith(f"第{line}行：")
        assert f"第{first}行的记录已用此id" in error["reason"]
        assert f"the record at line {first} has it too" in error["reason"]
    # The first is checked (one of three attended: no quorum), the later ones are not.
    (quorum,) = [v for v in run.verdicts_for("meeting:CW-1") if v["rule_id"].endswith("quorum")]
    assert quorum["status"] == "fail"
    assert run.verdicts_for("meeting:SP-1")
    # The CI formats point at each record: the kept one at its line, an error at the other.
    results = json.loads(cli(path, fmt="sarif").out)["runs"][0]["results"]
    lines = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
        if r["ruleId"] in ("art51.executive_quorum", "input-error")
    }
    assert ("input-error", later[0]) in lines and ("input-error", later[1]) in lines
    assert ("art51.executive_quorum", first) in lines


def test_duplicate_ids_in_json_are_named_by_position(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    data = {"officials": [{"id": "lm", "name": "李明", "role": "county_head"},
                          {"id": "lm", "name": "李明", "role": "deputy_head"}]}  # fmt: skip
    (error,) = cli(case_file(json.dumps(data, ensure_ascii=False), "case.json")).errors
    assert error["record"] == "officials[1]"
    assert "officials[0]" in error["reason"] and "(officials[1])" in error["reason"]


# One file with one error of each kind the reader finds, each on its own line.
LOCATED = (
    ROSTER
    + """\
meetings:
  - {id: M1, kind: special_topic, title: 专题会议, date: 2026-11-10, chiar: lm}
  - {id: M2, kind: weekly, title: 专题会议, date: 2026-11-10}
  - {id: M3, kind: special_topic, title: 专题会议, date: 11/10/2026}
  - {id: M4, kind: special_topic, title: 专题会议, date: 2026-11-10, 7: x}
  - {id: M5, kind: special_topic, title: 专题会议}
  - {id: M6, kind: special_topic, title: 专题会议, date: 2026-11-10, chair: nobody}
  - {id: M6, kind: special_topic, title: 专题会议, date: 2026-11-11}
  - just a string
"""
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _expected_lines() -> list[int]:
    # Each record's own errors in file order, then those between records (references, ids).
    marks = ["M1,", "M2,", "M3,", "M4,", "M5,", "just a string", "chair: nobody", "2026-11-11}"]
    return [line_of(LOCATED, mark) for mark in marks]


def test_every_input_error_has_its_line_in_both_languages(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    run = cli(case_file(LOCATED))
    assert run.code == 2
    errors = run.errors
    assert len(errors) == len(_expected_lines())
    for error, line in zip(errors, _expected_lines(), strict=True):
        reason = error["reason"]
        assert reason.startswith(f"第{line}行"), reason
        assert f"line {line}: " in reason, reason
        assert error["line"] == line  # the JSON report's own field, for tools
        if error["field"] != "chair":  # a reference problem, in the roster's words
            assert _CJK.search(reason.split(" / ")[0]) and re.search("[a-z]{3}", reason)
    fields = [e["field"] for e in errors]
    assert fields == ["chiar", "kind", "date", "7", "date", None, "chair", "id"]


def test_sarif_github_and_junit_carry_each_errors_line(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    path = case_file(LOCATED)
    expected = sorted(set(_expected_lines()))
    sarif = json.loads(cli(path, fmt="sarif").out)["runs"][0]["results"]
    regions = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif
        if r["ruleId"] == "input-error"
    }
    assert sorted(regions) == expected
    github = cli(path, fmt="github").out.splitlines()
    annotated = {
        int(m[1]) for line in github if (m := re.search(r"line=(\d+),title=input-error", line))
    }
    assert sorted(annotated) == expected
    junit = ET.fromstring(cli(path, fmt="junit").out)
    located = {
        int(m[1])
        for error in junit.iter("error")
        if (m := re.search(r"位置 Location: .*:(\d+)$", error.text or ""))
    }
    assert sorted(located) == expected


def test_a_file_refused_whole_points_every_format_at_its_line(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    # No record to take a line from: the error's own `line` is all the formats have.
    path = case_file(ROSTER + "meetings:\n  - {id: M1, kind: [special_topic\n")
    (error,) = cli(path).errors
    assert error["record"] is None and error["line"] is not None
    assert error["reason"].startswith(f"第{error['line']}行")
    (result,) = json.loads(cli(path, fmt="sarif").out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": error["line"]}
    assert f"line={error['line']},title=input-error" in cli(path, fmt="github").out


def test_json_lines_errors_carry_their_line(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    lines = [
        '{"section": "officials", "id": "lm", "name": "李明", "role": "county_head"}',
        '{"section": "meetings", "id": "M1", "kind": "special_topic", "title": "专题会议"}',
        "not json",
    ]
    path = case_file("\n".join(lines) + "\n", "case.jsonl")
    assert [(e["field"], e["line"]) for e in cli(path).errors] == [("date", 2), (None, 3)]
    streamed = [json.loads(x) for x in cli(path, fmt="jsonl").out.splitlines()]
    assert [e["line"] for e in streamed if e["type"] == "error"] == [2, 3]


@pytest.mark.parametrize("name", ["case.yaml", "case.jsonl"])
def test_a_record_naming_one_left_out_is_left_out_too_with_its_own_error(
    cli: Callable[..., Run], case_file: Callable[..., str], name: str
) -> None:
    # M-1 names nobody on the roster: left out. AI-1 names M-1: judged without it, it was
    # judged on a case that does not hold what it says (12 "missing" errors, found by fuzzing).
    records = [
        ("officials", {"id": "lm", "name": "李明", "role": "county_head"}),
        ("meetings", {"id": "M-1", "kind": "executive", "title": "常务会议",
                      "date": "2026-03-02", "convener": "nobody"}),
        ("agenda_items", {"id": "AI-1", "meeting": "M-1", "title": "议题"}),
    ]  # fmt: skip
    if name.endswith(".jsonl"):
        text = "".join(
            json.dumps({"section": s, **r}, ensure_ascii=False) + "\n" for s, r in records
        )
    else:
        sections: dict[str, list[dict[str, str]]] = {}
        for section, record in records:
            sections.setdefault(section, []).append(record)
        text = json.dumps(sections, ensure_ascii=False)  # YAML reads JSON
    run = cli(case_file(text, name))
    assert run.code == 2
    assert [(e["record"], e["field"]) for e in run.errors] == [
        ("meeting:M-1", "convener"),
        ("agenda_item:AI-1", "meeting"),
    ]
    assert "有误、未检查，本条也不检查" in run.errors[1]["reason"]
    assert "it names has input errors" in run.errors[1]["reason"]
    assert not run.verdicts_for("agenda_item:AI-1") and not run.verdicts_for("meeting:M-1")


def test_a_record_naming_one_that_could_not_be_read_is_left_out_with_it(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    # J-1 fails validation (no such kind): A-3, naming it, was judged and told its filled-in
    # `decision` was "missing" (the decisions section held no valid record).
    text = (
        "officials: [{id: lm, name: 李明, role: county_head}]\n"
        "meetings: [{id: M-1, kind: executive, title: 会议, date: 2026-03-02, chair: lm}]\n"
        "decisions: [{id: J-1, title: 决策, kind: major}]\n"
        "agenda_items: [{id: A-3, meeting: M-1, title: 议题, decision: J-1}]\n"
    )
    run = cli(case_file(text))
    assert [(e["record"], e["field"]) for e in run.errors] == [
        ("decision:J-1", "kind"),
        ("agenda_item:A-3", "decision"),
    ]
    assert "所指的决策事项“J-1”的记录有误" in run.errors[1]["reason"]
    assert not run.verdicts_for("agenda_item:A-3") and run.verdicts_for("meeting:M-1")
