"""Every refusal as one JSON shape, in Chinese and English, never a traceback.

A refused request answers with a report that judged nothing (`ok`, `summary`, `verdicts`,
`errors`, as `Report.to_dict` writes them) plus `error` (a stable code), `message` and
`message_en`: a client that reads reports reads refusals too, and the input errors of a
report the service did judge (HTTP 422) have the same shape as these."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..input_errors import DATE_FORMS_EN, DATE_FORMS_ZH, located, printable, shown
from ..report import STATUSES, InputError

log = logging.getLogger("pingyin_rules.service")


class JSON(Response):
    """JSON in UTF-8 with the Chinese as written (as `check --format json` writes it). Text
    that cannot be encoded (a lone surrogate a request sent as "\\ud800") is escaped instead
    of failing the response."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        try:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
        except UnicodeEncodeError:
            return json.dumps(content, separators=(",", ":")).encode()


class Problem(Exception):
    """A request refused: HTTP `status`, a stable `code`, the reason in both languages, and
    the input errors behind it (by default one, naming `field` and `line` when given)."""

    def __init__(
        self,
        status: int,
        code: str,
        zh: str,
        en: str,
        *,
        field: str | None = None,
        line: int | None = None,
        errors: Sequence[InputError] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(en)
        self.status, self.code, self.zh, self.en = status, code, zh, en
        self.errors = (
            tuple(errors)
            if errors is not None
            else (InputError("request", None, field, located(zh, en, line), line),)
        )
        self.headers = dict(headers or {})

    def response(self) -> JSON:
        body = {
            "ok": False,
            "summary": dict.fromkeys(STATUSES, 0),
            "verdicts": [],
            "errors": [e.to_dict() for e in self.errors],
            "error": self.code,
            "message": self.zh,
            "message_en": self.en,
        }
        headers = self.headers
        if self.status == 413:  # the rest of the body was not read: do not reuse the connection
            headers = {**headers, "Connection": "close"}
        return JSON(body, status_code=self.status, headers=headers)


def too_large(zh: str, en: str, errors: Sequence[InputError] | None = None) -> Problem:
    return Problem(413, "too_large", zh, en, errors=errors)


def not_found(zh: str, en: str) -> Problem:
    return Problem(404, "not_found", zh, en)


_QUERY_REASONS = {
    "missing": ("缺少此参数", "this parameter is required"),
    "int_parsing": ("应为整数", "expected a whole number"),
    "int_type": ("应为整数", "expected a whole number"),
    "greater_than_equal": ("不能为负数", "must not be negative"),
}


def _parameter_error(err: Mapping[str, Any]) -> InputError:
    """A path or query parameter FastAPI refused, said as the CLI says a field's problem."""
    loc = [str(part) for part in err.get("loc", ())]
    field = ".".join(loc[1:]) or None  # ("query", "date") -> "date"
    kind = str(err.get("type", ""))
    if kind.startswith("date"):
        value = err.get("input")
        zh = f"无法识别日期“{shown(value)}”：{DATE_FORMS_ZH}"
        en = f"cannot read the date {shown(value)!r}: {DATE_FORMS_EN}"
    elif kind in _QUERY_REASONS:
        zh, en = _QUERY_REASONS[kind]
    else:
        zh, en = "取值不符合要求", printable(str(err.get("msg", "")))
    return InputError("request", None, field, located(zh, en, None))


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return exc.response()


async def _invalid_parameters(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [_parameter_error(err) for err in exc.errors()]
    zh, en = "请求参数有误", "invalid request parameters"
    return Problem(422, "invalid_request", zh, en, errors=errors).response()


_HTTP = {
    404: ("not_found", "没有这个地址", "no such endpoint"),
    405: (
        "method_not_allowed",
        "此地址不接受该请求方法",
        "this endpoint does not take that method",
    ),
}


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code, zh, en = _HTTP.get(exc.status_code, ("http_error", "请求未能处理", str(exc.detail)))
    path = printable(request.url.path)
    return Problem(exc.status_code, code, f"{zh}：{path}", f"{en}: {path}").response()


async def _internal(request: Request, exc: Exception) -> Response:
    # A bug of ours: logged with its traceback for the operator, one line for the client.
    log.exception("internal error on %s %s", request.method, request.url.path)
    zh, en = (
        "服务内部错误，请联系管理员",
        f"internal error ({type(exc).__name__}); please report it",
    )
    return Problem(500, "internal_error", zh, en).response()


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(RequestValidationError, _invalid_parameters)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _internal)
