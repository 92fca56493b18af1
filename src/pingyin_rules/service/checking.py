"""The checking endpoints: a whole case file (`POST /v1/check`, the report `check --format
json` writes), and one record in a context (`POST /v1/validate/{kind}`, the report of
`validate(record, checker=bound)`), and the contexts loaded at start-up.

HTTP 200 when the input could be read whole, whatever the verdicts (`ok` says whether the
records comply); 422 with the same report when some input could not (its `errors`; the valid
records are still judged); the header `X-Pingyin-Rules-Exit-Code` is the exit status the
CLI would give under `fail_on` (0 ok, 1 a rule fails, 2 invalid input)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from ..api import check_loaded
from ..case_files import LoadedCase, build_case, parse_case_text
from ..cli.errors import UsageError
from ..engine.checker import Checker
from ..engine.explain import in_english
from ..engine.incremental import BoundChecker
from ..hooks import bind, validate
from ..input_errors import printable
from ..pack.yaml_source import SourceError, load_yaml_text
from ..records import SECTIONS, CaseFile, Record
from ..report import InputError, Report
from .auth import require_token
from .bodies import check_case_size, envelope, parse_json, read_body, record_count
from .metrics import Metrics
from .models import CheckRequest, ValidateRequest
from .problems import JSON, Problem, not_found, too_large
from .state import ServiceState

router = APIRouter(prefix="/v1", dependencies=[Depends(require_token)], tags=["checking"])
EXIT_HEADER = "X-Pingyin-Rules-Exit-Code"
SECTION_OF = {model.record_type: section for section, model in SECTIONS.items()}
# A context sent with requests is kept, bound, only when it is roster-sized: a large one would
# hold its verdicts in memory for a client that may never send it again.
INLINE_CACHED_RECORDS = 2_000
# A record this small against a bound context is judged on the event loop (about a
# millisecond); a larger one (thousands of attendees...) goes to the thread pool, so that
# health checks are still answered meanwhile.
FAST_PATH_BYTES = 16 * 1024
# The report's shape, for the OpenAPI document (the contract is README's "Verdict format").
REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["ok", "summary", "verdicts", "errors"],
    "properties": {
        "ok": {"type": "boolean"},
        "summary": {"type": "object", "additionalProperties": {"type": "integer"}},
        "verdicts": {"type": "array", "items": {"type": "object"}},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}


def _body(model: type[CheckRequest | ValidateRequest]) -> dict[str, Any]:
    """The request body's schema for the OpenAPI document (bodies are read by hand, within
    the limits, so FastAPI does not see the model)."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        },
        "responses": {
            "200": {
                "description": "Judged (the report)",
                "content": {"application/json": {"schema": REPORT_SCHEMA}},
            },
            "413": {"description": "Body, nesting or case too large"},
            "422": {"description": "Input errors (the report, with `errors`)"},
        },
    }


def _state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


def _answer(request: Request, judged: tuple[Report, dict[str, Any]], fail_on: str) -> JSON:
    report, body = judged
    metrics: Metrics = request.app.state.metrics
    metrics.count(report)
    code = 2 if report.errors else 1 if report.failed(fail_on) else 0
    status = 422 if report.errors else 200
    return JSON(body, status_code=status, headers={EXIT_HEADER: str(code)})


def _empty(loaded: LoadedCase) -> bool:
    return (
        loaded.case is not None and not loaded.errors and next(loaded.case.records(), None) is None
    )


def _no_records(field: str) -> Problem:
    # As the CLI refuses an empty file: a broken export must not pass.
    return Problem(
        422, "no_records",
        "案卷中没有任何记录（officials、meetings、documents 等部分都没有）",
        "the case file holds no records (no officials, meetings, documents, ...)",
        field=field,
    )  # fmt: skip


