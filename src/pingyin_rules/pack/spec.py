"""The schema of a rule pack as written in YAML. Validated on load; unknown keys are refused."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

RULE_ID = r"^[a-z0-9][a-z0-9_.\-]*$"
# An expression of the rule language (docs/rule-language.md), or a plain true/false.
Expression = str | bool
NAME = r"^[a-z_][a-z0-9_]*$"


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Spec):
    """A message in Chinese (first) and English. `{name}` fills in an evidence value."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class InForce(Spec):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        if self.to is not None and self.to < self.from_:
            raise ValueError("in_force.to is before in_force.from")
        return self


ParamType = Literal["int", "fraction", "string", "bool", "date", "list"]


class DatedValue(Spec):
    from_: dt.date = Field(alias="from")
    value: Any
    source: str = Field(min_length=1)


class ParameterSpec(Spec):
    """A named parameter: a number from the text, or an interpretation choice with its reason."""

    type: ParamType
    value: Any = None
    values: tuple[DatedValue, ...] = Field(default=(), description="Values that change over time")
    article: int | None = None
    reason: str = Field(min_length=1, description="Why this value: the clause or the reading")
    choices: tuple[Any, ...] = ()
    minimum: Any = Field(default=None, description="Smallest sensible value (int, fraction)")
    maximum: Any = Field(default=None, description="Largest sensible value (int, fraction)")

    @model_validator(mode="after")
    def _one_value(self) -> ParameterSpec:
        if (self.value is None) == (not self.values):
            raise ValueError("give exactly one of value or values")
        starts = [v.from_ for v in self.values]
        if starts != sorted(set(starts)):
            raise ValueError("dated values must be in increasing order of 'from', without repeats")
        return self


class TableSpec(Spec):
    """A decision table: finite enumerated inputs, rows that match them, outputs per row."""

    article: int
    description: str | None = None
    labels: bool = Field(
        default=False, description="Display names only: left out of evidence and explanations"
    )
    inputs: dict[str, tuple[str | bool, ...]] = Field(min_length=1)
    outputs: tuple[str, ...] = Field(min_length=1)
    rows: tuple[dict[str, Any], ...] = Field(min_length=1)

    @field_validator("inputs")
    @classmethod
    def _enumerations(cls, value: dict[str, tuple[str | bool, ...]]) -> Any:
        for name, options in value.items():
            if not options or len(set(options)) != len(options):
                raise ValueError(f"input {name!r} needs distinct options")
        return value


class ExceptionSpec(Spec):
    id: str = Field(pattern=NAME)
    article: int | None = Field(default=None, description="Article the exception comes from")
    when: Expression = Field(description="When a breach is excused (an expression)")
    status: Literal["exception", "pass"] = "exception"
    message: Text


class Messages(Spec):
    pass_: Text = Field(alias="pass")
    fail: Text
    not_applicable: Text | None = None


class ExampleSpec(Spec):
    """A worked example for `explain`: a situation and the verdict it gets."""

    given: Text
    status: Literal["pass", "fail", "exception", "not_applicable"]


class ArticleSpec(Spec):
    chapter: str
    text: str = Field(min_length=1)


class RegulationSpec(Spec):
    """The regulation's text, article by article (optional `regulation.yaml` in a pack)."""

    regulation: str
    source: str | None = None
    articles: dict[int, ArticleSpec]


class ArticleCoverage(Spec):
    """One article in the coverage matrix: what kind of provision it is and, for an executable
    or procedural one that no rule encodes, why it is deferred."""

    kind: Literal["E", "P", "N"] = Field(
        description="E executable, P procedural (steps, order, timing), N not executable"
    )
    reason: str = Field(min_length=1, description="What is (or is not) checkable, in one line")
    deferred: str | None = Field(
        default=None, description="Why no rule encodes this E/P article yet, and what it needs"
    )
    encoded_by: tuple[str, ...] | Literal["in_force"] = Field(
        default=(),
        description="Rules filed under other articles that encode this one (or in_force: the "
        "pack's period in force)",
    )
    note: str | None = Field(default=None, description="Where this departs from PROVISIONS.md")


class CoverageSpec(Spec):
    """Every article of the regulation classified (optional `coverage.yaml` in a pack)."""

    articles: dict[int, ArticleCoverage]


# Every record type of a case-file section, and the two the engine derives: `period` (one week,
# quarter or year of the case) and `roster` (the case's roster as a whole).
RecordType = Literal[
    "official", "department", "coordinating_body", "meeting", "document", "absence",
    "assignment", "decision", "agenda_item", "submission", "visit", "justification",
    "period", "roster",
]  # fmt: skip


class PeriodSpec(Spec):
    """For `applies_to: period`: judge each week/quarter/year of the case file's period, with
    the records of `section` whose `date_field` falls in it and that `select` keeps."""

    every: Literal["week", "quarter", "year"]
    section: str
    date_field: str
    select: Expression = Field(default=True, description="Which records count (an expression)")
    judged_after_months: int | None = Field(
        default=None,
        ge=1,
        description="Judge a period once this many months of it have passed (default: its end)",
    )


