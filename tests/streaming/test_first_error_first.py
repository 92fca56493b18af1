"""A bad first record is reported while the rest of the input is still to come: a producer
piping records in sees the error before it has written the next line."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from typing import IO

from streaming_helpers import ON_ARGS, ROOT

# A hang (the error held back until the input ends) fails here instead of blocking the run.
GUARD_SECONDS = 120


def _next_line(stream: IO[str]) -> str:
    found: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: found.put(stream.readline()), daemon=True).start()
    try:
        return found.get(timeout=GUARD_SECONDS)
    except queue.Empty:
        raise AssertionError("no output while the input is still open") from None


def test_the_first_bad_line_is_written_before_the_next_line_is_sent() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "pingyin_rules.cli", "check", "-", "--format", "jsonl",
               *ON_ARGS]  # fmt: skip
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", env=env,
    ) as process:  # fmt: skip
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write('{"section": "meetings", "id": "CW-1", "kind": "weekly"}\n')
        process.stdin.flush()
        first = json.loads(_next_line(process.stdout))  # the input is still open here
        assert first["type"] == "error" and first["record"] == "meeting:CW-1"
        assert "line 1" in first["reason"]
        process.stdin.write('{"section": "officials", "id": "lm", "name": "李明", '
                            '"role": "county_head"}\n')  # fmt: skip
        process.stdin.close()
        rest = [json.loads(line) for line in process.stdout]
        assert process.wait(timeout=GUARD_SECONDS) == 2
    assert any(e["type"] == "verdict" and e["subject"] == "-#official:lm" for e in rest)
    assert rest[-1]["type"] == "summary" and rest[-1]["input_errors"] == 3
