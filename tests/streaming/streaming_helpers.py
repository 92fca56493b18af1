"""Shared by the streaming tests: case files as JSON Lines, the whole (not streamed) report
of files, the command run in this process or in its own."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pingyin_rules.api import check_loaded
from pingyin_rules.case_files import expand_paths, read_case_file
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.yaml_source import load_yaml_file
from pingyin_rules.records import SECTIONS
from pingyin_rules.report import Report

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
ON = dt.date(2026, 11, 24)
ON_ARGS = ("--on", ON.isoformat())


def plain(value: Any) -> Any:
    """YAML's line-aware mappings as plain dicts and lists (JSON-ready)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def jsonl_lines(data: dict[str, Any]) -> Iterator[str]:
    """A case file's data as JSON Lines: header lines, then one line per record."""
    for key in ("case", "period"):
        if key in data:
            yield json.dumps({key: plain(data[key])}, ensure_ascii=False)
    for section in SECTIONS:
        for record in data.get(section) or []:
            yield json.dumps({"section": section, **plain(record)}, ensure_ascii=False)


def to_jsonl(yaml_path: Path, target: Path) -> Path:
    target.write_text("\n".join(jsonl_lines(load_yaml_file(yaml_path))) + "\n", encoding="utf-8")
    return target


def examples_as_jsonl(directory: Path) -> list[Path]:
    """Every bundled example converted to JSON Lines, one file each, in `directory`."""
    return [
        to_jsonl(path, directory / f"{path.parent.name}-{path.stem}.jsonl")
        for path in sorted(EXAMPLES.rglob("*.yaml"))
    ]


def whole_report(checker: Checker, paths: list[str], *, explain: bool = False) -> Report:
    """What the command reported before it streamed: every file read and checked whole."""
    return Report.combine(
        check_loaded(checker, read_case_file(path), on=ON, source=path, explain=explain)
        for path in expand_paths(paths)
    )


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines()]
