"""Values as clerks write them: dates in common Chinese forms are accepted, a code can be
written as its Chinese name in the pack, and a misspelt field or value gets a "did you
mean"; anything else is refused with the expected form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from input_helpers import ROSTER, Run, line_of

from pingyin_rules import check
from pingyin_rules.aliases import ValueAliases
from pingyin_rules.case_files import read_case_file
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.records import MeetingKind, Role

BEFORE_IN_FORCE = "meetings:\n  - {{id: M0, kind: special_topic, title: 专题会议, date: {date}}}\n"


def _record_dates(run: Run, subject: str) -> set[str]:
    return {v["evidence"].get("record_date") for v in run.verdicts_for(subject)} - {None}


@pytest.mark.parametrize(
    "written",
    ["2022-07-01", "2022/07/01", "2022/7/1", "2022.7.1", "2022-7-1", "2022年7月1日",
     "2022年07月01号", "２０２２年７月１日", "2022 年 7 月 1 日"],
)  # fmt: skip
def test_dates_in_common_forms_are_read_as_iso(
    cli: Callable[..., Run], case_file: Callable[..., str], written: str
) -> None:
    # A meeting before the rules came into force: its verdicts show the date as read.
    run = cli(case_file(ROSTER + BEFORE_IN_FORCE.format(date=written)))
    assert run.errors == []
    assert _record_dates(run, "meeting:M0") == {"2022-07-01"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("07/01/2022", "write it as 2026-12-10"),
        ("2022年7月", "write it as 2026-12-10"),
        ("下周一", "write it as 2026-12-10"),
        ("2022/7-1", "write it as 2026-12-10"),
        ("2026-02-30", "is not a day of the calendar"),
        ("2026年2月30日", "is not a day of the calendar"),
    ],
)
def test_other_date_forms_are_refused_with_the_expected_form(
    cli: Callable[..., Run], case_file: Callable[..., str], written: str, expected: str
) -> None:
    text = ROSTER + BEFORE_IN_FORCE.format(date=written)
    run = cli(case_file(text))
    assert run.code == 2
    (error,) = run.errors
    assert (error["record"], error["field"]) == ("meeting:M0", "date")
    assert expected in error["reason"] and error["reason"].startswith(f"第{line_of(text, 'M0')}行")
    if "write it" in expected:
        assert "请写作 2026-12-10" in error["reason"]


FORMS = ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}", "{y}年{m}月{d}日"]


@settings(max_examples=40, deadline=None)
@given(day=st.dates(dt.date(2022, 7, 15), dt.date(2030, 12, 31)), form=st.sampled_from(FORMS))
def test_every_day_in_every_accepted_form_means_that_day(day: dt.date, form: str) -> None:
    written = form.format(y=day.year, m=day.month, d=day.day)
    absence = {"id": "A1", "official": "lq", "kind": "leave", "start": written,
               "end": written, "outside_county": False}  # fmt: skip
    case: dict[str, Any] = {
        "officials": [{"id": "lm", "name": "李明", "role": "county_head"},
                      {"id": "lq", "name": "刘强", "role": "deputy_head"}],
        "absences": [absence],
    }  # fmt: skip
    before = dict(absence)
    report = check(case, on=dt.date(2031, 1, 1))
    assert report.errors == ()
    assert absence == before  # the caller's data is not modified
    # An absence the day before the rules came into force would be not applicable; these
    # are judged, so their dates were read as written.
    assert all(v.evidence.get("record_date") is None for v in report.verdicts)


def test_a_misspelt_field_gets_a_did_you_mean_naming_it_as_written(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = ROSTER + (
        "documents:\n  - id: D1\n    title: 通知\n    issuer: department\n    kind: formal\n"
        "    department: czj\n    signer: lm\n    pre_issue_reports: [{too: lm, on: 2026-11-17}]\n"
    )
    run = cli(case_file(text))
    found = {e["field"]: e["reason"] for e in run.errors}
    assert "did you mean 'signed_by'" in found["signer"].replace(" or 'signed_on'", "")
    assert "是不是“signed_by”" in found["signer"]
    assert "did you mean 'to'" in found["pre_issue_reports.0.too"]


def test_a_misspelt_section_gets_a_did_you_mean(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = ROSTER + "meetngs:\n  - {id: M1, kind: special_topic, title: x, date: 2026-11-10}\n"
    (error,) = cli(case_file(text)).errors
    assert error["field"] == "meetngs" and "did you mean 'meetings'" in error["reason"]
    assert error["reason"].startswith(f"第{line_of(text, 'meetngs')}行")


@pytest.mark.parametrize(
    ("written", "meant"),
    [("executve", "'executive'"), ("Special topic", None), ("常务会", "executive（常务会议）"),
     ("专题会", "special_topic（专题会议）")],
)  # fmt: skip
def test_a_misspelt_value_gets_a_did_you_mean(
    cli: Callable[..., Run], case_file: Callable[..., str], written: str, meant: str | None
) -> None:
    text = ROSTER + f"meetings:\n  - {{id: M1, kind: {written}, title: x, date: 2026-11-10}}\n"
    run = cli(case_file(text))
    if meant is None:  # a code spelt loosely is read as the code
        assert run.errors == [] and run.verdicts_for("meeting:M1")
        return
    (error,) = run.errors
    assert error["field"] == "kind" and meant in error["reason"]
    assert "executive（常务会议）" in error["reason"]  # the allowed values, with their names


CHINESE = ROSTER.replace("role: county_head", "role: 县长").replace(
    "role: executive_deputy_head", "role: 常务副县长"
) + (
    "meetings:\n  - {id: CW-1, kind: 常务会议, title: 第1次常务会议, date: 2026-11-10,\n"
    "     convener: lm, chair: lm, attendees: [lm, wjg, lq]}\n"
    "documents:\n  - {id: D1, title: 关于X的通知, issuer: 县政府办公室, kind: 正式公文,\n"
    "     department: czj, disclosure: 主动公开, body_length: 100, issued_on: 2026-11-20,\n"
    "     signed_by: lm, signed_on: 2026-11-19}\n"
)


def test_chinese_names_are_read_as_the_codes(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    path = case_file(CHINESE)
    run = cli(path)
    assert run.errors == []
    assert any(v["rule_id"] == "art51.executive_quorum" for v in run.verdicts_for("meeting:CW-1"))
    loaded = read_case_file(path)
    assert loaded.case is not None
    assert [o.role for o in loaded.case.officials[:2]] == [Role.county_head,
                                                            Role.executive_deputy_head]  # fmt: skip
    (meeting,), (document,) = loaded.case.meetings, loaded.case.documents
    assert meeting.kind == MeetingKind.executive
    assert (document.issuer, document.kind, document.disclosure) == (
        "county_government_office", "formal", "proactive")  # fmt: skip


def test_free_text_is_never_rewritten(case_file: Callable[..., str]) -> None:
    loaded = read_case_file(case_file(
        "officials:\n  - {id: lm, name: 县长, role: 县长, title: 县长}\n"
    ))  # fmt: skip
    assert loaded.case is not None and not loaded.errors
    (official,) = loaded.case.officials
    assert (official.name, official.title, official.role) == ("县长", "县长", Role.county_head)


def test_a_name_is_an_alias_only_for_a_field_that_takes_its_code(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    # 常务会议 names a meeting kind, not a role.
    run = cli(case_file("officials:\n  - {id: lm, name: 李明, role: 常务会议}\n"))
    (error,) = run.errors
    assert error["field"] == "role" and "'常务会议' is not an allowed value" in error["reason"]


def test_the_aliases_come_from_the_checking_packs_labels(
    pack_copy: Path, edit_file: Callable[[Path, str, str], None], case_file: Callable[..., str]
) -> None:
    names = pack_copy / "names.yaml"
    edit_file(names, "code: [plan,", "code: [other, plan,")
    edit_file(names, "    rows:\n", "    rows:\n      - {when: {code: other}, "
              "zh: 其他人员, en: someone else}\n")  # fmt: skip
    path = case_file("officials:\n  - {id: x, name: 某某, role: 其他人员}\n")
    assert read_case_file(path).errors  # not a name in the bundled pack
    aliases = ValueAliases.from_pack(load_pack(pack_copy))
    loaded = read_case_file(path, aliases=aliases)
    assert not loaded.errors and loaded.case is not None
    assert loaded.case.officials[0].role == Role.other


@pytest.mark.parametrize(
    ("model", "code"),
    [(MeetingKind, code) for code in MeetingKind] + [(Role, code) for code in Role],
    ids=str,
)
def test_every_name_the_bundled_pack_gives_a_code_is_read_as_it(
    case_file: Callable[..., str], model: type, code: str
) -> None:
    name = ValueAliases.from_pack(load_pack()).label(code)
    if name is None:
        pytest.skip(f"the bundled pack gives {code} no Chinese name")
    if model is Role:
        text = f"officials:\n  - {{id: x, name: 某某, role: {name}}}\n"
    else:
        text = f"meetings:\n  - {{id: M, kind: {name}, title: t, date: 2026-11-10}}\n"
    field = "role" if model is Role else "kind"
    loaded = read_case_file(case_file(text))
    assert [e for e in loaded.errors if e.field == field] == []
    assert loaded.case is not None
    records = loaded.case.officials or loaded.case.meetings
    if not loaded.errors:  # some kinds need more fields (a department system meeting's department)
        assert getattr(records[0], field) == code


def test_unquoted_on_and_yes_no_read_as_written(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    # YAML 1.1 would read the key `on:` as the boolean True ("Field required", "Keys should
    # be strings"); case files read YAML 1.2 booleans, so `on` is a key and `no` a value.
    text = ROSTER + (
        "documents:\n  - {id: D1, title: 通知, issuer: county_government, kind: formal,\n"
        "     department: czj, issued_on: 2026-11-20,\n"
        "     pre_issue_reports: [{to: lq, on: 2026-11-16}, {to: lm, on: 2026-11-17}]}\n"
        "absences:\n  - {id: A1, official: lq, kind: leave, start: 2026-11-02, end: 2026-11-03,\n"
        "     outside_county: no, requested_on: 2026-10-20}\n"
    )
    run = cli(case_file(text))
    assert run.errors == []
    (report,) = [
        v for v in run.verdicts_for("document:D1") if v["rule_id"] == "art66.report_before_issue"
    ]
    assert report["status"] == "pass"


@pytest.mark.parametrize("name", ["case.yaml", "case.json", "case.jsonl"])
def test_a_number_longer_than_python_reads_is_its_fields_error(
    cli: Callable[..., Run], case_file: Callable[..., str], name: str
) -> None:
    # 5,000 digits: int() refuses more than 4,300, and the whole run ended in a ValueError.
    digits = "9" * 5000
    lm = '{"id": "lm", "name": "李明", "role": "county_head"}'
    d1 = ('{"id": "D1", "title": "关于X的通知", "issuer": "department", "kind": "formal", '
          f'"body_length": {digits}}}')  # fmt: skip
    d2 = '{"id": "D2", "title": "关于Y的通知", "issuer": "department", "kind": "formal"}'
    if name.endswith(".jsonl"):
        text = "".join(
            '{"section": "' + s + '", ' + r[1:] + "\n"
            for s, r in (("officials", lm), ("documents", d1), ("documents", d2))
        )
    else:
        text = f'{{"officials": [{lm}], "documents": [{d1}, {d2}]}}'
    run = cli(case_file(text, name))
    assert run.code == 2
    (error,) = run.errors
    assert (error["record"], error["field"]) == ("document:D1", "body_length")
    assert "应为整数" in error["reason"] and "expected a whole number" in error["reason"]
    assert run.verdicts_for("document:D2")  # the rest is still judged
