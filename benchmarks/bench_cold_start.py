"""Time the command line from a cold process: what a clerk or a CI step waits for.

    python benchmarks/bench_cold_start.py [--runs 20] [--module] [--importtime]

Each command runs `--runs` times in a fresh process; the median and the fastest run are
printed, in milliseconds. Three conditions are measured:

- installed: the package's bytecode compiled (as `pip install` leaves it) and the compiled-pack
  cache warm: what every run but the first one after an install or a pack change costs;
- no pack cache: the same with the cache off (PINGYIN_RULES_CACHE_DIR=""), as the first run;
- source: no bytecode either (PYTHONDONTWRITEBYTECODE=1 on a source checkout).

Bytecode and cache go to a temporary directory, never into the source tree or the user's
cache. `--module` runs `python -m pingyin_rules.cli` instead of the `pingyin-rules` script
(to time another checkout: PYTHONPATH=/that/checkout/src). `--importtime` adds the slowest
imports of `pingyin_rules.cli` (python -X importtime, cumulative microseconds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_RECORD = "officials:\n  - {id: lm, name: 李明, role: county_head}\n"


def command() -> list[str]:
    script = Path(sys.executable).with_name("pingyin-rules")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pingyin_rules.cli"]


def time_runs(argv: Sequence[str], env: Mapping[str, str], runs: int) -> tuple[float, float]:
    """Median and fastest wall time of `runs` fresh processes, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)  # fmt: skip
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def import_times(env: Mapping[str, str], top: int = 15) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import pingyin_rules.cli"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    rows = []
    for line in result.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--module", action="store_true", help="python -m pingyin_rules.cli")
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "pingyin_rules.cli"] if args.module else command()

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "one.yaml"
        case.write_text(ONE_RECORD, encoding="utf-8")
        commands = {
            "--version": ["--version"],
            "rules": ["rules"],
            "check one record": ["check", str(case), "--on", "2026-11-24"],
            "check examples/": ["check", str(ROOT / "examples"), "--on", "2026-11-24"],
        }
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        installed = {**base, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc"),
                     "PINGYIN_RULES_CACHE_DIR": str(Path(tmp) / "cache")}  # fmt: skip
        conditions = {
            "installed": installed,
            "no pack cache": {**installed, "PINGYIN_RULES_CACHE_DIR": ""},
            "source": {**base, "PYTHONDONTWRITEBYTECODE": "1",
                       "PINGYIN_RULES_CACHE_DIR": str(Path(tmp) / "cache")},
        }  # fmt: skip
        for argv in commands.values():  # compile the bytecode, fill the cache
            subprocess.run([*cli, *argv], env=installed, capture_output=True, check=False)

        print(f"{' '.join(cli)}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
              f"{args.runs} runs each: median (fastest) ms")  # fmt: skip
        print(f"{'command':<18}" + "".join(f"{name:>18}" for name in conditions))
        for label, argv in commands.items():
            cells = []
            for env in conditions.values():
                median, fastest = time_runs([*cli, *argv], env, args.runs)
                cells.append(f"{median:>9.0f} ({fastest:.0f})")
            print(f"{label:<18}" + "".join(f"{cell:>18}" for cell in cells))
        if args.importtime:
            print("\nslowest imports of pingyin_rules.cli (cumulative µs, installed):")
            for micros, name in import_times(installed):
                print(f"{micros:>9} {name}")


if __name__ == "__main__":
    main()
