"""Lookups over one case file, built once per check so rules never scan the whole case."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from typing import Any

from ..records import SECTIONS, Absence, CaseFile, Department, Justification, Official


class CaseIndex:
    __slots__ = (
        "_absence_reach",
        "_absences",
        "_by_id",
        "_by_role",
        "_in_charge",
        "_justifications",
        "case",
        "departments",
        "officials",
    )

    def __init__(self, case: CaseFile) -> None:
        self.case = case
        self.officials: dict[str, Official] = {o.id: o for o in case.officials}
        self.departments: dict[str, Department] = {d.id: d for d in case.departments}
        by_role: dict[str, list[str]] = defaultdict(list)
        in_charge: dict[str, list[str]] = defaultdict(list)
        for official in case.officials:
            by_role[official.role.value].append(official.id)
            for dep in official.portfolio:
                in_charge[dep].append(official.id)
        self._by_role = {k: tuple(v) for k, v in by_role.items()}
        self._in_charge = {k: tuple(v) for k, v in in_charge.items()}

        absences: dict[str, list[Absence]] = defaultdict(list)
        for absence in case.absences:
            absences[absence.official].append(absence)
        self._absences: dict[str, tuple[Absence, ...]] = {}
        # Per official: starts, and the running maximum of ends, so "away on a day" is one
        # bisect even when that official's absences overlap each other.
        self._absence_reach: dict[str, tuple[list[dt.date], list[dt.date]]] = {}
        for oid, items in absences.items():
            items.sort(key=lambda a: (a.start, a.end, a.id))
            self._absences[oid] = tuple(items)
            reach: list[dt.date] = []
            for a in items:
                reach.append(max(a.end, reach[-1]) if reach else a.end)
            self._absence_reach[oid] = ([a.start for a in items], reach)
        self._justifications = {(j.rule, j.concerning): j for j in case.justifications}
        self._by_id: dict[str, dict[str, Any]] = {}  # per section, built on first lookup

    def records(self, section: str) -> tuple[Any, ...]:
        if section not in SECTIONS:
            raise KeyError(section)
        return getattr(self.case, section)

    def record(self, section: str, record_id: str) -> Any:
        """The record of a section with this id, or None; each section indexed once."""
        ids = self._by_id.get(section)
        if ids is None:
            ids = self._by_id[section] = {r.id: r for r in self.records(section)}
        return ids.get(record_id)

    def with_role(self, role: str) -> tuple[str, ...]:
        return self._by_role.get(role, ())

    def in_charge_of(self, department: str) -> tuple[str, ...]:
        return self._in_charge.get(department, ())

    def absences_of(self, official: str) -> tuple[Absence, ...]:
        """That official's leave and travel, sorted by start."""
        return self._absences.get(official, ())

    def away_on(self, official: str, day: dt.date) -> bool:
        entry = self._absence_reach.get(official)
        if entry is None:
            return False
        starts, reach = entry
        i = bisect_right(starts, day)
        return i > 0 and reach[i - 1] >= day

    def justification(self, rule: str, subject: str) -> Justification | None:
        return self._justifications.get((rule, subject))


def overlapping(first: tuple[Any, ...], second: tuple[Any, ...]) -> tuple[dict[str, Any], ...]:
    """Every pair (one from each list, both sorted by start) whose [start, end] intersect, with
    the shared dates. One sweep over both lists: n log n for the sort that made them, plus the
    overlaps found."""
    events = sorted(
        [(a.start, 0, i) for i, a in enumerate(first)]
        + [(b.start, 1, j) for j, b in enumerate(second)]
    )
    active: tuple[list[Any], list[Any]] = ([], [])
    found = []
    for start, side, k in events:
        item = (first, second)[side][k]
        other = active[1 - side]
        other[:] = [o for o in other if o.end >= start]
        for o in other:
            a, b = (item, o) if side == 0 else (o, item)
            found.append(
                {"a": a.id, "b": b.id, "from": max(a.start, b.start), "to": min(a.end, b.end)}
            )
        active[side].append(item)
    found.sort(key=lambda f: (f["from"], f["a"], f["b"]))
    return tuple(found)
