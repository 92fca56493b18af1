"""JSON Lines output (`check --format jsonl`): one line per input error and per verdict, as
they are found, then a summary line. Nothing is held: a line is written and forgotten.

Each line is a JSON object whose `type` says what it is; the other fields are exactly those
of the JSON report's entries (a public contract, `report.py`):

    {"type":"error","file":…,"record":…,"field":…,"reason":…,"line":…}
    {"type":"verdict","rule_id":…,"article":…,"status":…,…,"remedy":…}
    {"type":"summary","ok":false,"summary":{"pass":…,"fail":…,"exception":…,"not_applicable":…},"input_errors":3}

The summary line is always last, so a reader knows the output is complete. Lines are in
the order they are found: per file, its input errors as its lines are read (JSON Lines
input), then its verdicts in the report's order, with an input error found while judging
where it was found. Input errors are flushed at once, so a producer upstream sees the
first bad record while the rest is still being read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder
from typing import Any, TextIO

from ..report import InputError, Verdict
from ..streaming import Tally


def _compact_encoder() -> Callable[[Any], str]:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":")), with the C encoder built
    once: `JSONEncoder.encode` builds it again for every call, a third of a line's cost.
    Without the C encoder (another Python), the ordinary encoder."""
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:
        return plain.encode
    # No circular-reference markers: a verdict's fields are a tree the engine built.
    chunks = make(None, plain.default, encoder.encode_basestring, None, ":", ",",
                  False, False, True)  # fmt: skip

    def dumps(value: Any) -> str:
        return "".join(chunks(value, 0))

    return dumps


_dumps = _compact_encoder()


def verdict_line(verdict: Verdict, explain: bool = False) -> str:
    # Spliced rather than merged into a new dict: one dict per verdict, not two.
    return '{"type":"verdict",' + _dumps(verdict.to_dict(explain=explain))[1:] + "\n"


def error_line(error: InputError) -> str:
    return '{"type":"error",' + _dumps(error.to_dict())[1:] + "\n"


def summary_line(tally: Tally) -> str:
    summary = {"type": "summary", "ok": tally.ok, "summary": tally.summary}
    summary["input_errors"] = tally.errors
    return _dumps(summary) + "\n"


class JsonlWriter:
    """`streaming.Writer` for JSON Lines."""

    def __init__(self, out: TextIO, *, explain: bool = False) -> None:
        self.out, self.explain = out, explain

    def start_file(self, path: str) -> None:
        pass

    def add(self, found: Verdict | InputError) -> None:
        if isinstance(found, Verdict):
            self.out.write(verdict_line(found, self.explain))
        else:
            self.out.write(error_line(found))
            self.out.flush()

    def end_file(self, path: str) -> None:
        pass

    def finish(self, tally: Tally) -> None:
        self.out.write(summary_line(tally))
        self.out.flush()
