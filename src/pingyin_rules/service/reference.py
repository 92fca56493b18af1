"""The reference endpoints: what `rules`, `explain`, `coverage`, `schema` and `calendar`
print, as JSON. The rule and article explanations are the CLI's text (`explain_rules`) in
both languages; the lists are the CLI's own JSON output, computed at start-up."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ..calendar import describe_addition
from ..explain_rules import explain_article, explain_rule
from ..input_errors import printable
from ..numerals import article_zh
from .auth import require_token
from .problems import JSON, Problem, not_found
from .state import SCHEMAS, ServiceState

router = APIRouter(prefix="/v1", dependencies=[Depends(require_token)], tags=["reference"])


def _state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


@router.get("/rules", summary="Every rule (as `rules --format json`)")
def rules(request: Request) -> JSON:
    return JSON(_state(request).rules)


@router.get("/rules/{rule_id}", summary="A rule and its explanation (as `explain RULE`)")
def rule(rule_id: str, request: Request) -> JSON:
    state = _state(request)
    row = next((r for r in state.rules if r["rule_id"] == rule_id), None)
    if row is None:
        close = difflib.get_close_matches(rule_id, [r["rule_id"] for r in state.rules], n=1)
        shown = printable(rule_id)
        raise not_found(
            f"没有规则“{shown}”" + (f"，是不是“{close[0]}”？" if close else ""),
            f"no rule {shown!r}" + (f" (did you mean {close[0]!r}?)" if close else ""),
        )
    compiled = state.pack.rule(rule_id)
    explanation = {lang: explain_rule(state.pack, compiled, lang) for lang in ("zh", "en")}
    return JSON({"rule": row, "explanation": explanation})


@router.get("/articles/{article}", summary="An article and its rules (as `explain --article`)")
def article(article: int, request: Request) -> JSON:
    state = _state(request)
    pack = state.pack
    if not 1 <= article <= pack.articles:
        raise not_found(
            f"《规则》共{pack.articles}条，没有第{article}条",
            f"the regulation has articles 1 to {pack.articles}, not {article}",
        )
    text = pack.article_texts.get(article)
    return JSON({
        "article": article,
        "title": article_zh(article),
        "chapter": text[0] if text else None,
        "text": text[1] if text else None,
        "rules": [r for r in state.rules if r["article"] == article],
        "explanation": {lang: explain_article(pack, article, lang) for lang in ("zh", "en")},
    })  # fmt: skip


@router.get("/coverage", summary="Every article's coverage (as `coverage --format json`)")
def coverage(request: Request) -> JSON:
    return JSON(_state(request).coverage)


@router.get("/schemas", summary="The names `/v1/schemas/{name}` takes")
def schema_names() -> JSON:
    return JSON(list(SCHEMAS))


@router.get("/schemas/{name}", summary="A JSON Schema (as `schema NAME`)")
def schema(name: str, request: Request) -> JSON:
    found = _state(request).schema(name)
    if found is None:
        shown, known = printable(name), ", ".join(SCHEMAS)
        raise not_found(f"没有“{shown}”的模式（可用：{known}）", f"no schema {shown!r} ({known})")
    return JSON(found)


def _calendar_error(exc: ValueError) -> Problem:
    reason = printable(str(exc))
    return Problem(422, "calendar_range", f"日期超出日历范围：{reason}", reason)


@router.get("/calendar/working-days", summary="Working days in (start, end]")
def working_days(
    start: Annotated[dt.date, Query(description="YYYY-MM-DD; not counted")],
    end: Annotated[dt.date, Query(description="YYYY-MM-DD; counted")],
    request: Request,
) -> JSON:
    """Working days after `start` up to and including `end` on the official calendar, with
    the days skipped (holidays, weekends) named."""
    calendar = _state(request).checker.calendar
    try:
        count = calendar.working_days_between(start, end)
        skipped = calendar.skipped_days(start, end)
    except ValueError as exc:
        raise _calendar_error(exc) from None
    body: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "working_days": count,
        "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in skipped],
    }
    return JSON(body)


@router.get("/calendar/add", summary="The date N working days after a date (as `calendar add`)")
def add_working_days(
    date: Annotated[dt.date, Query(description="YYYY-MM-DD")],
    days: Annotated[int, Query(ge=0, le=100_000, description="working days to add")],
    request: Request,
) -> JSON:
    calendar = _state(request).checker.calendar
    try:
        due = date if days == 0 else calendar.add_working_days(date, days)
        text = {lang: describe_addition(calendar, date, days, lang) for lang in ("zh", "en")}
    except ValueError as exc:
        raise _calendar_error(exc) from None
    return JSON({"date": date.isoformat(), "days": days, "due": due.isoformat(), "text": text})
