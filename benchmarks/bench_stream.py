"""Stream N mixed records through the command line, JSON Lines in and out (issue 9's target:
1M records in ≤ 1 GB peak RSS, in ≤ 3× the time of parsing and validating the same file,
growing no faster than n^1.1 from 100k to 1M).

    python benchmarks/bench_stream.py [--sizes 10000 100000] [--million] [--seed 7] [--keep DIR]

For each N, writes a JSON Lines case file (deterministic for a seed): the roster of the
bundled compliant example (18 officials, 13 departments), a period (2026-01-01 to
2026-06-30), then N records drawn from every meeting, document, absence and assignment of
the bundled examples (compliant and violating), in the fixed mix 30% absences, 20%
assignments, 25% documents, 25% meetings; each copy gets a new id, its title or item made
unique, and all its dates moved by the same random 0–720 days back, so that records spread
over two years and cross-record rules (Art. 10 overlaps, Art. 59 counts, Art. 69 series,
the period duties) see many peers. Then, each in its own process:

- check: `pingyin-rules check FILE.jsonl --format jsonl --on 2026-11-24 > /dev/null`,
  wall time and peak RSS (`resource.getrusage(RUSAGE_CHILDREN)`, in a process that runs only
  that command);
- parse + validate: the same file read line by line, `json.loads` and the record model's
  `model_validate` for each line, nothing else (the floor any checker of this input pays),
  its time and peak RSS the same way.

Prints a row per N (wall and CPU seconds: on a shared machine, CPU time varies less), the
ratio check / (parse + validate) of wall times, and the growth exponent of the check's wall
and CPU times (log(t2/t1) / log(n2/n1)) between successive sizes. 1M takes minutes: --million.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ROSTER_FILE = EXAMPLES / "compliant" / "2026-11-county-government.yaml"
ON = "2026-11-24"
MIX = (("absences", 30), ("assignments", 20), ("documents", 25), ("meetings", 25))
PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _templates() -> dict[str, list[dict[str, Any]]]:
    from pingyin_rules.pack.yaml_source import load_yaml_file

    found: dict[str, list[dict[str, Any]]] = {section: [] for section, _ in MIX}
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = load_yaml_file(path)
        for section in found:
            found[section].extend(_plain(item) for item in data.get(section) or [])
    return found


def _plain(value: Any) -> Any:
    """YAML's LineDicts as plain dicts and lists (JSON-ready)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _shifted(value: Any, days: int) -> Any:
    import datetime as dt

    if isinstance(value, str):
        match = _DATE.match(value)
        if match:
            day = dt.date(*map(int, match.groups())) - dt.timedelta(days=days)
            return day.isoformat()
        return value
    if isinstance(value, dict):
        return {k: _shifted(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, days) for v in value]
    return value


def generate(path: Path, n: int, seed: int) -> None:
    """N mixed records as JSON Lines, the same bytes for the same N and seed."""
    from pingyin_rules.pack.yaml_source import load_yaml_file

    rng = random.Random(seed)
    templates = _templates()
    roster = load_yaml_file(ROSTER_FILE)
    sections = [section for section, _ in MIX]
    weights = [weight for _, weight in MIX]
    meetings: list[str] = []
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as out:
        out.write(dumps({"case": f"benchmark: {n} records, seed {seed}"}) + "\n")
        out.write(dumps({"period": PERIOD}) + "\n")
        for section in ("officials", "departments"):
            for item in roster[section]:
                out.write(dumps({"section": section, **_plain(item)}) + "\n")
        for k in range(n):
            section = rng.choices(sections, weights)[0]
            record = copy.deepcopy(rng.choice(templates[section]))
            record = _shifted(record, rng.randrange(721))
            record["id"] = f"{record['id']}~{k}"
            for text in ("title", "item"):
                if isinstance(record.get(text), str):
                    record[text] = f"{record[text]}（{k}）"
            if section == "meetings":
                meetings.append(record["id"])
            elif section == "assignments" and "meeting" in record:
                # a meeting of this file (the example's own is not copied under its id)
                if meetings:
                    record["meeting"] = meetings[rng.randrange(len(meetings))]
                else:
                    del record["meeting"]
            out.write(dumps({"section": section, **record}) + "\n")


def parse_and_validate(path: str) -> None:
    """The floor: each line parsed and validated by its record model, nothing kept."""
    from pingyin_rules.records import SECTIONS, CasePeriod

    count = 0
    began = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            data = json.loads(line)
            section = data.pop("section", None)
            if section is None:
                if "period" in data:
                    CasePeriod.model_validate(data["period"])
                continue
            SECTIONS[section].model_validate(data)
            count += 1
    # stderr: the measuring process sends stdout to /dev/null
    print(json.dumps({"seconds": time.perf_counter() - began, "records": count}), file=sys.stderr)


def measure(argv: list[str]) -> None:
    """Run `argv` with stdout to /dev/null; print its wall time and peak RSS (this process
    runs nothing else, so RUSAGE_CHILDREN is that command's)."""
    began = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        done = subprocess.run(argv, stdout=devnull, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"wall": wall, "cpu": cpu, "rss_mib": peak_kib / 1024, "code": done.returncode,
                      "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))  # fmt: skip


def _measured(argv: list[str]) -> dict[str, Any]:
    probe = [sys.executable, __file__, "--measure", "--", *argv]
    result = subprocess.run(probe, capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _cli() -> str:
    found = shutil.which("pingyin-rules", path=str(Path(sys.executable).parent))
    return found or "pingyin-rules"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 (minutes)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="write the generated files here and keep them")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--parse-only", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.command)
        return
    if args.parse_only:
        parse_and_validate(args.parse_only)
        return

    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    where = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-stream-"))
    where.mkdir(parents=True, exist_ok=True)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"mix {', '.join(f'{s} {w}%' for s, w in MIX)}; seed {args.seed}")  # fmt: skip
    print(f"{'records':>9} {'file MB':>8} {'check s':>8} {'cpu s':>7} {'RSS MiB':>8} "
          f"{'parse+validate s':>17} {'cpu s':>7} {'RSS MiB':>8} {'ratio':>6}")  # fmt: skip
    rows: list[tuple[int, float, float]] = []
    try:
        for n in sizes:
            path = where / f"stream-{n}.jsonl"
            if not path.exists():
                generate(path, n, args.seed)
            size_mb = path.stat().st_size / 1e6
            check = _measured([_cli(), "check", str(path), "--format", "jsonl", "--on", ON])
            if check["code"] not in (0, 1):
                sys.exit(f"check exited {check['code']}: {check['stderr']}")
            floor = _measured([sys.executable, __file__, "--parse-only", str(path)])
            rows.append((n, check["wall"], check["cpu"]))
            print(f"{n:>9} {size_mb:>8.1f} {check['wall']:>8.2f} {check['cpu']:>7.2f} "
                  f"{check['rss_mib']:>8.0f} {floor['wall']:>17.2f} {floor['cpu']:>7.2f} "
                  f"{floor['rss_mib']:>8.0f} {check['wall'] / floor['wall']:>6.2f}",
                  flush=True)  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(where, ignore_errors=True)
    for (n1, t1, c1), (n2, t2, c2) in itertools.pairwise(rows):
        scale = math.log(n2 / n1)
        print(f"growth exponent {n1} → {n2}: wall {math.log(t2 / t1) / scale:.2f}, "
              f"cpu {math.log(c2 / c1) / scale:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
