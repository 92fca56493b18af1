"""Read JSON Lines case files (`.jsonl`): one record a line, read and validated as it comes.

The shape (documented in the README, "Streaming"):

    {"case": "县政府2026年工作记录"}                              optional header lines
    {"period": {"start": "2026-01-01", "end": "2026-06-30"}}
    {"section": "officials", "id": "lm", "name": "李明", "role": "county_head"}
    {"section": "meetings", "id": "CW-2026-31", "kind": "executive", ...}

A record line is the record's own mapping, as in a YAML or JSON case file, with `section`
naming the section it belongs to; a header line gives `case` or `period` (or both). Lines
may come in any order (the roster need not come first); blank lines are skipped.

What is read when: each line is decoded, parsed and validated on its own, and its errors
(invalid JSON, an unknown section or field, a duplicate id naming the first one's line) go
to `emit` at once, before the next line is read. A reference to another record (an official,
a department, a meeting) can only be resolved once every line has been read, since the record
it names may come later: those errors come after the last line. Each valid record is held
(compacted: `compact.Compactor`) with its line number; nothing else of a line is kept.

Limits: the file must be a regular file or stdin (a FIFO or a device is refused unread, as
for other case files); the whole-file size limit does not apply, since the file is never
held whole, but a line is at most `MAX_LINE_BYTES`.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from array import array
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from .aliases import ValueAliases, closest
from .case_files import bad_text_path, period_of, written_id
from .compact import Compactor
from .input_errors import explain, field_name, key_text, located, passed_on, printable
from .input_limits import (
    MAX_NESTING,
    InputRefused,
    _too_big,
    decode_input,
    max_input_bytes,
    open_regular,
)
from .input_values import validate_repaired
from .json_input import DuplicateKey, decode_json
from .records import SECTIONS, CaseFile, CasePeriod, Record
from .records.case import record_reference_problems, without_dependents
from .report import InputError

JSONL_SUFFIXES = (".jsonl",)
HEADER_KEYS = ("case", "period")
SECTION_KEY = "section"
# A line longer than this is refused (the rest of the file is still read): a document's
# body text is the longest value a record holds, and 8 MiB is far beyond any.
MAX_LINE_BYTES = 8 * 2**20

Emit = Callable[[InputError], None]

_ESCAPED_SURROGATE = re.compile(r"\\[uU][dD][89a-fA-F]")
_BAD_TEXT = re.compile("[\ud800-\udfff\ufffd]")
_SHAPE = (
    '每行应为一个JSON对象：一条记录 {"section": "meetings", "id": …}，'
    '或案卷信息 {"case": …}、{"period": {"start": …, "end": …}}',
    'each line must be a JSON object: a record {"section": "meetings", "id": ...}, or a '
    'header {"case": ...} or {"period": {"start": ..., "end": ...}}',
)
_UNDECODABLE = (
    "含有无法解码的文字（不是UTF-8的字节，或 \\ud800 这样孤立的代理码位），本行未检查",
    "holds text that cannot be decoded (bytes that are not UTF-8, or a lone surrogate such "
    "as \\ud800); this line is not checked",
)
_KINDS = (
    (stat.S_ISFIFO, "命名管道 FIFO", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
    (stat.S_ISSOCK, "套接字", "a socket"),
)


def is_jsonl(path: str) -> bool:
    return path.endswith(JSONL_SUFFIXES)


@dataclass(slots=True)
class JsonlCase:
    """What reading a JSON Lines file leaves: the valid records (as a `CaseFile`), where each
    is in the file, and how many input errors were emitted."""

    source: str
    case: CaseFile | None
    errors: int
    # section -> line of each record of `case`'s section, in the same order
    record_lines: dict[str, array[int]] = field(default_factory=dict)
    # label of a record in error -> its line (only when asked for: `error_lines=True`)
    error_lines: dict[str, int] = field(default_factory=dict)

    def lines(self) -> dict[str, int]:
        """Record subject (or error label) -> line, as `LoadedCase.lines`. Built on request:
        the streaming output formats do not need it."""
        found = dict(self.error_lines)
        if self.case is not None:
            for section, lines in self.record_lines.items():
                for record, line in zip(getattr(self.case, section), lines, strict=True):
                    found.setdefault(record.subject, line)
        return found


class _Reader:
    """One pass over the lines: validates each, holds the valid records, emits the errors."""

    def __init__(
        self, source: str, aliases: ValueAliases | None, emit: Emit, error_lines: bool
    ) -> None:
        self.source, self.aliases, self._emit = source, aliases, emit
        self.errors = 0
        self.keep_error_lines = error_lines
        self.error_lines: dict[str, int] = {}
        self.records: dict[str, list[Record]] = {s: [] for s in SECTIONS}
        self.lines: dict[str, array[int]] = {s: array("I") for s in SECTIONS}
        # section -> id -> position in `records`: duplicates are found as they come, and
        # the same mapping resolves references once the file has been read.
        self.ids: dict[str, dict[str, int]] = {s: {} for s in SECTIONS}
        # Ids given by records that could not be read: those naming them leave with them.
        self.refused: dict[str, set[str]] = {s: set() for s in SECTIONS}
        self.seen: dict[str, int] = dict.fromkeys(SECTIONS, 0)  # lines per section
        self.header: dict[str, tuple[Any, int]] = {}  # key -> (value, line)
        self.period: CasePeriod | None = None
        self.compactor = Compactor()

    def error(self, record: str | None, field: str | None, reason: str, line: int) -> None:
        self.errors += 1
        if record is not None and self.keep_error_lines:
            self.error_lines.setdefault(record, line)
        # 0: no line (the file as a whole)
        self._emit(InputError(self.source, record, field, reason, line or None))

    def line(self, raw: bytes, number: int, first: bool) -> None:
        try:
            text = raw.decode("utf-8")
            damaged = False
        except UnicodeDecodeError:
            if first:  # a file in another encoding is refused as a whole, and named
                text, damaged = decode_input(raw)
            else:
                text, damaged = raw.decode("utf-8", "replace"), True
        if first:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            return
        try:
            data = decode_json(text)
        except json.JSONDecodeError as exc:
            reason = located("JSON格式有误", f"invalid JSON: {exc.msg}", number)
            self.error(None, None, reason, number)
            return
        except RecursionError:
            zh, en = f"嵌套超过{MAX_NESTING}层", f"nested more than {MAX_NESTING} levels deep"
            self.error(None, None, located(zh, en, number), number)
            return
        except DuplicateKey as exc:
            key = printable(exc.key)
            reason = located(f"键“{key}”重复", f"duplicate key {key!r}", number)
            self.error(None, None, reason, number)
            return
        if not isinstance(data, dict):
            self.error(None, None, located(*_SHAPE, number), number)
            return
        # Only a line with an escape can hold a lone surrogate: others are not scanned.
        escaped = "\\u" in text or "\\U" in text
        scan = damaged or (escaped and _ESCAPED_SURROGATE.search(text) is not None)
        if SECTION_KEY in data:
            self.record(data, number, scan)
        else:
            self.header_line(data, number, scan)

    def record(self, item: dict[str, Any], number: int, scan: bool) -> None:
        section = item.pop(SECTION_KEY)
        model = SECTIONS.get(section) if isinstance(section, str) else None
        if model is None:
            self.error(None, SECTION_KEY, _unknown_section(section, number), number)
            return
        index = self.seen[section]
        self.seen[section] = index + 1
        if scan and (path := _bad_text(item)) is not None:
            label = _label(model, section, index, item)
            self.refused[section].add(written_id(item) or "")
            self.error(label, field_name(path), located(*_UNDECODABLE, number), number)
            return
        validated, problems, used = validate_repaired(model, item, self.aliases)
        if validated is None:
            label = _label(model, section, index, item)
            self.refused[section].add(written_id(item) or "")
            for err in problems:
                where, reason, _ = explain(err, model, used, self.aliases, number)
                self.error(label, where, reason, number)
            return
        record = cast(Record, validated)
        ids = self.ids[section]
        first = ids.get(record.id)
        if first is not None:
            at = f"{section}[{index}]"
            reason = _duplicate(record.id, int(self.lines[section][first]), number)
            self.error(at, "id", reason, number)
            return
        self.compactor.record(record)
        records = self.records[section]
        ids[record.id] = len(records)
        records.append(record)
        self.lines[section].append(number)

    def header_line(self, data: dict[str, Any], number: int, scan: bool) -> None:
        if not data:
            self.error(None, None, located(*_SHAPE, number), number)
            return
        for key, value in data.items():
            if key not in HEADER_KEYS:
                self.error(None, key_text(key), _unknown_header(key, number), number)
            elif scan and _bad_text(value) is not None:
                self.error(None, key, located(*_UNDECODABLE, number), number)
            elif key in self.header:
                first = self.header[key][1]
                reason = located(
                    f"“{key}”已在第{first}行给出，本行的不采用",
                    f"'{key}' was already given at line {first}; this one is not used",
                    number,
                )
                self.error(None, key, reason, number)
            else:
                self.header[key] = (value, number)
                if key == "period":  # checked now, so that its errors come with its line
                    self.period = self.checked_period(value, number)

    def finish(self) -> CaseFile:
        """Resolve references (the records named may have come later in the file), and
        give the case file of the records that can be checked."""
        kept_sections: dict[str, Any] = {}
        known = {s: set(self.ids[s]) | (self.refused[s] - {""}) for s in SECTIONS}
        for section, records in self.records.items():
            lines = self.lines[section]
            kept: list[Record] = []
            kept_lines = array("I")
            for record, line in zip(records, lines, strict=True):
                unresolved = list(record_reference_problems(record, known))
                for p in unresolved:
                    self.error(p.subject, p.field, passed_on(p.reason, line), line)
                if not unresolved:
                    kept.append(record)
                    kept_lines.append(line)
            if len(kept) != len(records):
                self.lines[section] = kept_lines
            kept_sections[section] = tuple(kept)
            records.clear()  # the tuple holds them now
        self.leave_out_dependents(kept_sections, known)
        self.ids.clear()
        name = self.header.get("case", (None, 0))[0]
        name = printable(name) if isinstance(name, str) else None  # as in a YAML file
        # Every record was validated as it was read; construct without validating twice.
        return CaseFile.model_construct(case=name, period=self.period, **kept_sections)

    def leave_out_dependents(self, sections: dict[str, Any], known: dict[str, set[str]]) -> None:
        """Records naming a record left out for its errors are left out too (as in
        `case_files.build_case`), with their lines."""
        left_out = {
            section: known[section] - {r.id for r in kept}
            for section, kept in sections.items()
        }
        if not any(left_out.values()):
            return
        remaining = {section: list(kept) for section, kept in sections.items()}
        line_of = {
            record.subject: int(line)
            for section, kept in sections.items()
            for record, line in zip(kept, self.lines[section], strict=True)
        }
        for p in without_dependents(remaining, left_out):
            line = line_of[p.subject]
            self.error(p.subject, p.field, passed_on(p.reason, line), line)
        for section, kept in remaining.items():
            if len(kept) != len(sections[section]):
                still = {id(r) for r in kept}
                self.lines[section] = array(
                    "I",
                    (n for r, n in zip(sections[section], self.lines[section], strict=True)
                     if id(r) in still),
                )  # fmt: skip
                sections[section] = tuple(kept)

    def checked_period(self, raw: Any, line: int) -> CasePeriod | None:
        """The period a header line gives, with the checks of a YAML or JSON file's."""
        errors: list[InputError] = []
        period = period_of(raw, self.source, self.aliases, line, errors)
        for error in errors:
            self.errors += 1
            self._emit(error)
        return period


