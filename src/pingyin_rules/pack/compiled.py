"""The compiled, backend-neutral form of a rule pack: frozen plain data, built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .expressions import Expr
from .tables import CompiledTable
from .templates import Template


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str
    # (in force from, value, source); the first entry's date is None when the value is undated.
    values: tuple[tuple[dt.date | None, Any, str | None], ...]
    article: int | None
    reason: str

    def value_on(self, day: dt.date) -> Any:
        """The value in force on `day` (the first one for a day before any is in force)."""
        if len(self.values) == 1:
            return self.values[0][1]
        current = self.values[0][1]
        for start, value, _ in self.values:
            if start is not None and start > day:
                break
            current = value
        return current


@dataclass(frozen=True, slots=True)
class Bilingual:
    zh: Template
    en: Template
    fields: tuple[str, ...] = field(init=False)  # the values both texts fill in, each once

    def __post_init__(self) -> None:
        names = tuple(dict.fromkeys((*self.zh.fields, *self.en.fields)))
        object.__setattr__(self, "fields", names)


@dataclass(frozen=True, slots=True)
class CompiledException:
    id: str
    article: int | None
    when: Expr
    status: str
    message: Bilingual


@dataclass(frozen=True, slots=True)
class CompiledPeriod:
    every: str  # week | quarter | year
    section: str
    date_field: str
    select: Expr
    judged_after_months: int | None


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    article: int
    item: str | None
    title_zh: str
    title_en: str
    clause: str
    applies_to: str
    period: CompiledPeriod | None
    date_fields: tuple[str, ...]  # the record's date: the first of these that is set
    severity: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    parameters: Mapping[str, Parameter]  # the pack's and the rule's own, by name
    when: Expr
    lets: Mapping[str, Expr]
    evidence: tuple[str, ...]  # let values reported as evidence, in this order
    requires: Expr
    exceptions: tuple[CompiledException, ...]
    messages: Mapping[str, Bilingual]  # "pass", "fail", optionally "not_applicable"
    remedy: Bilingual | None
    examples: tuple[tuple[str, str, str], ...]  # (status, situation zh, situation en)
    file: str
    line: int | None

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


@dataclass(frozen=True, slots=True)
class PackCase:
    """A test case written beside a rule (see spec.CaseSpec); run by `pingyin-rules test`."""

    name: str
    rule: str
    on: dt.date
    roster: str | None  # a fixture's name, or None for no shared records
    given: Mapping[str, Any]
    expect: tuple[Any, ...]  # spec.ExpectSpec, one per verdict (or input error) expected
    file: str
    line: int | None


@dataclass(frozen=True, slots=True)
class CompiledPack:
    id: str
    version: str
    title_zh: str
    title_en: str
    regulation: str
    articles: int
    in_force_from: dt.date
    in_force_to: dt.date | None
    interpreted_by: str | None
    parameters: Mapping[str, Parameter]
    tables: Mapping[str, CompiledTable]
    rules: tuple[CompiledRule, ...]
    rules_by_type: Mapping[str, tuple[CompiledRule, ...]]
    article_texts: Mapping[int, tuple[str, str]]  # article -> (chapter, text); may be empty
    root: str
    cases: tuple[PackCase, ...] = ()
    fixtures: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # name -> sections
    # article -> spec.ArticleCoverage (coverage.yaml); empty when the pack has no matrix
    coverage: Mapping[int, Any] = field(default_factory=dict)

    def rule(self, rule_id: str) -> CompiledRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
