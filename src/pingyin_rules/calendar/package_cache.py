"""The `holidays` package's Chinese schedule, kept in a cache file between runs.

Importing `holidays` and building China's holidays costs a command line run 70–130 ms, the
largest part of checking one record (its country registry imports every country). What a
calendar takes from it is small: the years with a State Council notice, and each year's
days off and make-up working days. The command line keeps those in a JSON file in its cache
directory, keyed by the installed package's files (path, size, modification time), so an
upgrade of `holidays` is never served stale; a year not in the file is read from the package
once and added. JSON, not pickle: the file holds data only. The cache is an optimisation: a
file that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Any

FORMAT = 1
_PACKAGE_FILES = ("__init__.py", "version.py", "countries/china.py")


def package_key() -> str | None:
    """Identifies the installed `holidays` without importing it, or None if it is absent."""
    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or spec.origin is None:
            return None
        root = Path(spec.origin).parent
        digest = hashlib.sha256(f"{FORMAT}\0{root}".encode())
        for name in _PACKAGE_FILES:
            stat = (root / name).stat()
            digest.update(f"\0{name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    except (OSError, ImportError, ValueError):
        return None
    return digest.hexdigest()[:24]


def _trusted(path: Path) -> bool:
    """A directory owned by this user and writable by nobody else (POSIX): another user's
    file could otherwise move a deadline."""
    if not hasattr(os, "getuid"):
        return True
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


class PackageCache:
    """The package's schedule through a cache file in `directory`. Thread-safe: the file is
    read once, and a year added under a lock."""

    __slots__ = ("_data", "_directory", "_key", "_lock")

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._key = package_key()
        self._data: dict[str, Any] | None = None
        self._lock = threading.Lock()

    @property
    def _path(self) -> Path:
        return self._directory / f"holidays-{self._key}.json"

    def _load(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._read() or {}
        return self._data

    def _read(self) -> dict[str, Any] | None:
        if self._key is None or not _trusted(self._directory):
            return None
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # RecursionError: nested past Python
            return None
        valid = (
            isinstance(data, dict)
            and isinstance(data.get("label"), str)
            and isinstance(data.get("confirmed"), list)
            and isinstance(data.get("years"), dict)
        )
        return data if valid else None

    def summary(self) -> tuple[str, frozenset[int]] | None:
        """(version label, years with a notice), when the file has them."""
        with self._lock:
            data = self._load()
        if "label" not in data:
            return None
        try:
            return data["label"], frozenset(int(y) for y in data["confirmed"])
        except (TypeError, ValueError):
            return None

    def year(self, year: int) -> tuple[dict[date, str], dict[date, str]] | None:
        """(days off, make-up working days) of `year`, when the file has it."""
        with self._lock:
            entry = self._load().get("years", {}).get(str(year))
        if not isinstance(entry, dict):
            return None
        try:
            return _days(entry["holidays"]), _days(entry["workdays"])
        except (KeyError, TypeError, ValueError):
            return None

    def store(
        self,
        label: str,
        confirmed: frozenset[int],
        year: int,
        days: tuple[dict[date, str], dict[date, str]],
    ) -> None:
        """Add a year read from the package, and write the file (atomically, best effort)."""
        if self._key is None:
            return
        hols, work = days
        with self._lock:
            data = self._load()
            if data.get("label") != label:
                data.clear()
                data.update(label=label, confirmed=sorted(confirmed), years={})
            data["years"][str(year)] = {
                "holidays": {d.isoformat(): name for d, name in sorted(hols.items())},
                "workdays": {d.isoformat(): name for d, name in sorted(work.items())},
            }
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        try:
            self._directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _trusted(self._directory):
                return
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._directory, suffix=".tmp", delete=False
            ) as out:
                out.write(text)
        except OSError:
            return
        try:
            os.replace(out.name, self._path)  # readers see the old file or the new, whole
        except OSError:
            Path(out.name).unlink(missing_ok=True)


def _days(raw: Any) -> dict[date, str]:
    if not isinstance(raw, dict):
        raise TypeError("expected a mapping of dates")
    return {date.fromisoformat(d): str(name) for d, name in raw.items()}
