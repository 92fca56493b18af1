"""JSON as case files and requests are read: a key given twice is an error, where Python's
`json` would silently keep the last (a record's `signed_by` written twice must not pass)."""

from __future__ import annotations

import json
from typing import Any


class TooLongNumber:
    """A whole number written with more digits than Python reads (4,300 by default): kept
    as its text, so that the field holding it is the input error (no record model takes it),
    not the whole file, and no ValueError escapes the reader."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"{self.text[:12]}…（{len(self.text)}位数字 / {len(self.text)} digits）"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TooLongNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def whole_number(text: str) -> int | TooLongNumber:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return TooLongNumber(text)


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find which key came twice
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


# One decoder for every call (json.loads with a hook builds a decoder each time). Raises
# json.JSONDecodeError, DuplicateKey, or RecursionError for nesting deeper than Python reads.
decode_json = json.JSONDecoder(object_pairs_hook=no_duplicate_keys, parse_int=whole_number).decode
