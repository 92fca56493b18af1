"""Read case files (YAML, JSON or JSON Lines, or `-` for stdin): keep every valid record,
report the rest. JSON Lines (`.jsonl`, or stdin whose first line is a record) is read line by
line (`jsonl_cases`); `read_case_file` collects its errors as for any file, and
`streaming` reports them as they are found.

Every input error is in Chinese and English, with the line when the file gives one
(`input_errors`). What is refused, and how:

- Before reading: anything but a regular file (a FIFO, a device, a directory), and a file
  over the size limit (`input_limits`). A file not in UTF-8 is named (UTF-16, GBK...) with
  how to re-save it; a UTF-8 byte-order mark is dropped.
- An empty file, or one with no records: an input error (exit 2), so that a broken export
  cannot pass CI.
- Per record, the others still checked: an invalid record (field, reason, "did you mean"),
  a record holding text that cannot be decoded or encoded (stray bytes, a lone surrogate
  such as "\\ud800"), a key that is not text, a reference to a record that is not there.
- Duplicate ids within a section: the first record is checked, and each later one is an
  input error naming both lines, not checked. Keeping the first keeps the case that is
  checked consistent (references to the id, the roster's composition, per-period counts see
  one record, with no cascade of secondary errors); the error still fails the run, and
  the file's order decides, not an arbitrary choice.
- A `period` longer than `MAX_PERIOD_YEARS` (see `input_limits.period_too_long`).

Dates in other common forms and codes written as their Chinese names are accepted
(`input_values`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from .aliases import ValueAliases, closest
from .input_errors import (
    either,
    error_line,
    explain,
    field_name,
    key_text,
    located,
    passed_on,
    printable,
)
from .input_limits import (
    MAX_NESTING,
    MAX_PERIOD_YEARS,
    InputRefused,
    decode_input,
    period_too_long,
    read_input_text,
)
from .input_values import validate_repaired
from .json_input import DuplicateKey, decode_json
from .pack.yaml_source import MAX_VALUES, LineDict, SourceError, load_yaml_text
from .records import SECTIONS, CaseFile, CasePeriod, Record
from .records.case import record_reference_problems, without_dependents
from .report import InputError

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")
_TOP_KEYS = ("case", "period", *SECTIONS)

# Text Python holds but cannot write out (lone surrogates), and, in a file that had bytes
# that are not UTF-8, the replacement character they were decoded to.
_BAD_TEXT = re.compile("[\ud800-\udfff]")
_BAD_TEXT_DAMAGED = re.compile("[\ud800-\udfff\ufffd]")
# What in a file's text can put a lone surrogate into its data: an escape (JSON "\ud800",
# YAML "\ud800" or "\U0000d800"), or the character itself in text that was not decoded
# from bytes. Without one, records are not scanned, which keeps large files as fast.
_ESCAPED_SURROGATE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


@dataclass(frozen=True, slots=True)
class LoadedCase:
    source: str
    case: CaseFile | None
    errors: tuple[InputError, ...]
    # record subject (or, for a record in error, the label its errors carry) -> its line
    # in the file (YAML input), so the CI formats can point at it
    lines: dict[str, int]


def expand_paths(paths: list[str]) -> list[str]:
    """Directories stand for the case files inside them, in sorted order. A directory inside
    them named like a case file (`2026.yaml/`) is not a file: its own files are included."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(
                str(f)
                for f in sorted(path.rglob("*"))
                if f.suffix in CASE_SUFFIXES and not f.is_dir()
            )
        else:
            out.append(p)
    return out


def read_case_file(
    path: str, *, aliases: ValueAliases | None = None, max_bytes: int | None = None
) -> LoadedCase:
    """Read one case file (`-`: stdin). `aliases` are the checking pack's names for codes
    (`ValueAliases.from_pack(pack)`; the bundled pack's by default); `max_bytes` overrides
    the size limit (`input_limits.MAX_INPUT_BYTES`; JSON Lines has none, being read a line
    at a time)."""
    from .jsonl_cases import is_jsonl, peek_stdin

    if path == "-":
        jsonl, stream = peek_stdin()
        if jsonl:
            return read_jsonl_case(path, aliases=aliases, stream=stream)
        return read_stdin_case(stream, aliases=aliases, max_bytes=max_bytes)
    if is_jsonl(path):
        return read_jsonl_case(path, aliases=aliases)
    try:
        text, damaged = read_input_text(path, max_bytes)
    except InputRefused as exc:
        return _refused(path, exc.reason, exc.line)
    return _read_text(path, text, damaged, aliases)