def read_jsonl(
    path: str,
    *,
    emit: Emit,
    aliases: ValueAliases | None = None,
    error_lines: bool = False,
    stream: IO[bytes] | None = None,
) -> JsonlCase:
    """Read a JSON Lines case file, sending each input error to `emit` as soon as it is
    found (`iter_jsonl` yields them instead)."""
    errors = iter_jsonl(path, aliases=aliases, error_lines=error_lines, stream=stream)
    while True:
        try:
            emit(next(errors))
        except StopIteration as done:
            result: JsonlCase = done.value
            return result


def iter_jsonl(
    path: str,
    *,
    aliases: ValueAliases | None = None,
    error_lines: bool = False,
    stream: IO[bytes] | None = None,
) -> Generator[InputError, None, JsonlCase]:
    """Read a JSON Lines case file: yields each input error as soon as its line has been
    read (before the next line is), and returns what was read. `stream` gives the bytes
    instead of opening `path` (stdin: `peek_stdin`); `error_lines` keeps the line of each
    record in error (for the formats that point into files)."""
    pending: list[InputError] = []
    reader = _Reader(path, aliases, pending.append, error_lines)
    try:
        for number, raw in _numbered_lines(path, stream):
            if raw is None:
                reason = located(
                    f"此行超过{MAX_LINE_BYTES // 2**20} MiB，未读取",
                    f"this line is longer than {MAX_LINE_BYTES // 2**20} MiB and was not read",
                    number,
                )
                reader.error(None, None, reason, number)
            else:
                reader.line(raw, number, first=number == 1)
            if pending:
                yield from pending
                pending.clear()
    except InputRefused as exc:
        reader.error(None, None, exc.reason, exc.line or 0)
        yield from pending
        return JsonlCase(path, None, reader.errors)
    case = reader.finish()
    if not reader.errors and next(case.records(), None) is None:
        if not reader.header:
            zh, en = "文件为空，没有任何记录", "the file is empty"
        else:
            zh = "案卷中没有任何记录（没有 section 为 officials、meetings 等的行）"
            en = "the case file holds no records (no line with a section such as officials)"
        reader.error(None, None, located(zh, en, None), 0)
        yield from pending
        return JsonlCase(path, None, reader.errors)
    yield from pending
    return JsonlCase(path, case, reader.errors, reader.lines, reader.error_lines)


