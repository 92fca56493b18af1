"""The JSON report (`check --format json`), written as the verdicts come, byte for byte what
`Report.to_json()` writes for the same run.

The contract puts `ok` and `summary` before the verdicts, and they are known only at the
end; so each verdict and each input error is written, as it comes, to a temporary file (in
memory up to `SPOOL_BYTES`, then on disk), and the report is the head, then those files
copied through, then the tail. Memory stays bounded whatever the number of verdicts; the
disk holds about the report's size until the run ends. For output that starts at once,
use JSON Lines (`--format jsonl`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from typing import IO, TextIO

from ..report import InputError, Verdict
from ..streaming import Tally

SPOOL_BYTES = 16 * 2**20
_ITEM = "\n    "  # an entry of "verdicts" or "errors", as json.dumps(indent=2) places it


def _entry(data: dict[str, object]) -> str:
    # As json.dumps(report, indent=2) writes it two levels down: every line indented by four
    # more spaces (a JSON string holds no line break, so each "\n" starts a line).
    return json.dumps(data, ensure_ascii=False, indent=2).replace("\n", _ITEM)


def _spool() -> IO[str]:
    # surrogatepass: the text is written out exactly as `Report.to_json` would have been.
    return tempfile.SpooledTemporaryFile(  # closed in finish()
        max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", errors="surrogatepass"
    )


class JsonReportWriter:
    """`streaming.Writer` for the JSON report."""

    def __init__(self, out: TextIO, *, explain: bool = False) -> None:
        self.out, self.explain = out, explain
        self._verdicts, self._errors = _spool(), _spool()
        self._any_verdict = self._any_error = False

    def start_file(self, path: str) -> None:
        pass

    def add(self, found: Verdict | InputError) -> None:
        if isinstance(found, Verdict):
            spool = self._verdicts
            if self._any_verdict:
                spool.write(",")
            self._any_verdict = True
            spool.write(_ITEM + _entry(found.to_dict(explain=self.explain)))
        else:
            spool = self._errors
            if self._any_error:
                spool.write(",")
            self._any_error = True
            spool.write(_ITEM + _entry(found.to_dict()))

    def end_file(self, path: str) -> None:
        pass

    def finish(self, tally: Tally) -> None:
        out = self.out
        head = json.dumps({"ok": tally.ok, "summary": tally.summary}, ensure_ascii=False, indent=2)
        out.write(head.removesuffix("\n}") + ',\n  "verdicts": [')
        self._copy(self._verdicts, self._any_verdict)
        out.write(',\n  "errors": [')
        self._copy(self._errors, self._any_error)
        out.write("\n}\n")
        out.flush()

    def _copy(self, spool: IO[str], any_entry: bool) -> None:
        with spool:
            if any_entry:
                spool.seek(0)
                shutil.copyfileobj(spool, self.out, 1 << 20)
                self.out.write("\n  ]")
            else:
                self.out.write("]")
