"""durable_rules 2.0.28 as an oracle: the seven peer rules of benchmarks/bench_peer.py, written
again in durable's rule language, judge generated records as pingyin-rules does.

Each verdict is compared (pass, exception, fail, not applicable), so the same records fail
the same rules on both sides; the rules compared are the very rulesets the benchmark times.
durable_rules builds from C, has had no release since 2020 and does not import on Python 3.13:
without it this module is skipped (docs/peers.md says how to install it).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip(
    "durable.lang",
    reason="durable_rules 2.0.28 does not import: not installed, or on Python 3.13 its C "
    "extension fails (undefined symbol PyEval_CallObject); run the oracle from a Python 3.11 "
    "or 3.12 environment with it installed (docs/peers.md)",
    exc_type=ImportError,  # an installed build whose extension fails to load skips too
)

from pingyin_rules import Checker
from pingyin_rules.case_files import build_case

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_peer", ROOT / "benchmarks/bench_peer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()
ON: dt.date = bench.ON
DAYS = st.dates(dt.date(2022, 7, 25), dt.date(2026, 12, 31))
ALL = [o["id"] for o in bench.ROSTER["officials"]]
IDS = st.sampled_from(ALL)
# Mostly someone whose role decides a verdict: the county head, the executive deputy, a deputy
# head, the office director (who chairs when a leader entrusts him), a party group member, a
# department head; anyone else on the roster the rest of the time.
PEOPLE = st.sampled_from(["lm", "lm", "wjg", "lq", "wd", "wd", "dj", "h_czj", *ALL])
MOSTLY = st.sampled_from([True, True, True, False])
# Near the limits as often as anywhere.
LENGTHS = st.sampled_from([0, 1999, 2000, 2001, 2999, 3000, 3001]) | st.integers(0, 6000)


@st.composite
def meetings(draw: st.DrawFn) -> dict[str, Any]:
    chair = draw(st.none() | PEOPLE)
    convener = draw(st.sampled_from(["none", "the chair", "other"]))
    # Any number of the executive meeting's members attend (so every side of two thirds), with
    # officials who are not members, who do not count.
    members = draw(
        st.permutations(bench.MEMBERS).flatmap(
            lambda order: st.integers(0, len(order)).map(lambda k: list(order[:k]))
        )
    )
    return {
        "kind": draw(st.sampled_from(
            ["executive", "special_topic", "plenary", "county_head_office", "county_wide"])),
        "title": "会议", "date": draw(DAYS).isoformat(), "chair": chair,
        "convener": {"none": None, "the chair": chair, "other": draw(PEOPLE)}[convener],
        "entrusted_by": draw(st.none() | PEOPLE),
        "attendees": members + draw(st.lists(st.sampled_from(bench.NON_MEMBERS), unique=True,
                                             max_size=3)),
    }  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    issuer = draw(
        st.sampled_from(
            ["county_government", "county_government_office", "department", "internal_unit"]
        )
    )
    department = draw(st.sampled_from(bench.DOC_DEPARTMENTS))
    # Reports mostly to the two leaders Art. 66 names, mostly written and agreed, 0 to 8 days
    # before issue: in time or not, before signing or after.
    leaders = [bench.DEPUTY_OF[department], "lm" if issuer == "county_government" else "wjg"]
    issued = draw(DAYS | st.none())
    around = issued or ON
    signed = None
    if issued is not None:
        signed = draw(
            st.none()
            | st.sampled_from([0, 0, 1, 2, 3, 4, 6, 8]).map(
                lambda k: (issued - dt.timedelta(days=k)).isoformat()
            )
        )
    record = {
        "title": "文件", "kind": draw(st.sampled_from(["policy", "briefing", "formal", "report"])),
        "issuer": issuer, "department": department, "body_length": draw(LENGTHS),
        "issued_on": issued.isoformat() if issued else None, "signed_on": signed,
        "emergency": draw(st.booleans()),
        "length_justification": draw(st.none() | st.just("确需详细规定")),
        "pre_issue_reports": draw(st.lists(st.fixed_dictionaries({
            "to": st.sampled_from(leaders * 4 + ALL),
            "on": st.integers(0, 8).map(lambda k: (around - dt.timedelta(days=k)).isoformat()),
            "written": MOSTLY, "approved": MOSTLY}), max_size=4)),
    }  # fmt: skip
    if draw(st.integers(0, 9)) == 0:  # required by the city: Art. 66 ¶1 does not apply
        record |= {"city_required": True, "city_notice_received_on": around.isoformat()}
    return record


@st.composite
def absences(draw: st.DrawFn) -> dict[str, Any]:
    # Only officials for whom nobody acts (Arts. 8, 10) travel, as in the benchmark: durable's
    # rules do not follow who acted for whom.
    start = draw(DAYS)
    kind = draw(st.sampled_from(["travel", "leave"]))
    outside = draw(st.booleans() if kind == "leave" else st.none() | st.booleans())
    ahead = draw(st.none() | st.integers(0, 7))
    requested = None if ahead is None else (start - dt.timedelta(days=ahead)).isoformat()
    end = start + dt.timedelta(days=draw(st.integers(0, 3)))
    return {
        "official": draw(st.sampled_from(bench.TRAVELLERS)), "kind": kind,
        "start": start.isoformat(), "end": end.isoformat(), "outside_county": outside,
        "requested_on": requested,
    }  # fmt: skip


def _case(sections: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The roster and the records, numbered, without the fields left out (None)."""
    case: dict[str, Any] = dict(bench.ROSTER)
    for section, prefix in (("meetings", "M"), ("documents", "D"), ("absences", "A")):
        case[section] = [{"id": f"{prefix}{i}", **{k: v for k, v in r.items() if v is not None}}
                         for i, r in enumerate(sections[section])]  # fmt: skip
    return case


