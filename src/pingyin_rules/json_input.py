"""JSON as case files and requests are read: a key given twice is an error, where Python's
`json` would silently keep the last (a record's `signed_by` written twice must not pass)."""

from __future__ import annotations

import json
from typing import Any


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
decode_json = json.JSONDecoder(object_pairs_hook=no_duplicate_keys).decode