def _read_case(state: ServiceState, req: CheckRequest, label: str) -> LoadedCase:
    limit, aliases = state.settings.max_records, state.aliases
    if req.case is not None:
        check_case_size(req.case, label, limit, aliases)
        return build_case(req.case, label, aliases=aliases)
    text = (req.case_text or "").removeprefix("\ufeff")
    try:
        # Aliases may not expand a text past what it could hold written out: the body
        # limit then bounds the work as it bounds JSON.
        data = load_yaml_text(text, label, max_values=max(len(text), 1))
    except SourceError as exc:
        if exc.code in ("nesting", "size"):
            zh, en = "案卷嵌套过深或展开后过大", "the case text nests too deep or expands too far"
            error = InputError(label, None, None, f"{zh} / {exc.reason}", exc.line)
            raise too_large(zh, en, errors=(error,)) from None
        return parse_case_text(text, label, aliases=aliases)  # the CLI's words for it
    check_case_size(data, label, limit, aliases)
    return build_case(data, label, aliases=aliases)


def _check(
    state: ServiceState, req: CheckRequest, checker: Checker
) -> tuple[Report, dict[str, Any]]:
    source = printable(req.source) if req.source else None
    loaded = _read_case(state, req, source or "request")
    if _empty(loaded):
        raise _no_records("case_text" if req.case is None else "case")
    on = req.on or dt.date.today()
    report = check_loaded(checker, loaded, on=on, source=source, explain=req.explain)
    return report, _written(report, req.explain, req.lang)


def _written(report: Report, explain: bool, lang: str) -> dict[str, Any]:
    """The report as JSON, the explanations in the language asked for."""
    body = report.to_dict(explain=explain)
    if explain and lang == "en":
        for verdict, written in zip(report.verdicts, body["verdicts"], strict=True):
            written["explanation"] = [in_english(step) for step in verdict.explanation]
    return body


@router.post("/check", openapi_extra=_body(CheckRequest), summary="Check a whole case file")
async def check_case(request: Request) -> JSON:
    """The report `pingyin-rules check --format json` gives for the same case file."""
    state = _state(request)
    req = envelope(
        CheckRequest, parse_json(await read_body(request, state.settings.max_body_bytes))
    )
    checker = state.checker
    if req.overrides:
        if not state.settings.allow_pack_requests:
            raise Problem(
                403, "pack_requests_refused",
                "本服务不接受请求自带的规则参数（set）：请联系管理员",
                "this service does not take parameters (set) from requests; the operator "
                "enables them with --allow-pack-requests", field="set",
            )  # fmt: skip
        try:
            checker = await run_in_threadpool(state.checker_for, req.overrides)
        except UsageError as exc:
            zh, en = f"规则参数有误：{exc}", str(exc)
            raise Problem(422, "invalid_parameter", zh, en, field="set") from None
    return _answer(request, await run_in_threadpool(_check, state, req, checker), req.fail_on)