def read_stdin_case(
    stream: IO[bytes], *, aliases: ValueAliases | None = None, max_bytes: int | None = None
) -> LoadedCase:
    """Standard input that is not JSON Lines (`jsonl_cases.peek_stdin` told), read whole
    within the size limit, as YAML or JSON."""
    from .jsonl_cases import read_stdin_bytes

    try:
        text, damaged = decode_input(read_stdin_bytes(stream, max_bytes))
    except InputRefused as exc:
        return _refused("-", exc.reason, exc.line)
    return _read_text("-", text, damaged, aliases)


def _read_text(path: str, text: str, damaged: bool, aliases: ValueAliases | None) -> LoadedCase:
    loaded, data = _parse(text, path, aliases, damaged, decoded=True)
    if loaded.case is not None and not loaded.errors and next(loaded.case.records(), None) is None:
        if data is None:
            zh, en = "文件为空（或只有注释），没有任何记录", "the file is empty (or only comments)"
        else:
            zh = "案卷中没有任何记录（officials、meetings、documents 等部分都没有）"
            en = "the case file holds no records (no officials, meetings, documents, ...)"
        return _refused(path, located(zh, en, None))
    return loaded


def parse_case_text(
    text: str, source: str, *, aliases: ValueAliases | None = None, damaged: bool = False
) -> LoadedCase:
    """Read a case file's text; `damaged` says that undecodable bytes were replaced by
    U+FFFD (`input_limits.decode_input`), so the records holding one are reported."""
    return _parse(text, source, aliases, damaged, decoded=False)[0]


def read_jsonl_case(
    path: str, *, aliases: ValueAliases | None = None, stream: IO[bytes] | None = None
) -> LoadedCase:
    """A JSON Lines file read whole, its errors collected (errors in line order, then the
    references that do not resolve). `streaming.check_stream` reads the same file without
    holding its errors or verdicts."""
    from .jsonl_cases import read_jsonl

    errors: list[InputError] = []
    read = read_jsonl(path, emit=errors.append, aliases=aliases, error_lines=True, stream=stream)
    return LoadedCase(path, read.case, tuple(errors), read.lines())


def _parse(
    text: str, source: str, aliases: ValueAliases | None, damaged: bool, *, decoded: bool
) -> tuple[LoadedCase, Any]:
    # A byte-order mark, as some editors write, is not part of the data.
    text = text.removeprefix("\ufeff")
    # .json is JSON; anything else (YAML files, stdin) is read as YAML, a superset of JSON,
    # except that stdin that parses as JSON takes the faster JSON reader.
    as_json = source.endswith(".json") or (source == "-" and text.lstrip().startswith("{"))
    try:
        try:
            data: Any = (
                decode_json(text)
                if as_json
                else load_yaml_text(text, source)
            )
        except json.JSONDecodeError as exc:
            if source != "-":
                reason = located("JSON格式有误", f"invalid JSON: {exc.msg}", exc.lineno)
                return _refused(source, reason, exc.lineno), None
            data = load_yaml_text(text, source)  # stdin that is not JSON after all
    except SourceError as exc:
        return _refused(source, _source_reason(exc), exc.line), None
    except RecursionError:  # JSON nested deeper than Python reads
        zh, en = f"嵌套超过{MAX_NESTING}层", f"nested more than {MAX_NESTING} levels deep"
        line = _json_nesting_line(text)
        return _refused(source, located(zh, en, line), line), None
    except DuplicateKey as exc:
        key = printable(exc.key)
        return _refused(source, located(f"键“{key}”重复", f"duplicate key {key!r}", None)), None
    scan = damaged or _may_hold_bad_text(text, decoded)
    return build_case(data, source, aliases=aliases, scan=scan, damaged=damaged), data


def _may_hold_bad_text(text: str, decoded: bool) -> bool:
    # Substring tests first: a regex over a whole large file costs a tenth of a second.
    if ("\\u" in text or "\\U" in text) and _ESCAPED_SURROGATE.search(text):
        return True
    return not decoded and _BAD_TEXT.search(text) is not None


def _source_reason(exc: SourceError) -> str:
    zh = {
        "yaml": "YAML格式有误（请检查此处的缩进、冒号、引号和括号）",
        "nesting": f"嵌套超过{MAX_NESTING}层",
        "size": f"展开别名（&、*）后超过{MAX_VALUES}个值",
    }.get(exc.code or "", "无法读取")
    return located(zh, printable(exc.reason), exc.line)


def _json_nesting_line(text: str) -> int | None:
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return text.count("\n", 0, token.start()) + 1
        elif first in "]}":
            depth -= 1
    return None


def _refused(source: str, reason: str, line: int | None = None) -> LoadedCase:
    return LoadedCase(source, None, (InputError(source, None, None, reason, line),), {})


def _line(item: Any) -> int | None:
    return item.line if isinstance(item, LineDict) else None


