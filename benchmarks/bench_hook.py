"""Time the validation hook against a baseline measured in the same run: pydantic validation
of the same record (issue 9's target: a bound hook costs at most 3x that).

    python benchmarks/bench_hook.py [--repeat 2000]

The context is the bundled examples' roster of 40 officials (repeated to 40 if smaller); the
records are a document about to be signed, a meeting about to be held and a trip about to be
approved. Three ways are timed for each: pydantic validation alone (the baseline), `validate`
with a checker bound once to the context (the hook's fast path), and `validate` with the
context passed at every call (which binds, i.e. checks the whole context, each time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from pingyin_rules.case_files import build_case
from pingyin_rules.hooks import bind, validate
from pingyin_rules.records import Absence, CaseFile, Document, Meeting

ON = dt.date(2026, 11, 24)
ROLES = ["deputy_head", "party_group_member", "department_head", "town_head"]


def roster(size: int = 40) -> CaseFile:
    officials: list[dict[str, Any]] = [
        {"id": "lm", "name": "李明", "role": "county_head", "title": "县长",
         "backup_partner": "wjg"},
        {"id": "wjg", "name": "王建国", "role": "executive_deputy_head", "title": "常务副县长",
         "portfolio": ["czj"], "backup_partner": "lm"},
        {"id": "lq", "name": "刘强", "role": "deputy_head", "title": "副县长",
         "portfolio": ["zjj"]},
        {"id": "zm", "name": "周敏", "role": "office_deputy_director",
         "title": "县政府办公室副主任", "department": "bgs", "in_charge_of_drafting": True},
    ]  # fmt: skip
    for i in range(size - len(officials)):
        officials.append({"id": f"o{i}", "name": f"成员{i}", "role": ROLES[i % len(ROLES)]})
    departments = [{"id": "bgs", "name": "县政府办公室", "kind": "office"},
                   {"id": "czj", "name": "县财政局", "kind": "finance"},
                   {"id": "zjj", "name": "县住房和城乡建设局"}]  # fmt: skip
    loaded = build_case({"officials": officials, "departments": departments}, "bench")
    assert loaded.case is not None, loaded.errors
    return loaded.case


RECORDS: dict[str, tuple[type[Any], dict[str, Any]]] = {
    "document": (Document, {
        "id": "PZF-1", "title": "平阴县人民政府关于测试事项的通知", "issuer": "county_government",
        "kind": "formal", "department": "zjj", "reviewed_by": "lq", "checked_by": "zm",
        "signed_by": "lm", "signed_on": "2026-11-28", "issued_on": "2026-11-30",
        "pre_issue_reports": [{"to": "lq", "on": "2026-11-24"}, {"to": "lm", "on": "2026-11-24"}],
        "disclosure": "proactive", "policy_interpretation_attached": True,
    }),
    "meeting": (Meeting, {
        "id": "M-1", "kind": "executive", "title": "县政府常务会议", "date": "2026-12-01",
        "convener": "lm", "chair": "lm",
    }),
    "absence": (Absence, {
        "id": "WC-1", "official": "lq", "kind": "travel", "start": "2026-12-08",
        "end": "2026-12-09", "requested_on": "2026-11-24",
    }),
}  # fmt: skip


def per_call(fn: Callable[[], Any], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    context = roster()
    bound = bind(context, on=ON)
    print(f"context: {len(context.officials)} officials; times per call in microseconds")
    for name, (model, data) in RECORDS.items():
        record = model.model_validate(data)
        baseline = per_call(lambda: model.model_validate(data), args.repeat)  # noqa: B023
        fast = per_call(lambda: validate(model.model_validate(data), checker=bound), args.repeat)  # noqa: B023
        slow = per_call(lambda: validate(record, context=context, on=ON), max(args.repeat // 20, 5))  # noqa: B023
        print(f"{name:9} validation (baseline) {baseline * 1e6:8.1f}   "
              f"bound hook {fast * 1e6:8.1f} ({fast / baseline:5.1f}x)   "
              f"unbound hook {slow * 1e6:9.1f} ({slow / baseline:6.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
