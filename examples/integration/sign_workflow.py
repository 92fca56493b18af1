"""A document workflow that checks a draft before it goes for signature.

An OA system builds the draft from its own data (plain lists and strings), checks it against
the roster bound once at start-up, and either sends it for signature or shows the clerk what
to fix. Type-checked in CI with `mypy --strict`.

    python examples/integration/sign_workflow.py
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pingyin_rules import (
    BoundChecker,
    CaseFile,
    ComplianceError,
    Disclosure,
    Document,
    DocumentKind,
    Issuer,
    PreIssueReport,
    bind,
    read_case_file,
    validate,
)

ROSTER = Path(__file__).resolve().parents[1] / "compliant" / "2026-11-county-government.yaml"


@dataclass(frozen=True)
class Draft:
    """The OA system's own record of a draft, in its own types."""

    number: str
    title: str
    department: str
    body: str
    reviewer: str
    signer: str
    reports: list[tuple[str, dt.date]]  # (leader, day reported in writing and agreed)


def load_roster() -> CaseFile:
    # The library's reader: YAML 1.2 (an unquoted `on:` is a key), Chinese names for codes,
    # and located, bilingual errors.
    loaded = read_case_file(str(ROSTER))
    if loaded.case is None or loaded.errors:
        raise SystemExit("\n".join(e.reason for e in loaded.errors))
    case = loaded.case
    return CaseFile(officials=case.officials, departments=case.departments, absences=case.absences)


def to_document(draft: Draft, signing_day: dt.date) -> Document:
    return Document(
        id=draft.number,
        title=draft.title,
        issuer=Issuer.county_government,
        kind=DocumentKind.policy,
        department=draft.department,
        body=draft.body,
        reviewed_by=draft.reviewer,
        checked_by="zm",
        signed_by=draft.signer,
        signed_on=signing_day,
        issued_on=signing_day + dt.timedelta(days=1),
        # A list from the caller's data: the model keeps an immutable tuple.
        pre_issue_reports=[PreIssueReport(to=who, on=day) for who, day in draft.reports],
        disclosure=Disclosure.proactive,
        policy_interpretation_attached=True,
    )


def send_for_signature(draft: Draft, bound: BoundChecker, signing_day: dt.date) -> bool:
    """True when the draft may go for signature; otherwise the clerk is told what to fix."""
    document = to_document(draft, signing_day)
    try:
        validate(document, checker=bound, raise_on="error")
    except ComplianceError as refused:
        for verdict in refused.failures:
            remedy = verdict.remedy["zh"] if verdict.remedy else ""
            print(f"{verdict.rule_id}: {verdict.message} {remedy}")
        for error in refused.report.errors:
            print(f"{error.field}: {error.reason}")
        return False
    print(f"{draft.number}: 可以报送签发 (ready for signature)")
    return True


def main() -> None:
    today = dt.date(2026, 11, 24)
    bound = bind(load_roster(), on=today)  # once at start-up; shared by every request
    ready = Draft(
        number="PZF-2026-30", title="平阴县人民政府关于促进消费的若干措施", department="zjj",
        body="为促进消费……" * 40, reviewer="lq", signer="lm",
        reports=[("lq", dt.date(2026, 11, 20)), ("lm", dt.date(2026, 11, 21))],
    )  # fmt: skip
    wrong_signer = Draft(
        number="PZF-2026-31", title="平阴县人民政府关于调整供热价格的通知", department="zjj",
        body="为规范供热价格……" * 30, reviewer="lq", signer="zl",
        reports=[("lq", dt.date(2026, 11, 20)), ("lm", dt.date(2026, 11, 21))],
    )  # fmt: skip
    signing_day = dt.date(2026, 11, 25)
    assert send_for_signature(ready, bound, signing_day)
    assert not send_for_signature(wrong_signer, bound, signing_day)


if __name__ == "__main__":
    main()
