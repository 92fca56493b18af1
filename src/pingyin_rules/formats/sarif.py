"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps).

Every rule of the pack is described in the driver, so viewers can show the cited clause; one
result per failed verdict (warning rules too, at level "warning": SARIF consumers apply their
own thresholds, so fail_on is recorded in the run's properties rather than hiding results).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..pack.compiled import CompiledPack, CompiledRule
from ..report import InputError, Report, Verdict, check_fail_on
from ._common import (
    INPUT_ERROR_ID,
    cite,
    error_location,
    error_where,
    location,
    plain,
    record_of,
    remedy_text,
    run_failed,
)
from .markdown import escape

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "pingyinRulesSubject/v1"


def _pascal(rule_id: str) -> str:
    """art51.executive_quorum -> ExecutiveQuorum: SARIF's readable rule name style."""
    tail = rule_id.rsplit(".", 1)[-1]
    return "".join(part.capitalize() for part in tail.replace("-", "_").split("_") if part)


def _descriptor(rule: CompiledRule) -> dict[str, Any]:
    citation = cite(rule.article, rule)
    quoted = "\n".join(f"> {line}" for line in rule.clause.splitlines() or [""])
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.title_zh},
        "fullDescription": {"text": f"“{rule.clause}”"},
        "help": {
            "text": f"{citation} {rule.title_zh} / {rule.title_en}\n“{rule.clause}”",
            "markdown": f"**{citation}** {rule.title_zh} — *{rule.title_en}*\n\n{quoted}",
        },
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"article": rule.article, "item": rule.item, "severity": rule.severity},
    }


def _unknown_descriptor(v: Verdict) -> dict[str, Any]:
    # A verdict from a rule this pack lacks still needs a descriptor for ruleIndex to point at.
    return {
        "id": v.rule_id,
        "name": _pascal(v.rule_id),
        "shortDescription": {"text": v.rule_id},
        "defaultConfiguration": {"level": _level(v.severity)},
        "properties": {"article": v.article, "item": None, "severity": v.severity},
    }


INPUT_ERROR_RULE: dict[str, Any] = {
    "id": INPUT_ERROR_ID,
    "name": "InputError",
    "shortDescription": {"text": "输入错误：记录无法读取或校验，未经检查"},
    "fullDescription": {
        "text": "A case file or record could not be read or validated, so it was not checked."
    },
    "help": {
        "text": "修正所指文件或记录后重新检查。Fix the file or record named, then check again."
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"article": None, "item": None, "severity": "error"},
}


def _level(severity: str) -> str:
    return "warning" if severity == "warning" else "error"


def _uri(file: str) -> str:
    """A relative path stays relative (as given, '/'-separated, percent-encoded); an absolute
    one becomes a file: URI, since a bare absolute path is not a URI reference."""
    if PureWindowsPath(file).is_absolute():  # C:\cases\m.yaml
        return PureWindowsPath(file).as_uri()
    posix = file.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")


def _location(file: str | None, line: int | None, name: str, full: str) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    if file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
        if line is not None:
            physical["region"] = {"startLine": line}
        loc["physicalLocation"] = physical
    loc["logicalLocations"] = [{"name": name, "fullyQualifiedName": full}]
    return loc


def _fingerprint(*parts: str) -> dict[str, str]:
    # Stable across runs and line moves, so code scanning tracks one alert per rule and record.
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return {FINGERPRINT: digest}


def _result(v: Verdict, index: int, report: Report) -> dict[str, Any]:
    remedy_zh, remedy_en = remedy_text(v, "zh"), remedy_text(v, "en")
    # Record text is user input: escaped, so a viewer that renders markdown shows it literally.
    markdown = f"{escape(v.message)}\n\n{escape(v.message_en)}"
    if v.remedy:
        markdown += f"\n\n**整改 Remedy:** {escape(remedy_zh)} / {escape(remedy_en)}"
    return {
        "ruleId": v.rule_id,
        "ruleIndex": index,
        "level": _level(v.severity),
        "message": {"text": f"{v.message} ({v.message_en})", "markdown": markdown},
        "locations": [_location(*location(report, v.subject), record_of(v.subject), v.subject)],
        "partialFingerprints": _fingerprint(v.rule_id, v.subject),
        "properties": {
            "subject": v.subject,
            "article": v.article,
            "severity": v.severity,
            "evidence": plain(v.evidence),
            "remedy": plain(v.remedy) if v.remedy else None,
        },
    }


def _error_result(e: InputError, index: int, report: Report) -> dict[str, Any]:
    where = error_where(e)
    name = e.record or e.file or where
    return {
        "ruleId": INPUT_ERROR_ID,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": f"{where}: {e.reason}"},
        "locations": [_location(*error_location(report, e), name, where)],
        "partialFingerprints": _fingerprint(
            INPUT_ERROR_ID, e.file or "", e.record or "", e.field or "", e.reason
        ),
        "properties": {"file": e.file, "record": e.record, "field": e.field},
    }


def render_sarif(report: Report, pack: CompiledPack, *, fail_on: str = "error") -> str:
    check_fail_on(fail_on)
    descriptors = [_descriptor(rule) for rule in pack.rules]
    known = {rule.id for rule in pack.rules}
    strays = {v.rule_id: v for v in report.verdicts if v.rule_id not in known}
    descriptors += [_unknown_descriptor(strays[rule_id]) for rule_id in sorted(strays)]
    descriptors.append(INPUT_ERROR_RULE)
    index = {d["id"]: i for i, d in enumerate(descriptors)}

    results = [_result(v, index[v.rule_id], report) for v in report.verdicts if v.status == "fail"]
    results += [_error_result(e, index[INPUT_ERROR_ID], report) for e in report.errors]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pingyin-rules",
                        "version": __version__,
                        "rules": descriptors,
                        "properties": {
                            "pack": pack.id,
                            "packVersion": pack.version,
                            "packTitle": pack.title_zh,
                        },
                    }
                },
                "results": results,
                "properties": {
                    "failOn": fail_on,
                    "failed": run_failed(report, fail_on),
                    "summary": {**report.summary, "input_errors": len(report.errors)},
                },
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
