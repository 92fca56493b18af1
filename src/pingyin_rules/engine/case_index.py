"""Lookups over one case file's roster and absences, built once per check."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict

from ..records import CaseFile, Official


class CaseIndex:
    __slots__ = ("_absences", "_by_role", "_in_charge", "officials")

    def __init__(self, case: CaseFile) -> None:
        self.officials: dict[str, Official] = {o.id: o for o in case.officials}
        by_role: dict[str, list[str]] = defaultdict(list)
        in_charge: dict[str, list[str]] = defaultdict(list)
        for official in case.officials:
            by_role[official.role.value].append(official.id)
            for dep in official.portfolio:
                in_charge[dep].append(official.id)
        self._by_role = {k: tuple(v) for k, v in by_role.items()}
        self._in_charge = {k: tuple(v) for k, v in in_charge.items()}
        spans: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for absence in case.absences:
            spans[absence.official].append((absence.start, absence.end))
        # Per official: starts sorted, and the running maximum of ends, so "away on a day"
        # is one bisect even when intervals overlap.
        self._absences: dict[str, tuple[list[dt.date], list[dt.date]]] = {}
        for oid, intervals in spans.items():
            intervals.sort()
            starts = [s for s, _ in intervals]
            reach: list[dt.date] = []
            for _, end in intervals:
                reach.append(max(end, reach[-1]) if reach else end)
            self._absences[oid] = (starts, reach)

    def with_role(self, role: str) -> tuple[str, ...]:
        return self._by_role.get(role, ())

    def in_charge_of(self, department: str) -> tuple[str, ...]:
        return self._in_charge.get(department, ())

    def away_on(self, official: str, day: dt.date) -> bool:
        entry = self._absences.get(official)
        if entry is None:
            return False
        starts, reach = entry
        i = bisect_right(starts, day)
        return i > 0 and reach[i - 1] >= day
