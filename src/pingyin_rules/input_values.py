"""Values as clerks write them, read as the record models expect them.

Accepted, and normalized before the record is validated (documented in the README, "Case
files"):

- dates as `2026-12-10` (ISO), `2026/12/10`, `2026.12.10`, `2026-1-5` (without leading
  zeros) and `2026年12月10日` (or `…10号`), full-width digits included. Any other form is
  refused with the expected one (`input_errors`). A date that does not exist (2026-02-30)
  is refused whatever its form.
- a code written as its Chinese name in the pack (`role: 县长` → `county_head`), or loosely
  spelt (`Executive`, `county head`): see `aliases.ValueAliases`.

Repairs are driven by the validation errors: a record that validates costs nothing more,
and only a value the model refused is looked at, where the model says a date or a code was
expected; free text is never rewritten. The caller's data is not modified: the path to a
repaired value is copied.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .aliases import ValueAliases, bundled_aliases
from .pack.yaml_source import LineDict

_DATE = re.compile(
    r"([0-9]{4})\s*(?:([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})"
    r"|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?)"
)
_EXPECTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_ROUNDS = 3  # a repair can let a validator that was skipped run; one more round then


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date in an accepted form, possible or not."""
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    month, day = (match[3], match[4]) if match[2] else (match[5], match[6])
    return int(match[1]), int(month), int(day)


def normalize_date(text: str) -> str | None:
    """The ISO form of a date written in an accepted form, or None."""
    parts = date_parts(text)
    if parts is None:
        return None
    try:
        return dt.date(*parts).isoformat()
    except ValueError:  # 2026-02-30: reported as a day that does not exist
        return None


def expected_values(err: ErrorDetails) -> tuple[str, ...]:
    """The codes an enum or literal error lists as allowed ("'a', 'b' or 'c'")."""
    ctx = err.get("ctx") or {}
    expected = ctx.get("expected")
    return tuple(_EXPECTED.findall(expected)) if isinstance(expected, str) else ()


def _replaced(node: Any, loc: Sequence[int | str], value: Any) -> Any:
    """`node` with the value at `loc` replaced; containers on the path are copied (a
    LineDict keeps its lines). KeyError when `loc` does not lead into `node`."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(node, Mapping) and head in node:
        copy: dict[Any, Any]
        if isinstance(node, LineDict):
            lined = LineDict(node, line=node.line)
            lined.key_lines, lined.marks = node.key_lines, node.marks
            copy = cast("dict[Any, Any]", lined)
        else:
            copy = dict(node)
        copy[head] = _replaced(node[head], rest, value)
        return copy
    if isinstance(node, list | tuple) and isinstance(head, int) and 0 <= head < len(node):
        items = list(node)
        items[head] = _replaced(node[head], rest, value)
        return items
    raise KeyError(head)


def _repairs(
    errors: list[ErrorDetails], aliases: ValueAliases | None
) -> dict[tuple[Any, ...], str]:
    fixes: dict[tuple[Any, ...], str] = {}
    for err in errors:
        written = err.get("input")
        if not isinstance(written, str):
            continue
        kind = err["type"]
        fixed: str | None = None
        if kind.startswith("date"):
            fixed = normalize_date(written)
        elif kind in ("enum", "literal_error") and (allowed := expected_values(err)):
            fixed = (aliases or bundled_aliases()).code_for(written, allowed)
        if fixed is not None and fixed != written:
            fixes[tuple(err["loc"])] = fixed
    return fixes


def validate_repaired(
    model: type[BaseModel], item: Any, aliases: ValueAliases | None = None
) -> tuple[BaseModel | None, list[ErrorDetails], Any]:
    """(record, [], item as validated), or (None, errors, item as last validated). Values in
    an accepted spelling are normalized and the record validated again."""
    try:
        return model.model_validate(item), [], item
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for _ in range(_ROUNDS):
        fixes = _repairs(errors, aliases)
        if not fixes:
            break
        patched = item
        try:
            for loc, value in fixes.items():
                patched = _replaced(patched, loc, value)
        except KeyError:  # a location through a union member's tag: leave the value
            break
        item = patched
        try:
            return model.model_validate(item), [], item
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, errors, item
