"""A pack's own functions (`definitions:` in pack.yaml): checked once where they are written,
inlined where they are called, and blind to the caller's records and lets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pingyin_rules.pack.loader import PackError, load_pack


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_bundled_pack_defines_acts_as() -> None:
    rule = load_pack().rule("art73.travel_approval_chain")
    # Inlined: the compiled rule calls registered functions, not the definition by name.
    ops = {node.op for node in rule.lets["_before"].walk()}
    assert "acts_as" not in ops and {"absent_on", "in_charge_of"} <= ops


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("if role == 'county_head' else", "if rol == 'county_head' else", "unknown name 'rol'"),
        ("role_of(person) == role\n", "role_of(person) == role + kind\n", "unknown name 'kind'"),
        ("role_of(person) == role\n", "role_of(person) == record\n", "unknown name 'record'"),
    ],
)
def test_a_broken_definition_is_refused_where_it_is_written(
    edit_file: Any, pack_copy: Path, old: str, new: str, reason: str
) -> None:
    path = pack_copy / "pack.yaml"
    edit_file(path, old, new)
    with pytest.raises(PackError) as info:
        load_pack(pack_copy)
    problem = info.value.problems[0]
    assert problem.file == str(path) and reason in problem.reason
    assert problem.reason.startswith("definition acts_as")
    assert problem.line == _line_of(path, new.strip().split("\n")[0][:20])


def test_a_call_with_the_wrong_arity_is_refused_at_the_call(
    edit_file: Any, pack_copy: Path
) -> None:
    path = pack_copy / "ch11" / "art73.yaml"
    edit_file(path, "acts_as(step.official, step.authority, step.on, _department)",
              "acts_as(step.official, step.authority, step.on)")  # fmt: skip
    with pytest.raises(PackError, match=r"acts_as\(person, role, day, department\) takes 4"):
        load_pack(pack_copy)
