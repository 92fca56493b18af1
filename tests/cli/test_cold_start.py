"""Issue 9, cold start: a command imports what it needs only (no `holidays` unless a working
day is counted), and the compiled-pack cache gives the same output as compiling, is kept
current with the pack, and is never trusted blindly. Timings are in
benchmarks/bench_cold_start.py, not here."""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import EXAMPLES, ROOT, run_process, write

from pingyin_rules.cli import pack_cache
from pingyin_rules.pack.loader import bundled_pack_path, load_pack

ONE_RECORD = "officials:\n  - {id: lm, name: 李明, role: county_head}\n"


def _imports_holidays(tmp_path: Path, *argv: str) -> bool:
    probe = (
        "import sys\nfrom pingyin_rules.cli import main\n"
        f"main({list(argv)!r})\nprint('holidays' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, cwd=tmp_path, check=False)  # fmt: skip
    return result.stderr.strip().splitlines()[-1] == "True"


def test_commands_that_count_no_working_day_do_not_import_holidays(tmp_path: Path) -> None:
    case = write(tmp_path / "one.yaml", ONE_RECORD)
    assert not _imports_holidays(tmp_path, "rules")
    assert not _imports_holidays(tmp_path, "explain", "art69.policy_length")
    assert not _imports_holidays(tmp_path, "check", str(case), "--on", "2026-11-24")


def test_counting_working_days_imports_holidays(tmp_path: Path) -> None:
    assert _imports_holidays(tmp_path, "calendar", "add", "2026-09-28", "10")
    travel = str(EXAMPLES / "violations" / "travel-and-assignments.yaml")
    assert _imports_holidays(tmp_path, "check", travel, "--on", "2026-11-24")


def test_the_package_and_a_calendar_load_without_holidays(tmp_path: Path) -> None:
    probe = (
        "import sys, pingyin_rules\nfrom pingyin_rules.calendar import OfficialCalendar\n"
        "OfficialCalendar(); print('holidays' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr


def test_the_bundled_pack_is_found_where_the_loader_finds_it() -> None:
    assert pack_cache.bundled_root() == bundled_pack_path()


@pytest.mark.parametrize(
    "argv",
    [
        ("check", str(EXAMPLES), "--on", "2026-11-24", "--explain", "--verbose"),
        ("check", str(EXAMPLES), "--on", "2026-11-24", "--format", "sarif"),
        ("rules", "--format", "json"),
        ("explain", "--article", "67"),
    ],
)
def test_a_cached_pack_gives_byte_identical_output(tmp_path: Path, argv: tuple[str, ...]) -> None:
    cache = tmp_path / "cache"
    compiled = run_process(*argv, env={pack_cache.ENV: ""})
    first = run_process(*argv, env={pack_cache.ENV: str(cache)})  # writes the entry
    cached = run_process(*argv, env={pack_cache.ENV: str(cache)})  # reads it
    assert list(cache.glob("pack-*.pickle"))
    assert compiled.stdout == first.stdout == cached.stdout and compiled.stdout
    assert compiled.returncode == cached.returncode


def test_entries_are_private_and_the_cache_can_be_off(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_process("rules", env={pack_cache.ENV: str(cache)})
    (entry,) = cache.glob("pack-*.pickle")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    off = run_process("rules", env={pack_cache.ENV: ""}, cwd=tmp_path)
    assert off.returncode == 0 and sorted(tmp_path.iterdir()) == [cache]


def test_a_changed_pack_file_is_compiled_again(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", pack)
    env = {pack_cache.ENV: str(tmp_path / "cache")}
    assert run_process("rules", "--pack", str(pack), env=env).stdout.startswith("平阴县")
    pack_file = pack / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("  zh: 平阴县", "  zh: 修订版平阴县", 1), encoding="utf-8")
    assert run_process("rules", "--pack", str(pack), env=env).stdout.startswith("修订版平阴县")


def _planted(cache: Path, mode: int) -> None:
    """An entry for the bundled pack whose pack says something the real one does not."""
    real = dataclasses.replace(load_pack(), cases=(), fixtures={}, coverage={})
    forged = dataclasses.replace(real, title_zh="伪造的规则包")
    key = pack_cache._key(pack_cache.bundled_root(), {})
    cache.mkdir(mode=0o700, exist_ok=True)
    entry = cache / f"pack-{key}.pickle"
    with entry.open("wb") as file:
        pack_cache.dump(forged, file)
    entry.chmod(mode)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_is_not_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _planted(cache, 0o600)
    # The command runs this same code and interpreter, so the planted key is its key.
    env_ok = {pack_cache.ENV: str(cache)}
    assert "伪造的规则包" in _rules_title(env_ok)  # a private entry is used: the cache works
    _planted(cache, 0o666)
    assert "伪造的规则包" not in _rules_title(env_ok)


def _rules_title(env: dict[str, str]) -> str:
    result = run_process("rules", env=env)
    return result.stdout.splitlines()[0]


def test_a_broken_entry_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {pack_cache.ENV: str(cache)}
    expected = run_process("rules", env=env).stdout
    for entry in cache.glob("pack-*.pickle"):
        entry.write_bytes(b"not a pickle")
    result = run_process("rules", env=env)
    assert (result.returncode, result.stdout) == (0, expected)


def test_an_unusable_cache_directory_does_not_stop_a_run(tmp_path: Path) -> None:
    blocked = write(tmp_path / "a-file", "")
    result = run_process("rules", env={pack_cache.ENV: str(blocked / "cache")})
    assert result.returncode == 0 and result.stdout.startswith("平阴县")
