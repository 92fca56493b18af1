"""Check one record against a case bound once: the fast path of validation hooks (issue 9).

Binding checks the case once and notes, for every verdict, what it read of the case: which
sections it scanned, which groups it looked up (`records_with`), whose absences, which
justifications. Checking a record then judges the record itself and re-judges only the
verdicts whose reads the record touches, against an index of the case with the record added
that is laid over the bound one (no pass over the case). A record of the roster (an official,
a department) can change any verdict: it is checked against the whole case again."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Hashable, Iterator
from typing import Any

from ..records import SECTIONS, Absence, CaseFile, Department, Justification, Official, Record
from ..records.case import known_ids, record_reference_problems
from ..report import InputError, Report, Verdict
from .case_index import CaseIndex
from .checker import Checker, roster_of

Read = tuple[Hashable, ...]
_SECTION_OF = {model.record_type: section for section, model in SECTIONS.items()}
_ROSTER = (Official, Department)
# A full check takes sections in this order, each by record id; the roster and periods last.
_PLACES = {kind: i for i, kind in enumerate(_SECTION_OF)}


class _NotingIndex(CaseIndex):
    """A case index that notes what is read through it, for the verdict being judged."""

    __slots__ = ("reads",)

    def __init__(self, case: CaseFile) -> None:
        super().__init__(case)
        self.reads: set[Read] | None = None  # None once binding is done: nothing is noted

    def _note(self, read: Read) -> None:
        if self.reads is not None:
            self.reads.add(read)

    def records(self, section: str) -> tuple[Any, ...]:
        self._note(("records", section))
        return super().records(section)

    def records_with(self, section: str, field: str, value: Any) -> tuple[Any, ...]:
        self._note(("with", section, field, _key(value)))
        return super().records_with(section, field, value)

    def record(self, section: str, record_id: str) -> Any:
        self._note(("record", section, record_id))
        return super().record(section, record_id)

    def ranked(
        self, section: str, match: tuple[tuple[str, Any], ...], date_field: str
    ) -> tuple[list[tuple[Any, str]], tuple[Any, ...]]:
        self._note(("with", section, match[0][0], _key(match[0][1])))
        return super().ranked(section, match, date_field)

    def absences_of(self, official: str) -> tuple[Absence, ...]:
        self._note(("absences", official))
        return super().absences_of(official)

    def away_on(self, official: str, day: dt.date) -> bool:
        self._note(("absences", official))
        return super().away_on(official, day)

    def absence_covering(self, official: str, day: dt.date) -> Absence | None:
        self._note(("absences", official))
        return super().absence_covering(official, day)

    def justification(self, rule: str, subject: str) -> Justification | None:
        self._note(("justification", rule, subject))
        return super().justification(rule, subject)


class _WithRecord(CaseIndex):
    """The bound case's index with one record added (replacing the one with its id): the
    bound index's structures are shared, and only what the record touches is recomputed."""

    __slots__ = ("_base", "_old", "_record", "_section")

    def __init__(self, base: CaseIndex, record: Record, old: Record | None) -> None:
        # Share the base's lookups; no pass over the case (CaseIndex.__init__ is not called).
        for slot in CaseIndex.__slots__:
            object.__setattr__(self, slot, getattr(base, slot))
        self._base, self._record, self._old = base, record, old
        self._ranked = {}  # the base's sorted groups lack the record: this index sorts its own
        self._section = _SECTION_OF[record.record_type]

    def records(self, section: str) -> tuple[Any, ...]:
        found = self._base.records(section)
        if section != self._section:
            return found
        return (*(r for r in found if r.id != self._record.id), self._record)

    def records_with(self, section: str, field: str, value: Any) -> tuple[Any, ...]:
        found = self._base.records_with(section, field, value)
        if section != self._section:
            return found
        if self._old is not None and getattr(self._old, field) == value:
            found = tuple(r for r in found if r.id != self._record.id)
        if getattr(self._record, field) == value:
            found = (*found, self._record)
        return found

    def record(self, section: str, record_id: str) -> Any:
        if section == self._section and record_id == self._record.id:
            return self._record
        return self._base.record(section, record_id)

    def absences_of(self, official: str) -> tuple[Absence, ...]:
        found = self._base.absences_of(official)
        new, old = self._record, self._old
        touched = isinstance(new, Absence) and (
            new.official == official or (isinstance(old, Absence) and old.official == official)
        )
        if not touched:
            return found
        assert isinstance(new, Absence)
        kept = [a for a in found if a.id != new.id]
        if new.official == official:
            kept.append(new)
        return tuple(sorted(kept, key=lambda a: (a.start, a.end, a.id)))

    def absence_covering(self, official: str, day: dt.date) -> Absence | None:
        if isinstance(self._record, Absence):  # that official's few absences, with the record
            return next((a for a in self.absences_of(official) if a.start <= day <= a.end), None)
        return self._base.absence_covering(official, day)

    def away_on(self, official: str, day: dt.date) -> bool:
        if isinstance(self._record, Absence):
            return any(a.start <= day <= a.end for a in self.absences_of(official))
        return self._base.away_on(official, day)

    def justification(self, rule: str, subject: str) -> Justification | None:
        new, old = self._record, self._old
        if isinstance(new, Justification) and (new.rule, new.concerning) == (rule, subject):
            return new
        if isinstance(old, Justification) and (old.rule, old.concerning) == (rule, subject):
            return None  # replaced by a justification concerning something else
        return self._base.justification(rule, subject)


