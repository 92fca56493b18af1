"""Art. 56: absence from a meeting needs leave from the county head (the convener for a
special-topic meeting), filed with the office; so does a substitute."""

from __future__ import annotations

from typing import Any

import pytest

RULE = "art56.leave_from_meetings"
MEMBERS = ["lm", "wjg", "zl", "lq", "cj", "hy"]


def meeting(kind: str = "executive", **fields: Any) -> dict[str, Any]:
    record = {"id": "M", "kind": kind, "title": "会议", "date": "2026-11-10", "convener": "lm",
              "chair": "lm", "expected_members": MEMBERS, "attendees": MEMBERS}  # fmt: skip
    record.update(fields)
    return record


def leave(official: str, granted_by: str = "lm", filed: bool = True) -> dict[str, Any]:
    return {"official": official, "granted_by": granted_by, "filed": filed}


def test_everyone_present_passes(run: Any) -> None:
    v = run.verdict(RULE, meetings=[meeting()])
    assert v.status == "pass" and v.message == "应出席人员全部出席。"


def test_absence_with_leave_from_the_county_head_filed_passes(run: Any) -> None:
    v = run.verdict(RULE, meetings=[meeting(attendees=MEMBERS[:-1], leaves=[leave("hy")])])
    assert v.status == "pass"
    assert v.evidence["absent"] == ["hy"] and v.evidence["excused"] == ["hy"]


@pytest.mark.parametrize(
    "leaves",
    [[], [leave("hy", filed=False)], [leave("hy", granted_by="wjg")], [leave("cj")]],
    ids=["no leave", "not filed", "granted by someone else", "leave for another member"],
)
def test_absence_without_approved_filed_leave_fails(run: Any, leaves: list[Any]) -> None:
    v = run.verdict(RULE, meetings=[meeting(attendees=MEMBERS[:-1], leaves=leaves)])
    assert v.status == "fail"
    assert v.evidence["unexcused"] == ["hy"]
    assert "黄勇" in v.message
    assert v.remedy is not None and "李明" in v.remedy["zh"]


def test_the_county_head_needs_no_leave_from_himself(run: Any) -> None:
    v = run.verdict(RULE, meetings=[meeting(attendees=MEMBERS[1:], chair="wjg", convener="wjg",
                                            entrusted_by="lm")])  # fmt: skip
    assert v.status == "pass" and v.evidence["absent"] == []


def test_special_topic_leave_is_asked_of_the_convener(run: Any) -> None:
    base = meeting("special_topic", convener="lq", chair="lq", attendees=MEMBERS[:-1])
    assert run.verdict(RULE, meetings=[{**base, "leaves": [leave("hy", "lq")]}]).status == "pass"
    failed = run.verdict(RULE, meetings=[{**base, "leaves": [leave("hy", "lm")]}])
    assert failed.status == "fail" and failed.evidence["approver"] == "lq"


def test_substitute_without_approval_fails(run: Any) -> None:
    substitute = {"absent": "hy", "substitute": "zhh", "approved_by": None}
    v = run.verdict(RULE, meetings=[meeting(attendees=MEMBERS[:-1], leaves=[leave("hy")],
                                            substitutes=[substitute])])  # fmt: skip
    assert v.status == "fail" and v.evidence["unapproved_substitutes"] == ["zhh"]
    approved = {**substitute, "approved_by": "lm"}
    ok = run.verdict(RULE, meetings=[meeting(attendees=MEMBERS[:-1], leaves=[leave("hy")],
                                             substitutes=[approved])])  # fmt: skip
    assert ok.status == "pass"


@pytest.mark.parametrize("kind", ["county_wide", "department_system", "law_study"])
def test_other_meetings_are_not_applicable(run: Any, kind: str) -> None:
    record = meeting(kind, organizing_department="zjj")
    assert run.verdict(RULE, meetings=[record]).status == "not_applicable"


def test_a_meeting_before_2022_07_15_is_not_applicable(run: Any) -> None:
    v = run.verdict(RULE, meetings=[meeting(date="2022-07-14", attendees=["lm"])])
    assert v.status == "not_applicable"