def written_id(item: Any) -> str | None:
    """The id a record that could not be read gives, if it gives one: records naming it are
    left out with it (`without_dependents`), not judged as if it did not exist."""
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip():
            return ident.strip()
    return None


def _label(model: type[Record], section: str, index: int, item: Any) -> str:
    """What an invalid record is called in its errors: its subject when it has an id."""
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip():
            return f"{model.record_type}:{printable(ident.strip())}"
    return f"{section}[{index}]"


def bad_text_path(item: Any, pattern: re.Pattern[str]) -> tuple[Any, ...] | None:
    """Where in a record a key or a text holds characters that cannot be written out."""
    todo: list[tuple[tuple[Any, ...], Any]] = [((), item)]
    while todo:  # a loop, not recursion: a record can nest as deep as its file allows
        path, node = todo.pop()
        if isinstance(node, str):
            if pattern.search(node):
                return path
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and pattern.search(key):
                    return (*path, key)
                todo.append(((*path, key), value))
        elif isinstance(node, list | tuple):
            todo.extend(((*path, i), value) for i, value in enumerate(node))
    return None


_UNDECODABLE = (
    "含有无法解码的文字（不是UTF-8的字节，或 \\ud800 这样孤立的代理码位），本条未检查",
    "holds text that cannot be decoded (bytes that are not UTF-8, or a lone surrogate such "
    "as \\ud800); this record is not checked",
)


def build_case(
    data: Any,
    source: str,
    *,
    aliases: ValueAliases | None = None,
    scan: bool = True,
    damaged: bool = False,
) -> LoadedCase:
    """Validate each record on its own, so one bad record costs only itself. `scan` looks
    for text that cannot be written out (on by default, for data from Python); `damaged`
    also refuses the U+FFFD that undecodable bytes became."""
    if data is None:  # an empty text is an empty case (a file says so: read_case_file)
        data = {}
    if not isinstance(data, dict):
        zh = "案卷文件应为由各部分（officials、meetings 等）组成的映射"
        en = "a case file must be a mapping of sections (officials, meetings, ...)"
        line = 1 if isinstance(data, list) else None
        return _refused(source, located(zh, en, line), line)
    top: Mapping[Any, int] = data.key_lines if isinstance(data, LineDict) else {}
    errors: list[InputError] = []
    for key in sorted((k for k in data if k not in _TOP_KEYS), key=str):
        errors.append(InputError(source, None, key_text(key), _unknown_top(key, top), top.get(key)))

    pattern = _BAD_TEXT_DAMAGED if damaged else _BAD_TEXT
    lines: dict[str, int] = {}
    located_records: set[str] = set()
    # Per section: the valid records, and the position of each in the file's list (parallel
    # lists: a tuple per record would cost the garbage collector on large files).
    refused: dict[str, set[str]] = {section: set() for section in SECTIONS}  # ids given
    sections: dict[str, tuple[list[Record], list[int], list[Any]]] = {}
    for section, model in SECTIONS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            zh, en = (
                "应为记录的列表，每条记录以“- ”开头",
                "must be a list of records, each after '- '",
            )
            section_line = top.get(section)
            reason = located(zh, en, section_line)
            errors.append(InputError(source, None, section, reason, section_line))
            continue
        valid: list[Record] = []
        positions: list[int] = []
        for i, item in enumerate(items):
            line = item.line if isinstance(item, LineDict) else top.get((section, i))
            if scan and (path := bad_text_path(item, pattern)) is not None:
                label = _label(model, section, i, item)
                refused[section].add(written_id(item) or "")
                bad_line = error_line(item, path)
                reason = located(*_UNDECODABLE, bad_line)
                errors.append(InputError(source, label, field_name(path), reason, bad_line))
            else:
                validated, problems, used = validate_repaired(model, item, aliases)
                if validated is not None:
                    record = cast(Record, validated)
                    valid.append(record)
                    positions.append(i)
                    if line is not None:
                        subject = record.subject
                        if subject not in located_records:  # the first: a later one is not checked
                            lines[subject] = line
                            located_records.add(subject)
                    continue
                label = _label(model, section, i, item)
                refused[section].add(written_id(item) or "")
                for err in problems:
                    problem = explain(err, model, used, aliases, line)
                    errors.append(InputError(source, label, *problem))
            if line is not None:
                lines.setdefault(label, line)
        sections[section] = (valid, positions, items)

    ids_by_section = {
        section: {r.id for r in valid} | (refused[section] - {""})
        for section, (valid, _, _) in sections.items()
    }
    kept_by_section: dict[str, Any] = {}
    for section, (valid, positions, items) in sections.items():
        kept: list[Record] = []
        first: dict[str, int] = {}  # id -> position of the record checked
        for record, i in zip(valid, positions, strict=True):
            line = _line(items[i])
            if record.id in first:
                # Named by its position: its subject is the checked record's, and the CI
                # formats should point at this one.
                j = first[record.id]
                at = f"{section}[{i}]"
                reason = _duplicate(record.id, (_line(items[j]), f"{section}[{j}]"), (line, at))
                errors.append(InputError(source, at, "id", reason, line))
                if line is not None:
                    lines[at] = line
                continue
            first[record.id] = i
            unresolved = list(record_reference_problems(record, ids_by_section))
            for p in unresolved:
                reason = passed_on(p.reason, line)
                errors.append(InputError(source, p.subject, p.field, reason, line))
            if not unresolved:
                kept.append(record)
        kept_by_section[section] = tuple(kept)

    # A record left out for its own errors leaves out the records that name it: judged
    # without it, they would be judged on a case that does not hold what they say.
    left_out = {
        section: ids_by_section[section] - {r.id for r in kept}
        for section, kept in kept_by_section.items()
    }
    if any(left_out.values()):
        remaining = {section: list(kept) for section, kept in kept_by_section.items()}
        for p in without_dependents(remaining, left_out):
            line = lines.get(p.subject)
            errors.append(InputError(source, p.subject, p.field, passed_on(p.reason, line), line))
        kept_by_section = {section: tuple(kept) for section, kept in remaining.items()}

    period = _period(data, source, aliases, top, errors)
    name = data.get("case")
    name = printable(name) if isinstance(name, str) else None
    # Every record was validated above; construct without validating twice.
    case = CaseFile.model_construct(case=name, period=period, **kept_by_section)
    return LoadedCase(source, case, tuple(errors), lines)


