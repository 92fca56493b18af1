"""Reading a request body within the service's limits, before anything is judged.

- Size: refused (413) from its Content-Length before a byte is read, and while it streams
  in (a chunked body, or one that lies about its length) as soon as it passes the limit.
- JSON: UTF-8, no duplicate keys (as JSON case files), nested at most `MAX_NESTING` levels
  (413 beyond: the limit case files have; a case file needs about 8).
- The request's own fields (`on`, `fail_on`, ...) are validated as records are, so a typo
  gets the CLI's "did you mean" and every problem names its field.
- A case too large to judge in one request: more than `max_records` records (413), or a
  `period` longer than the CLI accepts (`input_limits.MAX_PERIOD_YEARS`; 413 too).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from ..aliases import ValueAliases
from ..case_files import period_of
from ..input_errors import explain, printable
from ..input_limits import MAX_NESTING
from ..input_values import validate_repaired
from ..json_input import DuplicateKey, decode_json
from ..records import SECTIONS, CasePeriod
from ..report import InputError
from .problems import Problem, too_large

M = TypeVar("M", bound=BaseModel)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n // 1024} KiB"


def _body_too_large(limit: int, length: int | None) -> Problem:
    shown_zh = f"{_size(length)}，" if length is not None else ""
    shown_en = f"{_size(length)}, " if length is not None else ""
    return too_large(
        f"请求体过大（{shown_zh}上限 {_size(limit)}），未读取：请拆分案卷分批检查",
        f"the request body is too large ({shown_en}over the {_size(limit)} limit) and was "
        "not read: split the case file and check it in parts",
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to pass `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise _body_too_large(limit, int(declared))
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise _body_too_large(limit, None)
        chunks.append(chunk)
    return b"".join(chunks)


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether lists and mappings nest more than `limit` levels (a loop: no recursion)."""
    todo = [(data, 1)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        todo.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _nested_too_deep() -> Problem:
    return too_large(
        f"JSON嵌套超过{MAX_NESTING}层，未检查", f"the JSON nests more than {MAX_NESTING} levels"
    )


def parse_json(body: bytes) -> Any:
    """The body as JSON; 422 when it is not (with the line), 413 when it nests too deep."""
    if not body.strip():
        raise Problem(422, "invalid_json", "请求体为空，应为JSON", "the request body is empty")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        zh, en = "请求体不是UTF-8编码的JSON", "the request body is not JSON in UTF-8"
        raise Problem(422, "invalid_json", zh, en) from None
    try:
        data = decode_json(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        zh, en = "JSON格式有误", f"invalid JSON: {exc.msg} (column {exc.colno})"
        raise Problem(422, "invalid_json", zh, en, line=exc.lineno) from None
    except RecursionError:  # nested deeper than Python's parser goes
        raise _nested_too_deep() from None
    except DuplicateKey as exc:
        key = printable(str(exc))
        raise Problem(422, "invalid_json", f"键“{key}”重复", f"duplicate key {key!r}") from None
    if _deeper_than(data, MAX_NESTING):
        raise _nested_too_deep()
    return data


def envelope(model: type[M], data: Any) -> M:
    """The request's own fields, validated; each problem named by its field (422)."""
    if not isinstance(data, dict):
        zh, en = "请求体应为JSON对象 {…}", "the request body must be a JSON object {...}"
        raise Problem(422, "invalid_request", zh, en)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [
            InputError("request", None, *explain(err, model, data))
            for err in exc.errors(include_url=False)
        ]
    zh, en = "请求的字段有误", "invalid request fields"
    raise Problem(422, "invalid_request", zh, en, errors=errors)


def record_count(case: dict[str, Any]) -> int:
    return sum(len(items) for s in SECTIONS if isinstance(items := case.get(s), list))


def check_case_size(
    case: Any,
    source: str,
    limit: int,
    aliases: ValueAliases | None,
    what: tuple[str, str] = ("案卷", "case"),
) -> None:
    """413 for a case too large to judge in one request, before any record is validated."""
    if not isinstance(case, dict):
        return  # not a case file at all: the reader says so
    count = record_count(case)
    if count > limit:
        raise too_large(
            f"{what[0]}中有{count}条记录，超过每次请求{limit}条的上限：请拆分后分批检查，"
            "或用命令行 pingyin-rules check 检查大文件",
            f"the {what[1]} holds {count} records, over the limit of {limit} a request: split it,"
            " or check large files with the command line (pingyin-rules check)",
        )
    raw = case.get("period")
    if raw is not None:
        errors: list[InputError] = []
        # Refused although it reads as a period: refused for its length (a period that cannot
        # be read is the record-like input error the report lists).
        if period_of(raw, source, aliases, None, errors) is None and (
            validate_repaired(CasePeriod, raw, aliases)[0] is not None
        ):
            raise too_large(
                "期间过长，未检查", "the period is too long to be checked", errors=errors
            )