def _numbered_lines(path: str, given: IO[bytes] | None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes without its line break), or None for a line over the
    limit, read as the file is read: nothing but the current line is held."""
    stream = given if given is not None else _open(path)
    try:
        number = 0
        while True:
            raw = stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                    raw = stream.readline(MAX_LINE_BYTES)
                yield number, None
                continue
            yield number, raw.rstrip(b"\r\n")
    finally:
        if given is None:
            stream.close()


class _Replay:
    """Standard input with its first lines read already (to tell JSON Lines from a YAML or
    JSON document) and given again, then the rest as it comes."""

    def __init__(self, head: list[bytes], rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readline(self, size: int = -1) -> bytes:
        if self._head:
            return self._head.pop(0)  # each was read with the same limit
        return self._rest.readline(size)

    def read(self, size: int = -1) -> bytes:
        head = b"".join(self._head)
        self._head = []
        if size < 0:
            return head + self._rest.read()
        return head + self._rest.read(max(size - len(head), 0))


def peek_stdin() -> tuple[bool, IO[bytes]]:
    """Whether standard input is JSON Lines, and a stream of all of it. It is when its first
    line that is not blank is a whole JSON object with a `section` (a record) or only header
    keys; a JSON case file begins with an object that is not complete on its first line, or
    that has sections as keys."""
    stdin = _stdin_bytes()
    head: list[bytes] = []
    jsonl = False
    while True:
        raw = stdin.readline(MAX_LINE_BYTES + 1)
        if not raw:
            break
        head.append(raw)
        text = raw.decode("utf-8", "replace").removeprefix("\ufeff").strip()
        if text:
            jsonl = _looks_like_jsonl(text)
            break
    return jsonl, cast(IO[bytes], _Replay(head, stdin))


def _looks_like_jsonl(line: str) -> bool:
    if not line.startswith("{"):
        return False
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and (
        SECTION_KEY in data or (bool(data) and all(k in HEADER_KEYS for k in data))
    )


def read_stdin_bytes(stream: IO[bytes], max_bytes: int | None = None) -> bytes:
    """All of `peek_stdin`'s stream, within the size limit of a whole case file
    (`input_limits.max_input_bytes`, or `max_bytes`)."""
    limit = max_input_bytes() if max_bytes is None else max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(None, limit)
    return data


def _stdin_bytes() -> IO[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return cast(IO[bytes], buffer)
    import io  # stdin replaced by a text stream (tests, embedding): read it as UTF-8

    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))


def _open(path: str) -> IO[bytes]:
    """A regular file, refused unread if it is not one (`input_limits.open_regular`)."""
    fd, _ = open_regular(path)
    return os.fdopen(fd, "rb", buffering=1 << 16)




def _label(model: type[Record], section: str, index: int, item: dict[str, Any]) -> str:
    """What an invalid record is called in its errors: its subject when it has an id."""
    ident = item.get("id")
    if isinstance(ident, str) and ident.strip():
        return f"{model.record_type}:{printable(ident.strip())}"
    return f"{section}[{index}]"


def _bad_text(item: Any) -> tuple[Any, ...] | None:
    """Where in a value a key or a text holds characters that cannot be written out."""
    return bad_text_path(item, _BAD_TEXT)


def _unknown_section(section: Any, line: int) -> str:
    known = ", ".join(SECTIONS)
    if not isinstance(section, str):
        written = printable(json.dumps(section, ensure_ascii=False))
        return located(
            f"section 应为部分的名称（{known}），而不是 {written}",
            f"section must name a section ({known}), not {written}",
            line,
        )
    written = printable(section)
    meant = closest(written, SECTIONS)
    if meant:
        shown_zh = "或".join(f"“{m}”" for m in meant)
        shown_en = " or ".join(f"'{m}'" for m in meant)
        return located(
            f"没有“{written}”这一部分，是不是{shown_zh}？",
            f"unknown section '{written}'; did you mean {shown_en}?",
            line,
        )
    return located(
        f"没有“{written}”这一部分（可用：{known}）",
        f"unknown section '{written}' (expected one of {known})",
        line,
    )


def _unknown_header(key: str, line: int) -> str:
    written = printable(key)
    meant = closest(written, (*HEADER_KEYS, SECTION_KEY, *SECTIONS))
    if meant and meant[0] in SECTIONS:
        return located(
            f'没有“{written}”这一项：一条记录写作 {{"section": "{meant[0]}", …}}',
            f'unknown key \'{written}\': a record is written {{"section": "{meant[0]}", ...}}',
            line,
        )
    if meant:
        shown_zh = "或".join(f"“{m}”" for m in meant)
        shown_en = " or ".join(f"'{m}'" for m in meant)
        return located(
            f"没有“{written}”这一项，是不是{shown_zh}？",
            f"unknown key '{written}'; did you mean {shown_en}?",
            line,
        )
    return located(
        f"没有“{written}”这一项：{_SHAPE[0]}", f"unknown key '{written}': {_SHAPE[1]}", line
    )


def _duplicate(ident: str, first: int, line: int) -> str:
    ident = printable(ident)
    return located(
        f"id“{ident}”重复：第{first}行的记录已用此id；只检查第{first}行那一条，本条未检查",
        f"duplicate id '{ident}': the record at line {first} has it too; only that one is "
        "checked, not this one",
        line,
    )
