"""Time a check of a large case file: leave/travel and assignments, then the same doubled.

    python benchmarks/bench_check.py [--absences 100000] [--assignments 10000] [--seed 7]

Prints the time to build the records, to check them, and the ratio when the input doubles
(n log n growth gives a ratio a little above 2; n² would give 4).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import time

from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack.loader import load_pack
from pingyin_rules.records import Absence, Assignment, CaseFile, Department, Official

ROLES = ["deputy_head", "department_head", "town_head"]


def make_case(absences: int, assignments: int, seed: int) -> CaseFile:
    rng = random.Random(seed)
    departments = [Department(id=f"d{i}", name=f"部门{i}") for i in range(60)]
    officials = [Official(id="head", name="县长", role="county_head")]
    officials.append(
        Official(id="exec", name="常务副县长", role="executive_deputy_head", portfolio=("d0",))
    )
    people = 400
    for i in range(people):
        role = ROLES[i % 3]
        partner = f"o{i ^ 1}"  # pairs (0,1), (2,3), ... are A/B partners
        where = (
            {"portfolio": (f"d{i % 60}",)}
            if role == "deputy_head"
            else {"department": f"d{i % 60}"}
        )
        officials.append(
            Official(id=f"o{i}", name=f"干部{i}", role=role, backup_partner=partner, **where)
        )
    start = dt.date(2023, 1, 1)
    items = []
    for k in range(absences):
        begin = start + dt.timedelta(days=rng.randrange(1400))
        end = begin + dt.timedelta(days=rng.randrange(4))
        steps = tuple(
            {"authority": authority, "on": begin - dt.timedelta(days=4 - n)}
            for n, authority in enumerate(
                ("deputy_in_charge", "county_government", "county_party_committee")
            )
        )
        requested = begin - dt.timedelta(days=rng.randrange(1, 6))
        official = f"o{rng.randrange(people)}"
        items.append(
            Absence(
                id=f"a{k}",
                official=official,
                kind="travel",
                start=begin,
                end=end,
                requested_on=requested,
                steps=steps,
            )
        )
    tasks = []
    for k in range(assignments):
        assigned = start + dt.timedelta(days=rng.randrange(1400))
        reported = assigned + dt.timedelta(days=rng.randrange(25)) if rng.random() < 0.9 else None
        tasks.append(Assignment(id=f"t{k}", item=f"事项{k}", department=f"d{k % 60}",
                                assigned_on=assigned, reported_on=reported))  # fmt: skip
    return CaseFile.model_construct(
        officials=tuple(officials), departments=tuple(departments), absences=tuple(items),
        assignments=tuple(tasks), meetings=(), documents=(), decisions=(), justifications=(),
        case="benchmark", period=None,
    )  # fmt: skip


def timed_check(checker: Checker, case: CaseFile) -> tuple[float, int]:
    began = time.perf_counter()
    report = checker.check(case, on=dt.date(2026, 11, 24))
    return time.perf_counter() - began, len(report.verdicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--absences", type=int, default=100_000)
    parser.add_argument("--assignments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    began = time.perf_counter()
    checker = Checker(load_pack())
    print(f"load and compile the pack + calendar: {time.perf_counter() - began:.2f} s")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    results = []
    for factor in (1, 2):
        n_abs, n_asg = args.absences * factor, args.assignments * factor
        began = time.perf_counter()
        case = make_case(n_abs, n_asg, args.seed)
        built = time.perf_counter() - began
        seconds, verdicts = timed_check(checker, case)
        results.append(seconds)
        print(f"{n_abs:>7} absences + {n_asg:>6} assignments: build {built:5.2f} s, "
              f"check {seconds:5.2f} s, {verdicts} verdicts")  # fmt: skip
    print(f"doubling the input multiplies the check time by {results[1] / results[0]:.2f}")


if __name__ == "__main__":
    main()
