"""A cache of compiled rule packs for the command line.

Reading and compiling the bundled pack (two dozen YAML files, with line numbers for every
node) takes about 130 ms, more than half of a one-file `pingyin-rules check`; loading the
compiled pack from a pickle takes a few. An entry is keyed by everything the compiled pack
depends on: the pack's files (by content), the overrides, this package's code (by file size
and modification time), its version and the Python version, so a changed pack or an upgrade
is never served stale. The cache is only ever an optimisation: an entry that cannot be read
or written is ignored and the pack is compiled as usual.

Where: `$PINGYIN_RULES_CACHE_DIR` if set (empty: no cache), else the user's cache directory
(`$XDG_CACHE_HOME` or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
Windows), in `pingyin-rules/`. Entries are pickles, so only files in a directory owned by the
user and writable by nobody else are read.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from .._version import __version__
from ..pack.compiled import CompiledPack

ENV = "PINGYIN_RULES_CACHE_DIR"
KEEP = 8  # entries kept: a few packs and override sets, not every edit of a pack
# A directory this big is not a rule pack someone means to cache; hashing it would cost
# more than compiling.
MAX_FILES, MAX_BYTES = 2_000, 50_000_000
PACKAGE = Path(__file__).resolve().parents[1]


def cache_directory() -> Path | None:
    """The cache directory, or None when caching is off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "pingyin-rules" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "pingyin-rules"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "pingyin-rules"


def bundled_root() -> Path:
    """Where the bundled pack is (as pack.loader.bundled_pack_path finds it), found without
    importing the loader: a cache hit should not pay for the pack compiler's imports."""
    shipped = PACKAGE / "_bundled_rules"
    return shipped if (shipped / "pack.yaml").is_file() else PACKAGE.parents[1] / "rules"


def load_checking_pack(root: str | None, overrides: Mapping[str, Any]) -> CompiledPack:
    """The compiled pack for checking (`check`, `rules`, `explain`): without the pack's own
    test cases, fixtures and coverage matrix, which only `test` and `coverage` read and which
    would double the time to load an entry. From the cache when an entry is current, else
    compiled (and the entry written). Raises what pack.loader.load_pack raises."""
    directory = cache_directory()
    key = _key(Path(root) if root else bundled_root(), overrides) if directory else None
    if directory is not None and key is not None:
        cached = _read(directory / f"pack-{key}.pickle")
        if cached is not None:
            return cached
    from ..pack.loader import load_pack as compile_pack

    pack = dataclasses.replace(
        compile_pack(root, overrides=overrides), cases=(), fixtures={}, coverage={}
    )
    if directory is not None and key is not None:
        _write(directory, f"pack-{key}.pickle", pack)
    return pack


def _key(root: Path, overrides: Mapping[str, Any]) -> str | None:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, sys.implementation.cache_tag, str(root.resolve())):
        digest.update(part.encode() + b"\0")
    try:
        for path in sorted(PACKAGE.rglob("*.py")):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(PACKAGE)}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode()
            )
        files = sorted(
            p for p in root.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )  # fmt: skip
        if len(files) > MAX_FILES:
            return None
        size = 0
        for path in files:
            data = path.read_bytes()
            size += len(data)
            if size > MAX_BYTES:
                return None
            digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(data).digest())
    except OSError:
        return None  # an unreadable pack: let the loader report it
    digest.update(repr(sorted((str(k), repr(v)) for k, v in overrides.items())).encode())
    return digest.hexdigest()[:40]


def _trusted(stat: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (POSIX); a pickle is code."""
    if not hasattr(os, "getuid"):
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _read(path: Path) -> CompiledPack | None:
    try:
        if not _trusted(path.parent.stat()):
            return None
        with path.open("rb") as file:
            if not _trusted(os.fstat(file.fileno())):
                return None
            # The collector would run a dozen times over the objects being built, none of
            # them garbage: that is two thirds of the time to load an entry.
            collecting = gc.isenabled()
            gc.disable()
            try:
                pack = pickle.load(file)
            finally:
                if collecting:
                    gc.enable()
    except Exception:  # a missing, partial or outdated entry: compile instead
        return None
    return pack if isinstance(pack, CompiledPack) else None


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _by_fields(kind: type) -> bool:
    """Whether instances of `kind` can be rebuilt by calling it with their fields."""
    return dataclasses.is_dataclass(kind) and all(f.init for f in dataclasses.fields(kind))


class _Pickler(pickle.Pickler):
    """Pickles the read-only mappings a compiled pack holds (pickle refuses mappingproxy),
    and its frozen dataclasses as constructor calls: unpickled field by field, the ten
    thousand expression nodes of the bundled pack take twice as long to load."""

    def __init__(self, file: IO[bytes]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._simple: dict[type, bool] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is MappingProxyType:
            return _proxy, (dict(obj),)
        simple = self._simple.get(kind)
        if simple is None:
            simple = self._simple[kind] = _by_fields(kind)
        if simple:
            return kind, tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
        return NotImplemented


def dump(pack: CompiledPack, file: IO[bytes]) -> None:
    _Pickler(file).dump(pack)


def _write(directory: Path, name: str, pack: CompiledPack) -> None:
    temporary: str | None = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(directory.stat()):
            return
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".pack-", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            dump(pack, file)
        os.replace(temporary, directory / name)  # atomic: a reader sees all of it or none
        temporary = None
        entries = sorted(directory.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except Exception:  # a read-only home, a full disk, a pack that will not pickle: no cache
        pass
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
