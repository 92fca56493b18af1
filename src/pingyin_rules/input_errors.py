"""Input errors a clerk can act on: in Chinese and English, located to the line when the
file says where (`第12行：… / line 12: …`), the field named as it was written, with a "did
you mean" for a misspelt field or value, and never a character that cannot be printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .aliases import ValueAliases, bundled_aliases, closest, has_cjk
from .input_values import date_parts, expected_values
from .pack.yaml_source import LineDict

DATE_FORMS_ZH = "请写作 2026-12-10（也可写 2026/12/10 或 2026年12月10日）"
DATE_FORMS_EN = "write it as 2026-12-10 (2026/12/10 and 2026年12月10日 are accepted too)"
_SURROGATES = re.compile("[\ud800-\udfff]")


def located(zh: str, en: str, line: int | None) -> str:
    """A reason in both languages, with the line first when it is known."""
    if line is None:
        return f"{zh} / {en}"
    return f"第{line}行：{zh} / line {line}: {en}"


def passed_on(reason: str, line: int | None) -> str:
    """A reason written elsewhere (a record model's validator), with the line when known."""
    return reason if line is None else f"第{line}行 / line {line}: {reason}"


def printable(text: str) -> str:
    """`text` with lone surrogates written as escapes (`\\ud800`): they cannot be encoded,
    and one of them in an error would stop the whole report from being written."""
    if _SURROGATES.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: Any, limit: int = 40) -> str:
    """A written value for a message: printable, and cut when long."""
    text = printable(value if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_name(loc: Sequence[int | str]) -> str | None:
    """`pre_issue_reports.0.on`: the path as the clerk wrote it (keys as written)."""
    return ".".join(printable(str(part)) for part in loc) or None


def error_line(item: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest mapping on `loc`, or of the key itself when the file noted
    where it is (keys that are not strings, and the keys of a document's top mapping)."""
    line = item.line if isinstance(item, LineDict) else None
    node = item
    for part in loc:
        if isinstance(node, LineDict):
            if part not in node:  # missing, or a key that is not a string (`1` for 1)
                return node.line_of_key(str(part))
            if part in node.key_lines:
                line = node.key_lines[part]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            line = node.line
    return line


def key_text(key: Any) -> str:
    """A key as YAML spells it (`true`, `null`, `[a, b]`), for a key that is not text."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return printable(str(key))


def _written_key(item: Any, loc: Sequence[int | str]) -> tuple[str, int | None]:
    """The key that is not text at `loc`, as written, and its line. The validator names it
    by its own spelling (`1` for `true`), so it is looked up in the mapping it is in."""
    container = item
    for part in loc[:-1]:
        try:
            container = container[part]
        except (KeyError, IndexError, TypeError):
            return printable(str(loc[-1])), error_line(item, loc)
    if isinstance(container, dict):
        odd = [k for k in container if not isinstance(k, str)]
        named = [k for k in odd if str(k) == str(loc[-1])] or odd
        if named:
            key = named[0]
            lines = container.key_lines if isinstance(container, LineDict) else {}
            return key_text(key), lines.get(key, error_line(item, loc[:-1]))
    return printable(str(loc[-1])), error_line(item, loc)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The record models an annotation can hold (through Optional, unions, tuples)."""
    found: list[type[BaseModel]] = []
    todo, seen = [annotation], set()
    while todo:
        tp = todo.pop()
        if id(tp) in seen:
            continue
        seen.add(id(tp))
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found.append(tp)
        else:
            todo.extend(get_args(tp))
    return found


def fields_at(model: type[BaseModel], path: Sequence[int | str]) -> list[str]:
    """The field names of the (sub-)record at `path` of a `model` record."""
    annotations: list[Any] = [model]
    for part in path:
        if isinstance(part, int):
            continue  # an item of a list: `_models_in` sees through the list
        annotations = [
            m.model_fields[part].annotation
            for a in annotations
            for m in _models_in(a)
            if part in m.model_fields
        ]
    return sorted({name for a in annotations for m in _models_in(a) for name in m.model_fields})


_PLAIN = {
    "missing": ("缺少必填字段", "required field missing"),
    "bool_type": ("应为 true 或 false", "expected true or false"),
    "bool_parsing": ("应为 true 或 false", "expected true or false"),
    "int_type": ("应为整数", "expected a whole number"),
    "int_parsing": ("应为整数", "expected a whole number"),
    "int_from_float": ("应为整数", "expected a whole number"),
    "float_type": ("应为数字", "expected a number"),
    "float_parsing": ("应为数字", "expected a number"),
    "string_type": ("应为文字", "expected text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "list_type": ("应为列表，如 [a, b]", "expected a list, such as [a, b]"),
    "tuple_type": ("应为列表，如 [a, b]", "expected a list, such as [a, b]"),
    "set_type": ("应为列表，如 [a, b]", "expected a list, such as [a, b]"),
    "dict_type": ("应为键值映射，如 {id: x, …}", "expected a mapping, such as {id: x, ...}"),
    "model_type": ("应为键值映射，如 {id: x, …}", "expected a mapping, such as {id: x, ...}"),
    "model_attributes_type": (
        "应为键值映射，如 {id: x, …}",
        "expected a mapping, such as {id: x, ...}",
    ),
}


def either(options: Sequence[str], lang: str) -> str:
    """`“a”或“b”` / `'a' or 'b'`."""
    if lang == "zh":
        return "或".join(f"“{o}”" for o in options)
    quoted = [f"'{o}'" for o in options]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _unknown_field(model: type[BaseModel], loc: Sequence[int | str]) -> tuple[str, str]:
    written = printable(str(loc[-1]))
    meant = closest(written, fields_at(model, loc[:-1]))
    if meant:
        return (
            f"没有“{written}”这个字段，是不是{either(meant, 'zh')}？",
            f"there is no field '{written}'; did you mean {either(meant, 'en')}?",
        )
    return (
        f"没有“{written}”这个字段（各字段见 pingyin-rules schema）",
        f"there is no field '{written}' (see `pingyin-rules schema` for the fields)",
    )


def _bad_value(written: Any, allowed: tuple[str, ...], aliases: ValueAliases) -> tuple[str, str]:
    value = shown(written)
    meant = aliases.suggest(written, allowed) if isinstance(written, str) else []
    listed = "、".join(aliases.describe(code) for code in allowed)
    if meant:
        return (
            f"“{value}”不是可选的值，是不是{'或'.join(aliases.describe(m) for m in meant)}？"
            f"可选：{listed}",
            f"'{value}' is not an allowed value; did you mean {either(meant, 'en')}? "
            f"Allowed: {', '.join(allowed)}",
        )
    hint_zh = "（可写代码或其中文名称）" if has_cjk(listed) else ""
    return (
        f"“{value}”不是可选的值，可选：{listed}{hint_zh}",
        f"'{value}' is not an allowed value; allowed: {', '.join(allowed)}",
    )


def _bad_date(written: Any) -> tuple[str, str]:
    if not isinstance(written, str):
        return f"应为日期，{DATE_FORMS_ZH}", f"expected a date: {DATE_FORMS_EN}"
    value = shown(written)
    if date_parts(written) is not None:
        return f"没有“{value}”这一天", f"{value} is not a day of the calendar"
    return (
        f"无法识别日期“{value}”：{DATE_FORMS_ZH}",
        f"cannot read the date '{value}': {DATE_FORMS_EN}",
    )


class Explained(NamedTuple):
    """One validation error as a clerk reads it: the field as written, the reason in both
    languages, and the line it is on when the file says."""

    field: str | None
    reason: str
    line: int | None


def explain(
    err: ErrorDetails,
    model: type[BaseModel],
    item: Any,
    aliases: ValueAliases | None = None,
    line: int | None = None,
) -> Explained:
    """One validation error of `item`, read as a `model` record; `line` is the item's line
    when the item cannot say (it is not a mapping)."""
    loc = tuple(err["loc"])
    line = error_line(item, loc) or line
    kind, written = err["type"], err.get("input")
    message = str(err["msg"])
    if kind == "extra_forbidden" and loc:
        zh, en = _unknown_field(model, loc)
    elif kind == "invalid_key" and loc:
        written, line = _written_key(item, loc)
        loc = (*loc[:-1], written)
        zh, en = f"字段名须为文字，不能是 {written}", f"a field name must be text, not {written}"
    elif kind in ("enum", "literal_error"):
        zh, en = _bad_value(written, expected_values(err), aliases or bundled_aliases())
    elif kind.startswith("date"):
        zh, en = _bad_date(written)
    elif kind in ("value_error", "assertion_error"):
        # The model's own rule, in its own words (and its own language).
        reason = passed_on(printable(message.removeprefix("Value error, ")), line)
        return Explained(field_name(loc), reason, line)
    elif kind in _PLAIN:
        zh, en = _PLAIN[kind]
        if kind == "model_type" and not loc:
            zh, en = f"每条记录{zh}", f"each record is a mapping: {en}"
    else:
        zh, en = "取值不符合要求", printable(message)
    return Explained(field_name(loc), located(zh, en, line), line)
