"""Project configuration: defaults for `pingyin-rules` kept beside the case files.

A `pingyin-rules.toml` (settings at the top level) or a `pyproject.toml` with a
`[tool.pingyin-rules]` table, found from the current directory upward (the nearest wins; in
one directory `pingyin-rules.toml` wins), sets defaults that command-line flags override:

    [tool.pingyin-rules]
    paths = ["cases/"]                 # what `pingyin-rules check` checks when given no PATH
    on = 2026-11-24                    # pin the evaluation date, so CI results do not drift
    fail_on = "warning"
    format = "text"
    pack = "my-pack/"
    calendar = ["calendars/2027.yaml"]

    [tool.pingyin-rules.set]
    "art69.policy_length:limit" = 2500

Paths are relative to the file that names them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

CONFIG_FILE = "pingyin-rules.toml"
PYPROJECT = "pyproject.toml"
SECTION = "tool.pingyin-rules"
FORMATS = ("text", "json", "jsonl", "junit", "sarif", "markdown", "github")
FAIL_ON = ("error", "warning")
KEYS = ("paths", "pack", "on", "set", "fail_on", "format", "calendar")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class ProjectConfig:
    """The settings of one configuration file; `path` is None when no file was found.
    Paths are given relative to the current directory when they can be, else absolute."""

    path: Path | None = None
    paths: tuple[str, ...] = ()
    pack: str | None = None
    on: dt.date | None = None
    set: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str | None = None
    format: str | None = None
    calendar: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """The file and, for pyproject.toml, the table: what `pingyin-rules config` names."""
        if self.path is None:
            return ""
        return f"{self.path} [{SECTION}]" if self.path.name == PYPROJECT else str(self.path)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file from `start` (default: the current directory) upward.
    A pyproject.toml counts only if it has a [tool.pingyin-rules] table."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _mentions_us(pyproject):
            return pyproject
    return None


def _mentions_us(pyproject: Path) -> bool:
    # Most pyproject.toml files are not ours: skip them without parsing, so that a broken
    # file of another project up the tree is not this command's problem.
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "pingyin-rules" in text and "pingyin-rules" in _table_names(pyproject, text)


def _table_names(path: Path, text: str) -> set[str]:
    tool = _parse(path, text).get("tool")
    return set(tool) if isinstance(tool, dict) else set()


def _parse(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # only when a file is found: most runs have none

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None


def load_config(path: Path) -> ProjectConfig:
    """Read one configuration file (pingyin-rules.toml, or pyproject.toml's table)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None
    data = _parse(path, text)
    if path.name == PYPROJECT:
        tool = data.get("tool")
        data = tool.get("pingyin-rules", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(path, f"[{SECTION}] must be a table")
    return _settings(path, data)


def discover(start: Path | None = None) -> ProjectConfig:
    """The configuration in force for a command run in `start` (an empty one if none)."""
    path = find_config(start)
    return load_config(path) if path is not None else ProjectConfig()


def _settings(path: Path, data: dict[str, Any]) -> ProjectConfig:
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("-", "_"), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(path, f"unknown setting {key!r}{hint}; settings: {', '.join(KEYS)}")
    base = path.parent

    def one_path(key: str, value: Any) -> str:
        if not isinstance(value, str) or not value:
            raise ConfigError(path, f"{key} must be a path (a string), not {value!r}")
        return _shown(base / value)

    def many_paths(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise ConfigError(path, f"{key} must be a path or a list of paths, not {value!r}")
        return tuple(one_path(key, v) for v in values)

    def choice(key: str, allowed: tuple[str, ...]) -> str | None:
        value = data.get(key)
        if value is not None and value not in allowed:
            raise ConfigError(path, f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        return value

    on = data.get("on")
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on)
        except ValueError:
            raise ConfigError(path, f"on must be a date (YYYY-MM-DD), not {on!r}") from None
    if on is not None and (type(on) is not dt.date):
        raise ConfigError(path, f"on must be a date (YYYY-MM-DD), not {on!r}")
    overrides = data.get("set", {})
    if not isinstance(overrides, dict):
        raise ConfigError(
            path, 'set must be a table of parameters: [tool.pingyin-rules.set] "NAME" = VALUE'
        )
    pack = data.get("pack")
    return ProjectConfig(
        path=path,
        paths=many_paths("paths"),
        pack=one_path("pack", pack) if pack is not None else None,
        on=on,
        set=MappingProxyType(dict(overrides)),
        fail_on=choice("fail_on", FAIL_ON),
        format=choice("format", FORMATS),
        calendar=many_paths("calendar"),
    )


def _shown(path: Path) -> str:
    """A configured path as the user would type it here: relative to the current directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
