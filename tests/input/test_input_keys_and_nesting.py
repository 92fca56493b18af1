"""Keys that are not text, and nesting too deep to read, are located errors, never an
"internal error" or a RecursionError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from input_helpers import ON, ROSTER, Run, line_of

from pingyin_rules.calendar import CalendarFileError, load_calendar_files
from pingyin_rules.case_files import build_case
from pingyin_rules.cli import main
from pingyin_rules.input_limits import MAX_NESTING

MEETING = "  - {id: M1, kind: special_topic, title: 专题会议, date: 2026-11-10}\n"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ("  - {id: M2, kind: special_topic, title: x, date: 2026-11-11, 1: x}\n", "1"),
        ("  - {id: M2, kind: special_topic, title: x, date: 2026-11-11, true: x}\n", "true"),
        ("  - {id: M2, kind: special_topic, title: x, date: 2026-11-11, ~: x}\n", "null"),
        ("  - {id: M2, kind: special_topic, title: x, date: 2026-11-11, ? [a, b] : x}\n",
         '["a", "b"]'),
        ("  - {id: M2, kind: special_topic, title: x, date: 2026-11-11, ? {a: 1} : x}\n",
         '{"a": 1}'),
    ],
)  # fmt: skip
def test_a_key_that_is_not_text_is_reported_at_its_line(
    cli: Callable[..., Run], case_file: Callable[..., str], record: str, field: str
) -> None:
    text = ROSTER + "meetings:\n" + MEETING + record
    run = cli(case_file(text))
    assert run.code == 2
    (error,) = run.errors
    line = line_of(text, "M2")
    assert (error["record"], error["field"]) == ("meeting:M2", field)
    assert error["reason"].startswith(f"第{line}行：") and f"line {line}: " in error["reason"]
    assert "must be text" in error["reason"]
    assert run.verdicts_for("meeting:M1")  # the other records are still judged


def test_a_top_level_key_that_is_not_text_is_reported_with_its_own_line(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = ROSTER + "2026: x\n? [a, b]\n: y\nmeetings:\n" + MEETING
    run = cli(case_file(text))
    assert run.code == 2
    found = {e["field"]: e["reason"] for e in run.errors}
    assert found.keys() == {"2026", '["a", "b"]'}
    assert found["2026"].startswith(f"第{line_of(text, '2026: x')}行")
    assert found['["a", "b"]'].startswith(f"第{line_of(text, '? [a, b]')}行")
    assert run.verdicts_for("meeting:M1")


def test_a_key_in_a_nested_record_is_reported_with_its_path(
    cli: Callable[..., Run], case_file: Callable[..., str]
) -> None:
    text = (
        ROSTER + "documents:\n  - id: D1\n    title: 通知\n    issuer: department\n"
        "    kind: formal\n    department: czj\n    pre_issue_reports:\n"
        "      - {to: lm, on: 2026-11-17}\n      - {to: lm, on: 2026-11-18, 3: x}\n"
    )
    (error,) = cli(case_file(text)).errors
    assert error["field"] == "pre_issue_reports.1.3"
    assert error["reason"].startswith(f"第{line_of(text, '3: x')}行")


@st.composite
def _mappings(draw: st.DrawFn) -> dict[object, object]:
    keys = st.one_of(
        st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
    )
    values = st.recursive(
        st.one_of(st.text(max_size=5), st.integers(), st.none()),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=8,
    )
    record = draw(st.dictionaries(keys, values, max_size=4))
    return {**draw(st.dictionaries(keys, values, max_size=3)), "meetings": [record]}


@settings(max_examples=60, deadline=None)
@given(data=_mappings())
def test_any_keys_and_values_give_errors_never_exceptions(data: dict[object, object]) -> None:
    loaded = build_case(data, "fuzz.yaml")
    for error in loaded.errors:
        for part in (error.record, error.field, error.reason):
            assert part is None or isinstance(part, str)
            (part or "").encode("utf-8")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("flow.yaml", "officials: " + "[" * 300 + "]" * 300 + "\n"),
        ("block.yaml", "officials:\n" + "".join("  " * i + "a:\n" for i in range(1, 200))),
        ("recursive.yaml", "officials: &a [*a]\n"),
        ("deep.json", '{"officials": ' + "[" * 5000 + "]" * 5000 + "}"),
    ],
)
def test_nesting_too_deep_is_a_located_error(
    cli: Callable[..., Run], case_file: Callable[..., str], name: str, text: str
) -> None:
    run = cli(case_file(text, name))
    assert run.code == 2
    (error,) = run.errors
    reason = error["reason"]
    assert f"nested more than {MAX_NESTING} levels deep" in reason
    if name == "block.yaml":
        assert reason.startswith(f"第{MAX_NESTING + 1}行")
    else:
        assert reason.startswith("第1行")


@pytest.mark.parametrize("depth", [300, 5000])
def test_a_deeply_nested_calendar_file_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "2027.yaml"
    path.write_text(
        "year: 2027\nsource: 通知\nholidays: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    with pytest.raises(CalendarFileError) as info:
        load_calendar_files([path])
    assert info.value.line == 3 and "nest" in info.value.reason
    assert main(["calendar", "add", ON, "3", "--calendar", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3" in err and "internal error" not in err


@pytest.mark.parametrize(
    "content",
    [b"year: 2027\nsource: \xb9\xfa\xce\xf1\xd4\xba\nholidays: []\n", b"\xff\xfey\x00"],
    ids=["gbk", "utf-16"],
)
def test_a_calendar_file_not_in_utf8_is_refused_by_name(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "2027.yaml"
    path.write_bytes(content)
    with pytest.raises(CalendarFileError, match="not UTF-8"):
        load_calendar_files([path])


def test_a_calendar_fifo_is_refused_without_waiting(
    cli_process: Callable[..., Run], tmp_path: Path
) -> None:
    fifo = tmp_path / "2027.yaml"
    pytest.importorskip("os").mkfifo(fifo)
    run = cli_process("calendar", "add", ON, "3", "--calendar", str(fifo), timeout=60)
    assert run.code == 2 and "not a regular file" in run.err
