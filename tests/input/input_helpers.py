"""Shared by the input tests: the evaluation date, a small roster, the result of a run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

ON = "2026-11-24"
ROSTER = """\
officials:
  - {id: lm, name: 李明, role: county_head}
  - {id: wjg, name: 王建国, role: executive_deputy_head}
  - {id: lq, name: 刘强, role: deputy_head, portfolio: [czj]}
departments:
  - {id: czj, name: 县财政局, kind: finance}
"""


@dataclass
class Run:
    """What `pingyin-rules check` did: exit status, standard output and error."""

    code: int
    out: str
    err: str

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.report["errors"])

    def verdicts_for(self, subject_end: str) -> list[dict[str, Any]]:
        return [v for v in self.report["verdicts"] if v["subject"].endswith(subject_end)]


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line of `text` holding `fragment`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)
