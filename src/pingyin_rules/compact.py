"""Validated records held compactly, for case files of a million records.

A validated pydantic record carries, besides its values, its own set of the fields given
(about 700 bytes, for the record and for every nested model such as an approval step), and
its own copy of every date and every short text (an official's id, a department's id), as
parsed from its line. `Compactor` makes equal values one object: records with the same
fields given share one set, each day is one `date`, each short text one `str`. Values are
only replaced by equal values of the same type, so no rule can tell the difference; it
roughly halves what an absence or an assignment costs to hold (measured in
`benchmarks/bench_stream.py`).

The shared fields-set is never mutated: records are frozen (pydantic refuses assignment
before touching it), and `model_copy` copies the set before updating it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

# Texts at most this long are shared: ids and codes, which records repeat; longer free text
# (titles, bodies) is mostly unique and would only fill the table.
SHORT_TEXT = 24
# The table of shared texts stops growing here, so unique short texts (a file of a million
# records with distinct short titles) cannot make it grow with the file.
MAX_SHARED_TEXTS = 200_000

_set_attribute = object.__setattr__


_SKIP, _TEXT, _DAY, _ITEMS, _MODEL = range(5)


def _kind(value_type: type) -> int:
    if value_type is str:
        return _TEXT
    if value_type is dt.date:
        return _DAY
    if value_type is tuple:
        return _ITEMS
    if issubclass(value_type, BaseModel):
        return _MODEL
    return _SKIP  # None, numbers, booleans, enums (singletons), subclasses of str or date


class Compactor:
    """Shares equal values between the records of one read. Not thread-safe: one per read."""

    __slots__ = ("_dates", "_field_sets", "_kinds", "_texts")

    def __init__(self) -> None:
        self._field_sets: dict[frozenset[str], set[str]] = {}
        self._texts: dict[str, str] = {}
        self._dates: dict[dt.date, dt.date] = {}
        # value type -> what to do with it: one lookup per value instead of a chain of
        # isinstance checks (BaseModel's is an ABC's, slow for the values that are not)
        self._kinds: dict[type, int] = {}

    def record(self, record: BaseModel) -> None:
        """Share `record`'s values (its own id, unique by definition, is left alone)."""
        self._model(record, skip="id")

    def _model(self, model: BaseModel, skip: str | None = None) -> None:
        key = frozenset(model.__pydantic_fields_set__)
        shared = self._field_sets.get(key)
        if shared is None:
            shared = self._field_sets[key] = set(key)
        _set_attribute(model, "__pydantic_fields_set__", shared)
        values = model.__dict__
        kinds = self._kinds
        for name, value in values.items():
            kind = kinds.get(type(value))
            if kind is None:
                kind = kinds[type(value)] = _kind(type(value))
            if kind == _SKIP:
                continue
            if kind == _TEXT:
                if len(value) <= SHORT_TEXT and name != skip:
                    same = self._text(value)
                    if same is not value:
                        values[name] = same
            elif kind == _DAY:
                same_day = self._dates.setdefault(value, value)
                if same_day is not value:
                    values[name] = same_day
            elif kind == _ITEMS:
                if value:
                    items = self._items(value)
                    if items is not value:
                        values[name] = items
            else:
                self._model(value)

    def _items(self, items: tuple[Any, ...]) -> tuple[Any, ...]:
        changed: list[Any] | None = None
        kinds = self._kinds
        for i, item in enumerate(items):
            kind = kinds.get(type(item))
            if kind is None:
                kind = kinds[type(item)] = _kind(type(item))
            if kind == _TEXT:
                if len(item) <= SHORT_TEXT:
                    same = self._text(item)
                    if same is not item:
                        changed = changed or list(items)
                        changed[i] = same
            elif kind == _DAY:
                same_day = self._dates.setdefault(item, item)
                if same_day is not item:
                    changed = changed or list(items)
                    changed[i] = same_day
            elif kind == _MODEL:
                self._model(item)
        return items if changed is None else tuple(changed)

    def _text(self, text: str) -> str:
        texts = self._texts
        same = texts.get(text)
        if same is None:
            if len(texts) < MAX_SHARED_TEXTS:
                texts[text] = text
            return text
        return same
