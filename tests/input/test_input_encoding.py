"""Files not in UTF-8 are named with how to re-save them; text that cannot be decoded or
written out costs only the record holding it, and the report is still written."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from input_helpers import ROSTER, Run

from pingyin_rules import check

CASE = ROSTER + "meetings:\n  - {id: M1, kind: special_topic, title: 专题会议, date: 2026-11-10}\n"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("gbk", "GBK"),
        ("gb18030", "GBK"),
        ("utf-16", "UTF-16"),  # with a byte-order mark, as Windows Notepad's "Unicode"
        ("utf-16-le", "UTF-16LE"),
        ("utf-16-be", "UTF-16BE"),
        ("utf-32", "UTF-32"),
    ],
)
def test_a_file_in_another_encoding_is_named_with_how_to_resave_it(
    cli: Callable[..., Run], case_file: Callable[..., str], encoding: str, named: str
) -> None:
    run = cli(case_file(CASE.encode(encoding)))
    assert run.code == 2
    (error,) = run.errors
    reason = error["reason"]
    assert named in reason and "not UTF-8" in reason and "UTF-8编码另存" in reason
    assert "re-save it as UTF-8" in reason


def test_gbk_is_located_at_its_first_chinese_line(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = "# exported\nofficials:\n  - {id: lm, name: 李明, role: county_head}\n"
    (error,) = cli(case_file(text.encode("gbk"))).errors
    assert error["reason"].startswith("第3行：") and "line 3:" in error["reason"]


def test_a_utf8_byte_order_mark_is_accepted(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    run = cli(case_file(codecs.BOM_UTF8 + CASE.encode("utf-8")))
    assert run.errors == [] and run.verdicts_for("meeting:M1")


def test_stray_bytes_cost_only_their_record(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    # One record pasted from a GBK document into a UTF-8 file.
    pasted = b"  - {id: M2, kind: special_topic, title: " + "专题会议".encode("gbk")
    run = cli(case_file(CASE.encode("utf-8") + pasted + b", date: 2026-11-11}\n"))
    assert run.code == 2
    (error,) = run.errors
    assert (error["record"], error["field"]) == ("meeting:M2", "title")
    assert "cannot be decoded" in error["reason"] and "无法解码" in error["reason"]
    assert run.verdicts_for("meeting:M1")  # the other records are still checked


LONE = '{"officials": [{"id": "lm", "name": "李明", "role": "county_head"}, %s]}'


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ('{"id": "\\ud800", "name": "甲", "role": "deputy_head"}', "id"),
        ('{"id": "x", "name": "甲\\udfff", "role": "deputy_head"}', "name"),
        ('{"id": "x", "name": "甲", "role": "deputy_head", "k\\udc80": 1}', "k\\udc80"),
    ],
)
def test_a_lone_surrogate_is_that_records_error_and_the_report_is_written(
    cli: Callable[..., Run], case_file: Callable[..., str], record: str, field: str
) -> None:
    path = case_file(LONE % record, "case.json")
    run = cli(path)  # the output is JSON that parses: nothing unencodable was written
    assert run.code == 2
    (error,) = run.errors
    assert error["field"] == field and "\\ud800" in error["reason"]
    assert run.verdicts_for("roster")  # lm is still checked
    for fmt in ("text", "sarif", "junit", "github", "markdown"):
        assert cli(path, fmt=fmt).code == 2


def test_an_escaped_surrogate_in_yaml_costs_only_its_record(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = CASE + '  - {id: "M\\ud800", kind: special_topic, title: x, date: 2026-11-11}\n'
    run = cli(case_file(text))
    (error,) = run.errors
    assert error["record"] == "meeting:M\\ud800" and error["field"] == "id"
    assert error["reason"].startswith("第9行")
    assert run.verdicts_for("roster")


def _encodable(data: Any) -> None:
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate


@settings(max_examples=40, deadline=None)
@given(bad=st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1))
def test_surrogates_from_python_data_never_break_the_report(bad: str) -> None:
    case = {
        "officials": [
            {"id": "lm", "name": "李明", "role": "county_head"},
            {"id": "x" + bad, "name": bad, "role": "deputy_head"},
        ],
        "case": bad,
    }
    report = check(case, on=dt.date(2026, 11, 24))
    _encodable(report.to_dict())
    assert [e.record for e in report.errors] == [
        "official:x" + bad.encode("utf-8", "backslashreplace").decode()
    ]
    assert any(v.subject == "roster" for v in report.verdicts)
