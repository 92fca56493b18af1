"""One loaded pack, many threads: the same results as one thread."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pingyin_rules.case_files import expand_paths, read_case_file
from pingyin_rules.engine.checker import Checker

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_concurrent_checks_match_sequential_ones(checker: Checker) -> None:
    cases = []
    for path in expand_paths([str(EXAMPLES)]):
        loaded = read_case_file(path)
        assert loaded.case is not None
        cases.append((path, loaded.case))
    on = dt.date(2026, 11, 24)

    def run(item: tuple[str, Any]) -> str:
        path, case = item
        return checker.check(case, on=on, source=path).to_json()

    expected = [run(item) for item in cases]
    work = cases * 8
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(run, work))
    assert results == expected * 8
