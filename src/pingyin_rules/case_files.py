"""Read case files (YAML or JSON, or `-` for stdin): keep every valid record, report the rest."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .pack.yaml_source import LineDict, SourceError, load_yaml_text
from .records import SECTIONS, CaseFile, CasePeriod, Record
from .records.case import record_reference_problems
from .report import InputError

CASE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class LoadedCase:
    source: str
    case: CaseFile | None
    errors: tuple[InputError, ...]
    lines: dict[str, int]  # record subject -> line in the file (YAML input)


def expand_paths(paths: list[str]) -> list[str]:
    """Directories stand for the case files inside them, in sorted order."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.suffix in CASE_SUFFIXES)
        else:
            out.append(p)
    return out


def read_case_file(path: str) -> LoadedCase:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _refused(path, f"cannot read: {exc}")
    return parse_case_text(text, path)


def parse_case_text(text: str, source: str) -> LoadedCase:
    # A byte-order mark, as some editors write, is not part of the data.
    text = text.removeprefix("\ufeff")
    # .json is JSON; anything else (YAML files, stdin) is read as YAML, a superset of JSON,
    # except that stdin that parses as JSON takes the faster JSON reader.
    as_json = source.endswith(".json") or (source == "-" and text.lstrip().startswith("{"))
    try:
        try:
            data: Any = (
                json.loads(text, object_pairs_hook=_no_duplicate_keys)
                if as_json
                else load_yaml_text(text, source)
            )
        except json.JSONDecodeError as exc:
            if source != "-":
                raise ValueError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
            data = load_yaml_text(text, source)  # stdin that is not JSON after all
    except SourceError as exc:
        return _refused(source, f"line {exc.line}: {exc.reason}" if exc.line else exc.reason)
    except RecursionError:
        return _refused(source, "nested too deeply")
    except ValueError as exc:
        return _refused(source, str(exc))
    return build_case(data, source)


def _refused(source: str, reason: str) -> LoadedCase:
    return LoadedCase(source, None, (InputError(source, None, None, reason),), {})


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def build_case(data: Any, source: str) -> LoadedCase:
    """Validate each record on its own, so one bad record costs only itself."""
    if data is None:  # an empty file is an empty case
        data = {}
    if not isinstance(data, dict):
        return _refused(source, "a case file must be a mapping of sections")
    errors: list[InputError] = []
    unknown = sorted(set(data) - set(SECTIONS) - {"case", "period"})
    for key in unknown:
        known = ", ".join(["case", "period", *SECTIONS])
        errors.append(InputError(source, None, key, f"unknown section (expected one of {known})"))
    sections: dict[str, list[Record]] = {}
    lines: dict[str, int] = {}
    for section, model in SECTIONS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            errors.append(InputError(source, None, section, "must be a list of records"))
            continue
        valid: list[Record] = []
        for i, item in enumerate(items):
            label = f"{section}[{i}]"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = f"{model.record_type}:{item['id']}"
            try:
                record = model.model_validate(item)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    field = ".".join(str(p) for p in err["loc"]) or None
                    errors.append(InputError(source, label, field, _reason(err)))
                continue
            valid.append(record)
            if isinstance(item, LineDict):
                lines[record.subject] = item.line
        sections[section] = valid

    ids_by_section = {section: {r.id for r in records} for section, records in sections.items()}
    for section, records in sections.items():
        kept: list[Record] = []
        seen: set[str] = set()
        for record in records:
            problems = list(record_reference_problems(record, ids_by_section))
            if record.id in seen:
                errors.append(InputError(source, record.subject, "id", "duplicate id"))
                continue
            seen.add(record.id)
            for p in problems:
                errors.append(InputError(source, p.subject, p.field, p.reason))
            if not problems:
                kept.append(record)
        sections[section] = kept
    name = data.get("case") if isinstance(data.get("case"), str) else None
    period = None
    if data.get("period") is not None:
        try:
            period = CasePeriod.model_validate(data["period"])
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field = ".".join(["period", *(str(p) for p in err["loc"])])
                errors.append(InputError(source, None, field, _reason(err)))
    # Every record was validated above; construct without validating twice.
    fields: dict[str, Any] = {k: tuple(v) for k, v in sections.items()}
    case = CaseFile.model_construct(case=name, period=period, **fields)
    return LoadedCase(source, case, tuple(errors), lines)


def _reason(err: Any) -> str:
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")