@pytest.fixture(scope="module")
def seven_rules() -> Checker:
    """pingyin-rules with only the seven peer rules: the benchmark's checker."""
    checker: Checker = bench.peer_checker()
    return checker


@pytest.fixture(scope="module")
def peer() -> Any:
    return bench.DurablePeer()


def _ours(checker: Checker, case: dict[str, Any]) -> dict[tuple[str, str], str]:
    loaded = build_case(case, "oracle")
    assert not loaded.errors, loaded.errors
    assert loaded.case is not None
    report = checker.check(loaded.case, on=ON)
    assert not report.errors, report.errors
    verdicts: dict[tuple[str, str], str] = bench.statuses(report)
    return verdicts


def _differences(theirs: dict[tuple[str, str], str],
                 ours: dict[tuple[str, str], str]) -> list[str]:  # fmt: skip
    return [f"{rule} {subject}: durable {theirs.get((rule, subject))}, "
            f"pingyin-rules {ours.get((rule, subject))}"
            for rule, subject in sorted(theirs.keys() | ours.keys())
            if theirs.get((rule, subject)) != ours.get((rule, subject))]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(sections=st.fixed_dictionaries({
    "meetings": st.lists(meetings(), min_size=1, max_size=6),
    "documents": st.lists(documents(), min_size=1, max_size=6),
    "absences": st.lists(absences(), min_size=1, max_size=6),
}))  # fmt: skip
def test_durable_and_pingyin_agree_on_every_verdict(
    sections: dict[str, list[dict[str, Any]]], seven_rules: Checker, peer: Any
) -> None:
    case = _case(sections)
    ours = _ours(seven_rules, case)
    theirs = peer.run(bench.enrich(case))
    assert not _differences(theirs, ours)


def test_the_benchmark_workload_agrees(seven_rules: Checker, peer: Any) -> None:
    """The generated workload itself, every rule passing and failing on it."""
    case = json.loads(bench.case_text(3000, seed=3))
    ours = _ours(seven_rules, case)
    assert {(rule, status) for (rule, _), status in ours.items() if status in ("pass", "fail")} == {
        (rule, status) for rule in bench.PEER_RULES for status in ("pass", "fail")
    }
    assert not _differences(peer.run(bench.enrich(case)), ours)


def test_a_disagreement_is_seen(seven_rules: Checker, peer: Any) -> None:
    """The comparison can fail: durable told of five executive members instead of the
    roster's eight passes a meeting of five that pingyin-rules fails on Art. 51."""
    case = _case({"meetings": [{"kind": "executive", "title": "会议", "date": "2026-11-10",
                                "chair": "lm", "attendees": ["wjg", "lq", "zh", "ly", "dj"]}],
                  "documents": [], "absences": []})  # fmt: skip
    ours = _ours(seven_rules, case)
    events = bench.enrich(case)
    events["meetings"][0]["members"] = 5  # as if durable counted five members, not eight
    theirs = peer.run(events)
    assert _differences(theirs, ours) == [
        "art51.executive_quorum meeting:M0: durable pass, pingyin-rules fail"
    ]
