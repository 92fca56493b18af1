"""A case file: the roster and any records, checked together."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .absences import Absence
from .agenda import AgendaItem
from .assignments import Assignment
from .base import Items, Record, invalid
from .bodies import CoordinatingBody
from .decisions import Decision
from .documents import Document
from .meetings import Meeting
from .officials import Department, Official
from .periods import CasePeriod, Justification
from .submissions import Submission
from .visits import Visit

# Section name in a case file -> record model. Order is the order verdicts come in.
SECTIONS: dict[str, type[Record]] = {
    "officials": Official,
    "departments": Department,
    "coordinating_bodies": CoordinatingBody,
    "meetings": Meeting,
    "documents": Document,
    "absences": Absence,
    "assignments": Assignment,
    "decisions": Decision,
    "agenda_items": AgendaItem,
    "submissions": Submission,
    "visits": Visit,
    "justifications": Justification,
}


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """An id a record gives that the case does not have: the reason in Chinese and English."""

    subject: str
    field: str
    zh: str
    en: str

    @property
    def reason(self) -> str:
        """Both languages, Chinese first, as every input error reads (`中文 / English`)."""
        return f"{self.zh} / {self.en}"


class CaseFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    case: str | None = Field(default=None, description="Name of the case file")
    period: CasePeriod | None = Field(
        default=None, description="Dates the file covers; needed for recurring duties"
    )
    officials: Items[Official] = ()
    departments: Items[Department] = ()
    coordinating_bodies: Items[CoordinatingBody] = ()
    meetings: Items[Meeting] = ()
    documents: Items[Document] = ()
    absences: Items[Absence] = ()
    assignments: Items[Assignment] = ()
    decisions: Items[Decision] = ()
    agenda_items: Items[AgendaItem] = ()
    submissions: Items[Submission] = ()
    visits: Items[Visit] = ()
    justifications: Items[Justification] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> CaseFile:
        problems = list(self.reference_problems())
        if problems:
            raise invalid(
                "；".join(f"{p.subject}.{p.field}：{p.zh}" for p in problems),
                "; ".join(f"{p.subject}.{p.field}: {p.en}" for p in problems),
            )
        return self

    def records(self) -> Iterator[Record]:
        for section in SECTIONS:
            yield from getattr(self, section)

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        known = known_ids(self)
        for section in SECTIONS:
            ids: set[str] = set()
            for record in getattr(self, section):
                if record.id in ids:
                    yield ReferenceProblem(
                        record.subject,
                        "id",
                        f"id {record.id!r} 重复",
                        f"duplicate id {record.id!r}",
                    )
                ids.add(record.id)
                yield from record_reference_problems(record, known)


def known_ids(case: CaseFile) -> dict[str, frozenset[str]]:
    """The ids of each section of a case, for `record_reference_problems`."""
    return {section: frozenset(r.id for r in getattr(case, section)) for section in SECTIONS}


# What each section is called in an error, in Chinese: an id not found is "not in" it.
SECTION_ZH = {
    "officials": "人员名册",
    "departments": "部门名单",
    "coordinating_bodies": "议事协调机构名单",
    "meetings": "会议记录",
    "documents": "公文记录",
    "absences": "请假外出记录",
    "assignments": "交办事项记录",
    "decisions": "决策事项记录",
    "agenda_items": "议题记录",
    "submissions": "来文记录",
    "visits": "考察接待记录",
    "justifications": "理由说明记录",
}


# What one record of each section is, in Chinese: "the official “zl”", not "the roster".
KIND_ZH = {
    "officials": "人员", "departments": "部门", "coordinating_bodies": "议事协调机构",
    "meetings": "会议", "documents": "公文", "absences": "请假外出", "assignments": "交办事项",
    "decisions": "决策事项", "agenda_items": "议题", "submissions": "来文",
    "visits": "考察接待", "justifications": "理由说明",
}  # fmt: skip


def record_reference_problems(
    record: Record, known: Mapping[str, Collection[str]]
) -> Iterator[ReferenceProblem]:
    """Problems with the ids one record refers to. Officials must always be on the roster;
    other sections are checked only when the case lists some: a meeting-only case file need
    not carry the whole organisation chart."""
    for field, section, ref in record.references():
        ids = known.get(section, ())
        if ref in ids or (section != "officials" and not ids):
            continue
        zh = f"{ref!r} 不在{SECTION_ZH.get(section, '')}（{section}）中"
        if section == "officials":
            en = f"{ref!r} is not on the roster"
        else:
            en = f"unknown {SECTIONS[section].record_type} {ref!r}"
        yield ReferenceProblem(record.subject, field, zh, en)


def left_out_problems(
    record: Record, left_out: Mapping[str, Collection[str]]
) -> Iterator[ReferenceProblem]:
    """A record naming records that were left out for their own input errors: without them it
    cannot be judged (an agenda item without its meeting), so it is left out too."""
    for field, section, ref in record.references():
        if ref in left_out.get(section, ()):
            kind = SECTIONS[section].record_type
            yield ReferenceProblem(
                record.subject,
                field,
                f"所指的{KIND_ZH.get(section, section)}“{ref}”的记录有误、未检查，本条也不检查",
                f"the {kind} {ref!r} it names has input errors and was not checked; "
                "nor is this record",
            )


def without_dependents(
    sections: dict[str, list[Record]], left_out: dict[str, set[str]]
) -> Iterator[ReferenceProblem]:
    """Leave out of `sections` (in place) every record naming a left-out record, then those
    naming these, to the end of the chain; the problem of each, as it is left out. References
    run between a dozen kinds of record, so the chain is short."""
    while any(left_out.values()):
        newly: dict[str, set[str]] = {}
        for section, records in sections.items():
            kept: list[Record] = []
            for record in records:
                problems = list(left_out_problems(record, left_out))
                if problems:
                    yield from problems
                    newly.setdefault(section, set()).add(record.id)
                else:
                    kept.append(record)
            records[:] = kept
        left_out = newly