def _unknown_top(key: Any, top: Mapping[Any, int]) -> str:
    line = top.get(key)
    written = key_text(key)
    if not isinstance(key, str):
        return located(
            f"字段名须为文字，不能是 {written}", f"a field name must be text, not {written}", line
        )
    meant = closest(written, _TOP_KEYS)
    if meant:
        return located(
            f"没有“{written}”这一部分，是不是{either(meant, 'zh')}？",
            f"unknown section '{written}'; did you mean {either(meant, 'en')}?",
            line,
        )
    known = ", ".join(_TOP_KEYS)
    return located(
        f"没有“{written}”这一部分（可用：{known}）",
        f"unknown section '{written}' (expected one of {known})",
        line,
    )


def _duplicate(ident: str, first: tuple[int | None, str], this: tuple[int | None, str]) -> str:
    (first_line, first_at), (line, at) = first, this
    where_zh = f"第{first_line}行" if first_line else first_at
    where_en = f"line {first_line}" if first_line else first_at
    this_zh = "" if line else f"（{at}）"
    this_en = "" if line else f" ({at})"
    ident = printable(ident)
    return located(
        f"id“{ident}”重复：{where_zh}的记录已用此id；只检查{where_zh}那一条，本条{this_zh}未检查",
        f"duplicate id '{ident}': the record at {where_en} has it too; only that one is "
        f"checked, not this one{this_en}",
        line,
    )


def _period(
    data: Mapping[str, Any],
    source: str,
    aliases: ValueAliases | None,
    top: Mapping[Any, int],
    errors: list[InputError],
) -> CasePeriod | None:
    raw = data.get("period")
    if raw is None:
        return None
    # A YAML mapping knows its own line; the top key's line is for a period too long.
    return period_of(raw, source, aliases, top.get("period"), errors, line_in_errors=False)


def period_of(
    raw: Any,
    source: str,
    aliases: ValueAliases | None,
    line: int | None,
    errors: list[InputError],
    *,
    line_in_errors: bool = True,
) -> CasePeriod | None:
    """A case file's `period` as written (`line`: where, when the file says), or None with
    its errors appended: invalid, or longer than `MAX_PERIOD_YEARS`."""
    validated, problems, used = validate_repaired(CasePeriod, raw, aliases)
    if validated is None:
        for err in problems:
            at = line if line_in_errors else None
            field, reason, at = explain(err, CasePeriod, used, aliases, at)
            errors.append(
                InputError(source, None, "period" + (f".{field}" if field else ""), reason, at)
            )
        return None
    period = cast(CasePeriod, validated)
    if period_too_long(period.start, period.end):
        start, end, years = period.start, period.end, MAX_PERIOD_YEARS
        line = used.line if isinstance(used, LineDict) else line
        reason = located(
            f"期间 {start} 至 {end} 超过{years}年。周期性义务按周、季、年逐期判断，"
            f"请按年度拆分案卷（每份不超过{years}年）",
            f"the period {start} to {end} is longer than {years} years. Recurring duties are "
            f"judged week by week; split the case file by year (at most {years} years each)",
            line,
        )
        errors.append(InputError(source, None, "period", reason, line))
        return None
    return period
