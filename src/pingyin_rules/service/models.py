"""The request bodies of the checking endpoints: what a client sends beside the records. The
records themselves stay plain mappings here: they are read as a case file's are
(`case_files.build_case`), record by record, so one bad record costs only itself."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FailOn = Literal["error", "warning"]


class CheckRequest(BaseModel):
    """`POST /v1/check`: a whole case file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    case: dict[str, Any] | None = Field(
        None, description="The case file as a mapping, exactly as a YAML or JSON case file."
    )
    case_text: str | None = Field(
        None,
        description="Or the case file's text (YAML or JSON), as a clerk pastes or uploads it: "
        "its input errors then carry lines.",
    )
    on: dt.date | None = Field(None, description="Evaluation date; default: today.")
    fail_on: FailOn = Field("error", description="Which failing severities fail the check.")
    explain: bool = Field(False, description="Add each verdict's explanation.")
    lang: Literal["zh", "en"] = Field(
        "zh", description="Language of the explanations (the report has both for the rest)."
    )
    source: str | None = Field(
        None,
        max_length=200,
        description="A name for the case, prefixed to subjects as the CLI prefixes the file "
        "name (`NAME#document:X`); never read as a file.",
    )
    overrides: dict[str, Any] | None = Field(
        None,
        alias="set",
        description="Pack parameters for this request (`--set` as a mapping); refused unless "
        "the operator started the service with --allow-pack-requests.",
    )

    @model_validator(mode="after")
    def _one_case(self) -> CheckRequest:
        if (self.case is None) == (self.case_text is None):
            raise ValueError("给出 case 或 case_text 之一 / give one of case or case_text")
        return self


class ValidateRequest(BaseModel):
    """`POST /v1/validate/{kind}`: one record in a context."""

    model_config = ConfigDict(extra="forbid")

    record: dict[str, Any] = Field(description="The record, as in a case file's section.")
    context: dict[str, Any] | None = Field(
        None, description="The context (roster, open case) as a case file mapping."
    )
    context_name: str | None = Field(
        None, max_length=64, description="Or a context the service loaded at start-up."
    )
    on: dt.date | None = Field(None, description="Evaluation date; default: today.")
    fail_on: FailOn = Field("error", description="Which failing severities fail the check.")
    explain: bool = Field(False, description="Add each verdict's reasoning (`explanation`).")
    lang: Literal["zh", "en"] = Field("zh", description="The language of the explanations.")

    @model_validator(mode="after")
    def _one_context(self) -> ValidateRequest:
        if self.context is not None and self.context_name is not None:
            raise ValueError(
                "context 与 context_name 只能给出一个 / give context or context_name, not both"
            )
        return self
