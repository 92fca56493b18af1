"""Time the check of the bundled examples, against a baseline measured in the same run:
pydantic validation of the same records (reading them from YAML is left out of both).

    python benchmarks/bench_examples.py [--repeat 200]

Prints milliseconds per pass over every example file and the ratio check / validation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from pingyin_rules.case_files import build_case
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.pack.yaml_source import load_yaml_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ON = dt.date(2026, 11, 24)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    raw = [load_yaml_file(p) for p in sorted(EXAMPLES.rglob("*.yaml"))]
    checker = Checker(load_pack())
    cases = [build_case(data, "bench").case for data in raw]

    start = time.perf_counter()
    for _ in range(args.repeat):
        for data in raw:
            build_case(data, "bench")
    validate = (time.perf_counter() - start) / args.repeat

    start = time.perf_counter()
    verdicts = 0
    for _ in range(args.repeat):
        for case in cases:
            assert case is not None
            verdicts += len(checker.check(case, on=ON).verdicts)
    check = (time.perf_counter() - start) / args.repeat

    print(f"{len(raw)} example files, {verdicts // args.repeat} verdicts per pass")
    print(f"validate (baseline): {validate * 1000:.2f} ms   check: {check * 1000:.2f} ms   "
          f"ratio check/validate: {check / validate:.2f}")


if __name__ == "__main__":
    main()