def _context(state: ServiceState, req: ValidateRequest, on: dt.date) -> tuple[BoundChecker, Report]:
    """The bound checker for the request's context, and the context's own input errors."""
    if req.context_name is not None:
        if req.context_name not in state.contexts:
            known = ", ".join(sorted(state.contexts)) or "none"
            name = printable(req.context_name)
            raise Problem(
                422, "unknown_context",
                f"没有名为“{name}”的上下文（已加载：{known}）",
                f"no context named {name!r} (loaded: {known})", field="context_name",
            )  # fmt: skip
        return state.bound_context(req.context_name, on), Report()
    if req.context is None:
        empty = state.other_days.get(
            ("empty", on), lambda: bind(CaseFile(), on=on, checker=state.checker)
        )
        return empty, Report()
    check_case_size(req.context, "context", state.settings.max_records, state.aliases,
                    ("上下文", "context"))  # fmt: skip
    context = req.context

    def read_and_bind() -> tuple[BoundChecker, Report]:
        loaded = build_case(context, "context", aliases=state.aliases)
        bound = bind(loaded.case or CaseFile(), on=on, checker=state.checker)
        return bound, Report(errors=loaded.errors)

    if record_count(context) > INLINE_CACHED_RECORDS:
        return read_and_bind()
    # The same roster sent again (a system that sends it with every record) is read and
    # bound once: keyed by its content.
    digest = hashlib.sha256(
        json.dumps(context, sort_keys=True, ensure_ascii=False, default=str).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return state.inline.get((digest, on), read_and_bind)


def _record(
    state: ServiceState, section: str, item: dict[str, Any], context: CaseFile
) -> tuple[Record | None, Report]:
    """The record read as it would be in a case file (`build_case`: the same errors, in the
    same words), with the context's officials beside it, since a record must name officials
    of the roster; references to other sections are the bound checker's to check."""
    ident = item.get("id")
    if section == "officials":  # the record replaces the official of its id
        data: dict[str, Any] = {
            "officials": [item, *(o for o in context.officials if o.id != ident)]
        }
    else:
        data = {section: [item], "officials": list(context.officials)}
    loaded = build_case(data, "record", aliases=state.aliases)
    found = getattr(loaded.case, section, ()) if loaded.case is not None else ()
    if section == "officials":
        found = tuple(r for r in found if r.id == ident)
    return (found[0] if found else None), Report(errors=loaded.errors)


def _validate(
    state: ServiceState, section: str, req: ValidateRequest
) -> tuple[Report, dict[str, Any]]:
    on = req.on or dt.date.today()
    bound, context_report = _context(state, req, on)
    record, record_report = _record(state, section, req.record, bound.case)
    report = context_report.merge(record_report)
    if record is not None:
        report = report.merge(validate(record, checker=bound, explain=req.explain))
    return report, _written(report, req.explain, req.lang)


@router.post(
    "/validate/{kind}", openapi_extra=_body(ValidateRequest),
    summary="Validate one record in a context",
)  # fmt: skip
async def validate_record(kind: str, request: Request) -> JSON:
    """The verdicts about one record (`kind`: document, meeting, absence, assignment,
    decision, ...) and those it changes in its context, as `validate(record, checker=bound)`
    gives them; a context loaded at start-up is bound once per day."""
    state = _state(request)
    section = SECTION_OF.get(kind)
    if section is None:
        known = ", ".join(SECTION_OF)
        shown = printable(kind)
        raise not_found(
            f"没有“{shown}”这类记录（可用：{known}）",
            f"no record kind {shown!r} (expected one of {known})",
        )
    body = await read_body(request, state.settings.max_body_bytes)
    req = envelope(ValidateRequest, parse_json(body))
    name, on = req.context_name, req.on or dt.date.today()
    if name is not None and len(body) <= FAST_PATH_BYTES and state.is_bound(name, on):
        # About a millisecond of work: done here, as a hop to the thread pool and back costs
        # nearly as much again (and the GIL lets only one thread check at a time anyway).
        return _answer(request, _validate(state, section, req), req.fail_on)
    # Binding a context, or reading one sent along, can take seconds: in the thread pool,
    # so that the event loop still answers health checks meanwhile.
    return _answer(request, await run_in_threadpool(_validate, state, section, req), req.fail_on)


@router.get("/contexts", summary="The contexts loaded at start-up")
def contexts(request: Request) -> JSON:
    state = _state(request)
    return JSON([{"name": n, "records": state.context_records[n]} for n in state.contexts])


@router.get("/contexts/{name}", summary="Who and which departments a context holds")
def context_roster(name: str, request: Request) -> JSON:
    """The officials (id, name, title, role) and departments (id, name) of a context loaded at
    start-up: what a form offers a clerk to pick from, so nobody types `lq` for 刘强."""
    state = _state(request)
    case = state.contexts.get(name)
    if case is None:
        shown = printable(name)
        raise not_found(f"没有名为“{shown}”的上下文", f"no context named {shown!r}")
    officials = [
        {"id": o.id, "name": o.name, "title": o.title, "role": o.role.value}
        for o in sorted(case.officials, key=lambda o: o.id)
    ]
    departments = [
        {"id": d.id, "name": d.name} for d in sorted(case.departments, key=lambda d: d.id)
    ]
    return JSON({"name": name, "officials": officials, "departments": departments})
