"""What a streamed check holds: the records and their index, never the verdicts or the input
errors it has handed on. Tested by counting live objects and traced memory, never by time."""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from streaming_helpers import EXAMPLES, ON, jsonl_lines, plain

from pingyin_rules.engine.checker import Checker
from pingyin_rules.jsonl_cases import iter_jsonl, read_jsonl
from pingyin_rules.pack.yaml_source import load_yaml_file
from pingyin_rules.report import InputError, Verdict
from pingyin_rules.streaming import Tally, check_stream


def _many_records(path: Path, copies: int) -> Path:
    """Every meeting, document, absence and assignment of the bundled examples, copied
    `copies` times under new ids, with the compliant example's roster, as JSON Lines."""
    roster = load_yaml_file(EXAMPLES / "compliant" / "2026-11-county-government.yaml")
    lines = list(jsonl_lines({k: roster[k] for k in ("officials", "departments")}))
    examples = [load_yaml_file(p) for p in sorted(EXAMPLES.rglob("*.yaml"))]
    for _ in range(copies):
        for data in examples:
            for section in ("meetings", "documents", "absences", "assignments"):
                for record in data.get(section) or []:
                    ident = f"{record['id']}~{len(lines)}"  # examples share some ids
                    copy = {"section": section, **plain(record), "id": ident}
                    copy.pop("meeting", None)  # the example's meeting is not copied under its id
                    lines.append(json.dumps(copy, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _live(kind: type) -> int:
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def _baseline() -> int:
    """Verdicts alive before a test starts (other tests' fixtures may hold some)."""
    gc.collect()
    return _live(Verdict)


def test_iter_check_yields_verdicts_it_does_not_keep(checker: Checker, tmp_path: Path) -> None:
    read = read_jsonl(str(_many_records(tmp_path / "many.jsonl", 2)), emit=_no_error)
    assert read.case is not None
    before = _baseline()
    stream = checker.iter_check(read.case, on=ON, source="many.jsonl")
    seen = 0
    live_at_checkpoints = []
    for verdict in stream:
        assert isinstance(verdict, Verdict)
        seen += 1
        if seen % 400 == 0:
            del verdict  # the caller has written it and let it go
            live_at_checkpoints.append(_live(Verdict) - before)
    assert seen > 1600 and live_at_checkpoints
    # at most the one the suspended generator still names
    assert max(live_at_checkpoints) <= 1, live_at_checkpoints
    verdict = None  # the last one, which the loop left named here
    assert _live(Verdict) == before


class _Discard:
    """A writer that renders each verdict, as an output format does, and keeps nothing but
    the count of verdicts alive when it is handed one."""

    def __init__(self) -> None:
        self.before = _baseline()
        self.most_alive = 0
        self.handed = 0

    def start_file(self, path: str) -> None:
        pass

    def add(self, found: Verdict | InputError) -> None:
        found.to_dict()
        self.handed += 1
        if self.handed % 500 == 0:
            self.most_alive = max(self.most_alive, _live(Verdict) - self.before)

    def end_file(self, path: str) -> None:
        pass

    def finish(self, tally: Tally) -> None:
        pass


def test_a_streamed_run_holds_no_verdict_it_has_written(checker: Checker, tmp_path: Path) -> None:
    path = _many_records(tmp_path / "many.jsonl", 2)
    writer = _Discard()
    tally = check_stream(checker, [str(path)], writer, on=ON)
    assert writer.handed == sum(tally.counts.values()) + tally.errors > 2000
    assert writer.most_alive <= 2  # the one in hand, and the one the checker last named


def _peak(run: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_holds_far_less_than_the_verdicts(checker: Checker, tmp_path: Path) -> None:
    read = read_jsonl(str(_many_records(tmp_path / "many.jsonl", 4)), emit=_no_error)
    case = read.case
    assert case is not None

    def streamed() -> None:
        for verdict in checker.iter_check(case, on=ON, source="many.jsonl"):
            verdict.to_dict()  # written out, and let go

    def kept() -> None:
        verdicts = list(checker.iter_check(case, on=ON, source="many.jsonl"))
        for verdict in verdicts:
            verdict.to_dict()

    # Above the records already read: streaming holds their index and one verdict at a
    # time; keeping the verdicts holds several times that.
    assert _peak(streamed) * 4 < _peak(kept)


def _bad_lines(path: Path, n: int) -> Path:
    # One line over and over: pydantic keeps a bounded cache of the texts it has seen, which
    # distinct ids would fill (up to its capacity) and blur what this test measures.
    line = json.dumps({"section": "meetings", "id": "M", "kind": "weekly"})
    path.write_text((line + "\n") * n)
    return path


def _drain(errors: Iterator[InputError]) -> int:
    return sum(1 for _ in errors)


def test_input_errors_are_handed_on_not_kept(tmp_path: Path) -> None:
    small = str(_bad_lines(tmp_path / "small.jsonl", 300))
    large = str(_bad_lines(tmp_path / "large.jsonl", 3_000))
    assert _drain(iter_jsonl(small)) >= 300
    # Ten times the bad lines, about the same memory (were they kept: about ten times).
    assert _peak(lambda: _drain(iter_jsonl(large))) < 2 * _peak(lambda: _drain(iter_jsonl(small)))


def _no_error(error: InputError) -> None:
    raise AssertionError(error)