class RuleSpec(Spec):
    id: str = Field(pattern=RULE_ID)
    article: int = Field(ge=1)
    item: str | None = Field(default=None, description="Item within the article, e.g. （五）")
    title: Text
    clause: str = Field(min_length=1, description="The clause quoted from the regulation")
    applies_to: RecordType
    period: PeriodSpec | None = None
    date_field: str | tuple[str, ...] | None = Field(
        default=None, description="Field(s) that date the record: the first one set is used"
    )
    severity: Literal["error", "warning"] = "error"
    in_force: InForce | None = None
    parameters: dict[str, ParameterSpec] = {}
    when: Expression = Field(default=True, description="When the rule applies (an expression)")
    let: dict[str, Expression] = Field(
        default={}, description="Named values, each an expression, computed once per record"
    )
    evidence: tuple[str, ...] | None = Field(
        default=None, description="Let values to report as evidence (default: all but _names)"
    )
    requires: Expression = Field(description="What the rule requires (an expression)")
    exceptions: tuple[ExceptionSpec, ...] = ()
    messages: Messages
    remedy: Text | None = None
    examples: tuple[ExampleSpec, ...] = ()

    @model_validator(mode="after")
    def _period_rules_have_a_period(self) -> RuleSpec:
        if (self.applies_to == "period") != (self.period is not None):
            raise ValueError("a rule has a `period` exactly when it applies_to: period")
        return self

    @field_validator("let", "parameters")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            if not re.fullmatch(NAME, name):
                raise ValueError(f"{name!r} is not a valid name (lower_snake_case)")
        return value


class ExpectSpec(Spec):
    """What a test case expects of one verdict (or, with `error`, of one input error).
    Evidence and remedy are compared key by key: only the keys given are checked."""

    subject: str | None = Field(default=None, description="Which verdict, when there are several")
    status: Literal["pass", "fail", "exception", "not_applicable"] | None = None
    evidence: dict[str, Any] = {}
    message: str | None = Field(default=None, description="The Chinese message, exactly")
    message_en: str | None = None
    message_has: str | None = Field(default=None, description="Text the Chinese message contains")
    remedy: dict[str, str] | None = Field(default=None, description="null: no remedy expected")
    remedy_has: str | None = Field(default=None, description="Text the Chinese remedy contains")
    error: dict[str, str] | None = Field(
        default=None, description="An input error expected instead: {field: ..., reason_has: ...}"
    )


class CaseSpec(Spec):
    """A test case beside its rule: records, an evaluation date and the verdict expected."""

    name: str = Field(min_length=1, description="What the case shows, in Chinese")
    rule: str = Field(pattern=RULE_ID)
    on: dt.date | None = Field(default=None, description="Evaluation date (default: the pack's)")
    roster: str | None = Field(
        default=None, description="Fixture of shared records (default: the pack's; none: empty)"
    )
    given: dict[str, Any] = Field(default={}, description="Records by section, as in a case file")
    expect: ExpectSpec | tuple[ExpectSpec, ...]


class RuleFileSpec(Spec):
    chapter: str = Field(min_length=1)
    description: str | None = None
    tables: dict[str, TableSpec] = {}
    rules: tuple[RuleSpec, ...] = ()
    tests: tuple[CaseSpec, ...] = ()


class TestDefaults(Spec):
    on: dt.date = Field(description="Evaluation date of test cases that name none")
    roster: str | None = Field(default=None, description="Default fixture (fixtures/NAME.yaml)")


class DefinitionSpec(Spec):
    """A function of the pack's own, written in the rule language, for a reading several rules
    share (who acts for whom, say): one definition, one place to change it."""

    params: tuple[str, ...] = Field(description="Its arguments, by position")
    expression: Expression = Field(description="What it computes from them")
    article: int | None = None
    reason: str = Field(min_length=1, description="The clause or the reading it encodes")

    @field_validator("params")
    @classmethod
    def _param_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not re.fullmatch(NAME, name):
                raise ValueError(f"{name!r} is not a valid name (lower_snake_case)")
        if len(set(value)) != len(value):
            raise ValueError("parameter names repeat")
        return value


class PackSpec(Spec):
    pack: str = Field(pattern=RULE_ID)
    version: str
    title: Text
    regulation: str = Field(min_length=1)
    articles: int = Field(ge=1, description="Number of articles, for range checks")
    in_force: InForce
    interpreted_by: str | None = None
    parameters: dict[str, ParameterSpec] = {}
    definitions: dict[str, DefinitionSpec] = Field(
        default={}, description="Functions of the pack's own, each usable by the later ones"
    )
    tests: TestDefaults | None = None


def rule_file_schema() -> str:
    """The JSON Schema of a rule file, for editors (`# yaml-language-server: $schema=...`)."""
    schema = RuleFileSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "pingyin-rules rule file (one article: rules, tables, test cases)"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