def _key(value: Any) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value  # type: ignore[no-any-return]


def _touched(record: Record, section: str) -> Iterator[Read]:
    """What a verdict must have read for this record's arrival to change it."""
    yield ("records", section)
    yield ("record", section, record.id)
    for field in type(record).model_fields:
        yield ("with", section, field, _key(getattr(record, field)))
    if isinstance(record, Absence):
        yield ("absences", record.official)
    if isinstance(record, Justification):
        yield ("justification", record.rule, record.concerning)


class BoundChecker:
    """A checker bound to a case (the roster, the open meetings and documents...) on one
    evaluation date: create it once, then `check(record)` each record as it comes. The case
    is checked once, here; each record then costs about the rules that read it. Immutable once
    built, so one bound checker serves many threads."""

    __slots__ = (
        "_base", "_index", "_known", "_order", "_period_reads", "_readers", "_records_end",
        "_rule_order", "_starts", "case", "checker", "on",
    )  # fmt: skip

    def __init__(self, case: CaseFile, checker: Checker, on: dt.date) -> None:
        self.case, self.checker, self.on = case, checker, on
        index = self._index = _NotingIndex(case)
        self._known = known_ids(case)
        # Every verdict of the bound case, what it read, and its place in a full check.
        self._base: dict[tuple[str, str], Verdict | None] = {}
        self._order: dict[tuple[str, str], int] = {}
        # What each verdict read, inverted: a new record finds the verdicts it may change by
        # what it touches, without going through every verdict of the case.
        self._readers: dict[Read, list[tuple[str, str]]] = {}
        for record in _records(case):
            for rule in checker.pack.rules_by_type.get(record.record_type, ()):
                index.reads = set()
                verdict, _ = checker.judge(rule, record, index, on)
                # A record that could not be judged is watched too: the record that
                # completes it (the meeting a decision names) brings its verdict.
                self._keep((rule.id, record.subject), verdict, frozenset(index.reads))
        index.reads = None
        # (place, record id, order of its first verdict), sorted: where a new record goes.
        self._starts: list[tuple[int, str, int]] = []
        for (_, subject), order in self._order.items():
            kind, _, record_id = subject.partition(":")
            if kind in _PLACES and (
                not self._starts or self._starts[-1][:2] != (_PLACES[kind], record_id)
            ):
                self._starts.append((_PLACES[kind], record_id, order))
        self._rule_order = {rule.id: i for i, rule in enumerate(checker.pack.rules)}
        # Where the roster's and the periods' verdicts begin: after every record's.
        self._records_end = next(
            (
                o
                for (_, subject), o in self._order.items()
                if subject.partition(":")[0] not in _PLACES
            ),
            len(self._order),
        )
        # A period rule is judged as a whole (its periods are built from a whole section):
        # what any of its periods read is what the rule read.
        self._period_reads: dict[str, frozenset[Read]] = {}
        for rule in checker.pack.rules_by_type.get("period", ()):
            index.reads = set()
            for verdict in checker.judge_periods(rule, case, index, on)[0]:
                self._keep((verdict.rule_id, verdict.subject), verdict, frozenset())
            self._period_reads[rule.id] = frozenset(index.reads)
        index.reads = None

    def _keep(self, key: tuple[str, str], verdict: Verdict | None, reads: frozenset[Read]) -> None:
        self._base[key], self._order[key] = verdict, len(self._order)
        for read in reads:
            self._readers.setdefault(read, []).append(key)

    def check(self, record: Record, *, explain: bool = False) -> Report:
        """The verdicts about `record` added to the bound case (replacing the record of that
        kind and id), and those about other records that it changes; its input errors.
        `explain` adds to each verdict the reasoning behind it, as `Checker.check` does."""
        errors = [
            InputError(None, p.subject, p.field, p.reason)
            for p in record_reference_problems(record, self._known)
        ]
        if isinstance(record, _ROSTER):
            return self._check_whole(record, errors, explain)
        section = _SECTION_OF[record.record_type]
        old = self._index.record(section, record.id)
        index = _WithRecord(self._index, record, old)
        touched = set(_touched(record, section))
        if old is not None:
            touched.update(_touched(old, section))
        verdicts: list[Verdict] = []
        for rule in self.checker.pack.rules_by_type.get(record.record_type, ()):
            verdict, error = self.checker.judge(rule, record, index, self.on, explain=explain)
            verdicts.extend([verdict] if verdict is not None else [])
            errors.extend([error] if error is not None else [])
        affected = {key for read in touched for key in self._readers.get(read, ())}
        # In a full check's order, so that the verdicts come out as they always did.
        for key in sorted(affected, key=self._order.__getitem__):
            if key[1] == record.subject:
                continue
            other = self._subject_record(key[1])
            if other is not None:
                verdict, _ = self.checker.judge(
                    self.checker.pack.rule(key[0]), other, index, self.on, explain=explain
                )
                if verdict is not None and _changed(self._base[key], verdict):
                    verdicts.append(verdict)
        for rule in self.checker.pack.rules_by_type.get("period", ()):
            if self._period_reads.get(rule.id, frozenset()) & touched:
                periods = self.checker.judge_periods(
                    rule, self.case, index, self.on, explain=explain
                )
                for verdict in periods[0]:
                    key = (verdict.rule_id, verdict.subject)
                    if key not in self._base or _changed(self._base[key], verdict):
                        verdicts.append(verdict)
        verdicts.sort(key=self._position)
        return Report(tuple(verdicts), tuple(errors))

    def _check_whole(self, record: Record, errors: list[InputError], explain: bool) -> Report:
        full = self.checker.check(_with(self.case, record), on=self.on, explain=explain)
        changed = tuple(
            v for v in full.verdicts
            if v.subject == record.subject
            or (v.rule_id, v.subject) not in self._base
            or _changed(self._base[(v.rule_id, v.subject)], v)
        )  # fmt: skip
        errors.extend(e for e in full.errors if e.record == record.subject)
        return Report(changed, tuple(errors))

    def _subject_record(self, subject: str) -> Record | None:
        if subject == "roster":
            return roster_of(self.case)
        kind, _, record_id = subject.partition(":")
        section = _SECTION_OF.get(kind)
        found: Record | None = self._index.record(section, record_id) if section else None
        return found

    def _position(self, verdict: Verdict) -> tuple[float, int]:
        """Where a full check puts the verdict: the bound case's verdicts keep their places; a
        new record's go where its section and id fall among the bound records', rule by rule."""
        key = (verdict.rule_id, verdict.subject)
        if key in self._order:
            return (self._order[key], 0)
        kind, _, record_id = verdict.subject.partition(":")
        i = bisect_left(self._starts, (_PLACES.get(kind, len(_PLACES)), record_id, -1))
        place = self._starts[i][2] if i < len(self._starts) else self._records_end
        return (place - 0.5, self._rule_order[verdict.rule_id])


def _records(case: CaseFile) -> Iterator[Record]:
    """The case's records in the order a full check judges them."""
    for section in SECTIONS:
        yield from sorted(getattr(case, section), key=lambda r: r.id)
    roster = roster_of(case)
    if roster is not None:
        yield roster


def _with(case: CaseFile, record: Record) -> CaseFile:
    """The case file with `record` added, replacing a record of the same kind and id."""
    section = _SECTION_OF[record.record_type]
    kept = tuple(r for r in getattr(case, section) if r.id != record.id)
    return case.model_copy(update={section: (*kept, record)})


def _changed(before: Verdict | None, after: Verdict) -> bool:
    return before is None or (before.status, before.message) != (after.status, after.message)
