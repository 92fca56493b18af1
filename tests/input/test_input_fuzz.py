"""Whatever bytes a case file holds, reading and checking it ends in a report that can be
written: input errors for what cannot be read, never an exception."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from input_helpers import ROSTER, Run

from pingyin_rules.api import check_loaded, default_checker
from pingyin_rules.case_files import read_case_file

ON = dt.date(2026, 11, 24)
FIXTURE = [HealthCheck.function_scoped_fixture]  # tmp_path is reused: each example rewrites it
FIELDS = ["id", "kind", "title", "date", "role", "name", "issuer", "on", "start", "end",
          "attendees", "chair", "pre_issue_reports", "signer", "period", "1"]  # fmt: skip
SECTIONS = ["officials", "meetings", "documents", "absences", "period", "case", "meetingz"]
ODD_TEXT = st.sampled_from(
    ["县长", "常务会议", "2026/11/10", "2026年11月10日", "2026-02-30", "\ufeff", "\x00", "\ud800",
     "lm", "", " ", "0001-01-01", "9999-12-31", "true", "on", "~", "[", "{a: 1}", "é"]
) | st.text(max_size=6)  # fmt: skip
SCALARS = ODD_TEXT | st.integers(-5, 10**6) | st.booleans() | st.none() | st.floats(-1e3, 1e3)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(FIELDS) | st.integers(0, 3), inner, max_size=4)
    ),
    max_leaves=12,
)
RECORDS = st.dictionaries(st.sampled_from(FIELDS) | st.integers(0, 3), VALUES, max_size=6)
CASES = st.dictionaries(
    st.sampled_from(SECTIONS), st.lists(RECORDS, max_size=3) | VALUES, max_size=4
)


def _read_and_check(path: Path) -> None:
    loaded = read_case_file(str(path))
    report = check_loaded(default_checker(), loaded, on=ON, source=str(path))
    if loaded.case is None:
        assert loaded.errors
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def _dump(case: dict[str, Any], as_json: bool) -> bytes:
    if as_json:
        return json.dumps(case, ensure_ascii=False).encode("utf-8", "surrogatepass")
    text = yaml.safe_dump(case, allow_unicode=True)
    return text.encode("utf-8", "surrogatepass")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=CASES, as_json=st.booleans())
def test_any_case_shaped_file_gives_a_writable_report(
    tmp_path: Path, case: dict[str, Any], as_json: bool
) -> None:
    path = tmp_path / ("case.json" if as_json else "case.yaml")
    try:
        path.write_bytes(_dump(case, as_json))
    except (yaml.YAMLError, ValueError):
        return  # not expressible in the format; nothing to read
    _read_and_check(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=200), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_bytes_give_a_writable_report(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"case{suffix}"
    path.write_bytes(content)
    _read_and_check(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damage=st.binary(min_size=1, max_size=8), at=st.integers(0, len(ROSTER.encode()) - 1))
def test_damaged_bytes_in_a_valid_file_give_a_writable_report(
    tmp_path: Path, damage: bytes, at: int
) -> None:
    data = ROSTER.encode("utf-8")
    path = tmp_path / "case.yaml"
    path.write_bytes(data[:at] + damage + data[at:])
    _read_and_check(path)


def test_through_the_command_the_exit_status_is_0_1_or_2(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    samples = [b"", b"\xff\xfe\x00", b"officials: [", ROSTER.encode(), b"- a\n- b\n",
               "officials:\n  - {id: lm, name: 李, role: 县长, 1: x}\n".encode()]  # fmt: skip
    for n, content in enumerate(samples):
        run = cli(case_file(content, f"case{n}.yaml"))
        assert run.code in (0, 1, 2)
        assert (run.code == 2) == bool(run.errors)
