"""`pingyin-rules check` run in this process, its output caught as the bytes a user gets.

Imported by the fuzz tests and, for the hash-seed test, by a fresh interpreter (so this
module needs nothing from pytest or hypothesis)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from pingyin_rules.cli import main

ON = "2026-11-24"
OUTPUT_FORMATS = ("text", "json", "jsonl", "junit", "sarif", "markdown", "github")


@dataclass(frozen=True)
class Run:
    code: int
    out: bytes
    err: str


def check(*argv: str) -> Run:
    """`pingyin-rules check ARGV... --on 2026-11-24 --no-config` (no configuration file found
    around the working directory changes the run). Exceptions are not caught: one that
    escapes `main` fails the test that called this."""
    out, err = io.BytesIO(), io.StringIO()
    # A text stream over bytes, as sys.stdout is, so that what is compared is the bytes.
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(text), contextlib.redirect_stderr(err):
        try:
            code = main(["check", *argv, "--on", ON, "--no-config"])
        except SystemExit as exc:  # argparse refusing a usage: a bug of these tests
            code = exc.code if isinstance(exc.code, int) else 2
        text.flush()
    return Run(code, out.getvalue(), err.getvalue())


def every_format(path: str, extra: Sequence[str] = ()) -> bytes:
    """The exit status and output of each output format for one case file, as one text."""
    parts: list[bytes] = []
    for fmt in OUTPUT_FORMATS:
        run = check(path, "--format", fmt, *extra)
        parts.append(f"--- {fmt}: exit {run.code}; stderr {run.err!r}\n".encode())
        parts.append(run.out)
    return b"".join(parts)


if __name__ == "__main__":  # python fuzz_cli.py PATH [FLAG...]: what the hash-seed test runs
    sys.stdout.buffer.write(every_format(sys.argv[1], sys.argv[2:]))
