"""Lookups over one case file, built once per check so rules never scan the whole case."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Any

from ..records import SECTIONS, Absence, CaseFile, Department, Justification, Official


class CaseIndex:
    __slots__ = (
        "_absence_reach",
        "_absences",
        "_by_id",
        "_by_role",
        "_by_value",
        "_in_charge",
        "_justifications",
        "_memberships",
        "_ranked",
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
        self._memberships: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._by_value: dict[tuple[str, str], dict[Any, tuple[Any, ...]]] = {}
        self._ranked: dict[tuple[Any, ...], tuple[list[tuple[Any, str]], tuple[Any, ...]]] = {}

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

    def records_with(self, section: str, field: str, value: Any) -> tuple[Any, ...]:
        """The records of a section whose `field` equals `value`, in case-file order: one pass
        over the section per (section, field), then a dictionary lookup, so a rule that reads
        "this department's documents" for every department costs n, not n²."""
        groups = self._by_value.get((section, field))
        if groups is None:
            grouped: dict[Any, list[Any]] = defaultdict(list)
            for r in self.records(section):
                grouped[getattr(r, field)].append(r)
            groups = self._by_value[(section, field)] = {k: tuple(v) for k, v in grouped.items()}
        return groups.get(value, ())

    def ranked(
        self, section: str, match: tuple[tuple[str, Any], ...], date_field: str
    ) -> tuple[list[tuple[Any, str]], tuple[Any, ...]]:
        """The records of a section whose fields have the `match` values, sorted by (date, id),
        with their (date, id) keys for bisection: one lookup and one sort per group and check,
        so "the earlier ones of my group" is a bisection, not a scan."""
        key = (section, match, date_field)
        found = self._ranked.get(key)
        if found is None:
            (first, value), rest = match[0], match[1:]
            group = sorted(
                (r for r in self.records_with(section, first, value)
                 if all(getattr(r, f) == v for f, v in rest)),
                key=lambda r: (getattr(r, date_field), r.id),
            )  # fmt: skip
            found = self._ranked[key] = (
                [(getattr(r, date_field), r.id) for r in group],
                tuple(group),
            )
        return found

    def with_role(self, role: str) -> tuple[str, ...]:
        return self._by_role.get(role, ())

    def with_roles(self, roles: tuple[str, ...]) -> tuple[str, ...]:
        """The officials holding any of `roles`, in roster order (a membership: Arts. 50–52)."""
        found = self._memberships.get(roles)
        if found is None:  # once per list of roles and check, not once per meeting
            wanted = set(roles)
            found = tuple(oid for oid, o in self.officials.items() if o.role.value in wanted)
            self._memberships[roles] = found
        return found

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

    def absence_covering(self, official: str, day: dt.date) -> Absence | None:
        """The first absence (by start) of the official that covers `day`: two bisections.
        The running maximum of ends rises exactly at the absence that first reaches `day`."""
        entry = self._absence_reach.get(official)
        if entry is None:
            return None
        starts, reach = entry
        i = bisect_right(starts, day)
        if i == 0 or reach[i - 1] < day:
            return None
        return self._absences[official][bisect_left(reach, day)]

    def justification(self, rule: str, subject: str) -> Justification | None:
        return self._justifications.get((rule, subject))


class _Run:
    """A maximal run of days covered by a list of periods, with the periods that make it."""

    __slots__ = ("end", "members", "next", "start")

    def __init__(self, first: Any) -> None:
        self.start, self.end, self.members, self.next = first.start, first.end, [first], 0

    def covering(self, day: dt.date) -> Any:
        """A member covering `day`. Days are asked in increasing order, so members ending
        earlier are passed over for good: linear over all the asks."""
        while self.members[self.next].end < day:
            self.next += 1
        return self.members[self.next]


def _runs(periods: tuple[Any, ...]) -> list[_Run]:
    runs: list[_Run] = []
    for p in sorted(periods, key=lambda p: (p.start, p.end)):
        if runs and p.start <= runs[-1].end + dt.timedelta(days=1):
            runs[-1].members.append(p)
            runs[-1].end = max(runs[-1].end, p.end)
        else:
            runs.append(_Run(p))
    return runs


def overlapping(first: tuple[Any, ...], second: tuple[Any, ...]) -> tuple[dict[str, Any], ...]:
    """The stretches of days covered by both lists, each once, as maximal runs: the days the
    two are away together, each with one period of each list (`a`, `b`) covering its first
    day. Linear after the sort, and never more stretches than periods, however the periods
    overlap (listing every overlapping pair could be quadratic)."""
    a, b = _runs(first), _runs(second)
    found: list[dict[str, Any]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i].start, b[j].start), min(a[i].end, b[j].end)
        if start <= end:
            if found and start == found[-1]["to"] + dt.timedelta(days=1):
                found[-1]["to"] = end
            else:
                found.append(
                    {"a": a[i].covering(start).id, "b": b[j].covering(start).id,
                     "from": start, "to": end}
                )  # fmt: skip
        if a[i].end < b[j].end:
            i += 1
        else:
            j += 1
    return tuple(found)
