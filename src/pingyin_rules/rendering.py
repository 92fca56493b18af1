"""The report layer's writing: evaluated values into JSON evidence and message text, and a
verdict's message, evidence and remedy from what the engine found (rendered on demand)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any

from pydantic import BaseModel

from .pack.compiled import Bilingual
from .pack.templates import Template

_SCALARS = frozenset({bool, int, str, type(None), float})


def to_json_value(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dt.date:
        return value.isoformat()
    if kind is tuple or kind is list:
        return [to_json_value(v) for v in value]
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return getattr(value, "id", None) or value.model_dump(mode="json")
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, float):
        return value
    return str(value)


def to_text(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(to_text(v, lang) for v in value) or "—"
    if isinstance(value, BaseModel):
        return str(getattr(value, "name", None) or getattr(value, "id", ""))
    return str(to_json_value(value))


def render(template: Template, value: Callable[[str], Any], lang: str) -> str:
    return "".join(
        part if isinstance(part, str) else to_text(value(part[0]), lang) for part in template.parts
    )


def render_both(text: Bilingual, value: Callable[[str], Any]) -> tuple[str, str]:
    return render(text.zh, value, "zh"), render(text.en, value, "en")


@dataclass(frozen=True, slots=True)
class Finding:
    """What the engine found for one rule and one subject, before any text is written: the
    templates that apply, the raw values they and the evidence name, and the facts behind the
    verdict (an exception accepted, table rows matched, calendar years not yet confirmed)."""

    message: Bilingual
    remedy: Bilingual | None
    values: Mapping[str, Any]  # template fields and evidence, by name, as computed
    evidence: tuple[str, ...]  # the evidence names, in order, among `values`
    extra_evidence: tuple[tuple[str, Any], ...]  # decision_table, exception, calendar_...
    unconfirmed_years: tuple[int, ...]
    calendar_assumption: str | None

    def __call__(self) -> tuple[str, str, dict[str, Any], dict[str, str] | None]:
        """Write the verdict (Verdict.deferred calls this when the verdict is first read)."""
        return render_finding(self)


def render_finding(finding: Finding) -> tuple[str, str, dict[str, Any], dict[str, str] | None]:
    """The verdict's message (zh, en), JSON evidence and remedy, written from a finding."""
    value = finding.values.__getitem__
    zh, en = render_both(finding.message, value)
    if finding.unconfirmed_years:
        listed = "、".join(map(str, finding.unconfirmed_years))
        zh += f"［注意：{listed}年官方放假安排尚未确认，工作日为推算］"
        en += f" [note: no confirmed official schedule for {listed}: {finding.calendar_assumption}]"
    evidence = {name: to_json_value(finding.values[name]) for name in finding.evidence}
    evidence.update(finding.extra_evidence)
    remedy = None
    if finding.remedy is not None:
        rzh, ren = render_both(finding.remedy, value)
        remedy = {"zh": rzh, "en": ren}
    return zh, en, evidence, remedy
