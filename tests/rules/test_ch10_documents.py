"""Chapter 10 rules (rules/ch10_documents.yaml): reporting before issue, the city's 1-day
deadline, disclosure and policy interpretation (Art. 66), signing authority, review and
drafting check (Art. 67), and length limits (Art. 69)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

D = dt.date
ISSUE_DAY = D(2026, 11, 20)
SIGN_DAY = D(2026, 11, 19)
BEFORE_IN_FORCE = D(2022, 7, 14)

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Roster portfolios: zjj and jtj -> lq (刘强); jyj -> zl (张丽); czj -> wjg (王建国);
# gaj -> hy (黄勇); wlj -> lf (林芳); bgs -> cj (陈静).


def document(**fields: Any) -> dict[str, Any]:
    """A county-government formal document from the housing bureau (zjj, deputy in charge lq)."""
    record: dict[str, Any] = {
        "id": "PZF-1", "title": "平阴县人民政府关于测试事项的通知",
        "issuer": "county_government", "kind": "formal", "department": "zjj",
        "issued_on": ISSUE_DAY,
    }  # fmt: skip
    record.update(fields)
    if record["kind"] in ("policy", "briefing") and "body" not in record:
        record.setdefault("body_length", 1000)  # Art. 69 needs a length for these kinds
    return record


def report(to: str, on: dt.date, **fields: Any) -> dict[str, Any]:
    return {"to": to, "on": on, **fields}


def county_head_away(start: dt.date, end: dt.date) -> dict[str, Any]:
    return {
        "id": "LM-LEAVE", "official": "lm", "kind": "leave", "start": start, "end": end,
        "outside_county": False,
    }  # fmt: skip


# --------------------------------------------------------------------------------------------
# Art. 66: written report to the right leaders 3 days before issue
# --------------------------------------------------------------------------------------------


class TestArt66ReportBeforeIssue:
    RULE = "art66.report_before_issue"

    def test_county_government_document_reported_to_deputy_and_county_head_passes(
        self, run: Any
    ) -> None:
        doc = document(
            pre_issue_reports=[report("lq", D(2026, 11, 16)), report("lm", D(2026, 11, 17))]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.article == 66
        assert v.subject == "document:PZF-1"
        assert v.evidence["required_leaders"] == ["lq", "lm"]
        assert v.evidence["missing"] == []
        assert v.message == "已提前3日向刘强、李明书面汇报并经同意。"

    def test_office_document_needs_the_executive_deputy_not_the_county_head(self, run: Any) -> None:
        doc = document(
            issuer="county_government_office",
            pre_issue_reports=[report("lq", D(2026, 11, 16)), report("wjg", D(2026, 11, 17))],
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.evidence["principal"] == "wjg"
        assert v.evidence["required_leaders"] == ["lq", "wjg"]

    def test_office_document_reported_to_the_county_head_instead_fails(self, run: Any) -> None:
        doc = document(
            issuer="county_government_office",
            pre_issue_reports=[report("lq", D(2026, 11, 16)), report("lm", D(2026, 11, 16))],
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["wjg"]
        assert v.remedy is not None and v.remedy["zh"].startswith("须向王建国书面汇报")

    def test_report_exactly_three_days_before_issue_passes(self, run: Any) -> None:
        doc = document(
            pre_issue_reports=[report("lq", D(2026, 11, 17)), report("lm", D(2026, 11, 17))]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.evidence["reported_in_time"] == ["lq", "lm"]

    def test_report_two_days_before_issue_fails_with_earliest_issue_date(self, run: Any) -> None:
        doc = document(
            pre_issue_reports=[report("lq", D(2026, 11, 17)), report("lm", D(2026, 11, 18))]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["lm"]
        assert v.evidence["latest_report"] == "2026-11-18"
        assert v.evidence["earliest_issue_date"] == "2026-11-21"
        assert v.message == "于2026-11-20印发，此前3日未向李明书面汇报并经同意。"
        assert v.remedy == {
            "zh": "须向李明书面汇报并经同意，最早可于2026-11-21印发。",
            "en": (
                "Report in writing to 李明 and obtain agreement; "
                "earliest compliant issue date 2026-11-21."
            ),
        }

    @pytest.mark.parametrize(
        "flags", [{"written": False}, {"approved": False}, {"written": False, "approved": False}]
    )
    def test_oral_or_unapproved_report_does_not_count(
        self, run: Any, flags: dict[str, bool]
    ) -> None:
        doc = document(
            pre_issue_reports=[
                report("lq", D(2026, 11, 10)),
                report("lm", D(2026, 11, 10), **flags),
            ]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["lm"]

    def test_report_to_the_wrong_deputy_fails(self, run: Any) -> None:
        doc = document(
            pre_issue_reports=[report("zl", D(2026, 11, 10)), report("lm", D(2026, 11, 10))]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["lq"]
        assert v.evidence["missing_names"] == ["刘强"]

    def test_emergency_without_reports_is_an_exception(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[document(emergency=True)])
        assert v.status == "exception"
        assert v.evidence["exception"] == "emergency"
        assert v.remedy is None
        assert "特事特办" in v.message

    def test_emergency_flag_on_a_compliant_document_stays_a_pass(self, run: Any) -> None:
        doc = document(
            emergency=True,
            pre_issue_reports=[report("lq", D(2026, 11, 10)), report("lm", D(2026, 11, 10))],
        )
        assert run.verdict(self.RULE, documents=[doc]).status == "pass"

    @pytest.mark.parametrize("issuer", ["department", "internal_unit"])
    def test_documents_not_in_the_county_governments_name_are_not_applicable(
        self, run: Any, issuer: str
    ) -> None:
        v = run.verdict(self.RULE, documents=[document(issuer=issuer)])
        assert v.status == "not_applicable"

    def test_city_required_document_is_left_to_the_one_day_rule(self, run: Any) -> None:
        doc = document(city_required=True, city_notice_received_on=D(2026, 11, 16))
        assert run.verdict(self.RULE, documents=[doc]).status == "not_applicable"

    def test_document_issued_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[document(issued_on=BEFORE_IN_FORCE)])
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-14"

    def test_earliest_issue_date_is_not_before_a_missing_leader_can_be_reported_to(
        self, run: Any
    ) -> None:
        doc = document(department="wlj", pre_issue_reports=[report("lm", D(2026, 11, 1))])
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["missing"] == ["lf"]
        assert v.evidence["earliest_issue_date"] >= "2026-11-27"


# --------------------------------------------------------------------------------------------
# Art. 66 ¶2: items the city requires, reported to a county leader within 1 day of the notice
# --------------------------------------------------------------------------------------------

NOTICE_DAY = D(2026, 11, 9)


def city_document(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "PZF-CITY", "kind": "report", "department": "gaj", "city_required": True,
        "city_notice_received_on": NOTICE_DAY, "issued_on": D(2026, 11, 13),
    }  # fmt: skip
    return document(**{**base, **fields})


class TestArt66CityRequiredOneDay:
    RULE = "art66.city_required_one_day"

    @pytest.mark.parametrize(
        ("to", "on", "days"),
        [("hy", NOTICE_DAY, 0), ("hy", D(2026, 11, 10), 1), ("lm", D(2026, 11, 10), 1)],
    )
    def test_report_to_deputy_in_charge_or_county_head_within_one_day_passes(
        self, run: Any, to: str, on: dt.date, days: int
    ) -> None:
        v = run.verdict(self.RULE, documents=[city_document(pre_issue_reports=[report(to, on)])])
        assert v.status == "pass"
        assert v.article == 66
        assert v.evidence["days_taken"] == days
        assert v.evidence["leaders"] == ["hy", "lm"]
        assert v.evidence["deadline"] == "2026-11-10"

    def test_report_two_days_after_the_notice_fails_with_deadline(self, run: Any) -> None:
        doc = city_document(pre_issue_reports=[report("hy", D(2026, 11, 11))])
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["days_taken"] == 2
        assert v.evidence["first_report"] == "2026-11-11"
        assert v.message == (
            "于2026-11-09接到上报通知，未在1日内向分管领导或主要领导汇报（首次汇报：2026-11-11）。"
        )
        assert v.remedy == {
            "zh": "须于2026-11-10前向黄勇、李明之一汇报。",
            "en": "Report to one of 黄勇, 李明 by 2026-11-10.",
        }

    def test_first_report_counts_even_if_a_later_one_follows(self, run: Any) -> None:
        doc = city_document(
            pre_issue_reports=[report("lm", D(2026, 11, 12)), report("hy", D(2026, 11, 10))]
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.evidence["first_report"] == "2026-11-10"

    def test_report_to_a_deputy_not_in_charge_does_not_count(self, run: Any) -> None:
        doc = city_document(pre_issue_reports=[report("zl", NOTICE_DAY)])
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "fail"
        assert v.evidence["first_report"] is None

    def test_no_report_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[city_document()])
        assert v.status == "fail"
        assert v.remedy is not None and "2026-11-10" in v.remedy["zh"]

    def test_emergency_is_an_exception(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[city_document(emergency=True)])
        assert v.status == "exception"
        assert v.evidence["exception"] == "emergency"
        assert v.remedy is None

    def test_document_not_required_by_the_city_is_not_applicable(self, run: Any) -> None:
        assert run.verdict(self.RULE, documents=[document()]).status == "not_applicable"

    def test_city_notice_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        doc = city_document(city_notice_received_on=D(2022, 7, 1), issued_on=D(2022, 7, 10))
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "not_applicable"
        assert v.evidence["record_date"] == "2022-07-01"


# --------------------------------------------------------------------------------------------
# Art. 66: disclosure attribute and policy interpretation
# --------------------------------------------------------------------------------------------


class TestArt66DisclosureAttribute:
    RULE = "art66.disclosure_attribute"

    @pytest.mark.parametrize(
        ("disclosure", "zh"),
        [("proactive", "主动公开"), ("on_request", "依申请公开"), ("not_disclosed", "不予公开")],
    )
    @pytest.mark.parametrize("issuer", ["county_government", "county_government_office"])
    def test_marked_disclosure_attribute_passes(
        self, run: Any, issuer: str, disclosure: str, zh: str
    ) -> None:
        v = run.verdict(self.RULE, documents=[document(issuer=issuer, disclosure=disclosure)])
        assert v.status == "pass"
        assert v.evidence["disclosure"] == disclosure
        assert v.message == f"已标识公开属性：{zh}。"

    def test_missing_disclosure_attribute_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[document()])
        assert v.status == "fail"
        assert v.evidence["disclosure"] is None
        assert v.remedy is not None and "主动公开" in v.remedy["zh"]

    @pytest.mark.parametrize("issuer", ["department", "internal_unit"])
    def test_department_documents_are_not_applicable(self, run: Any, issuer: str) -> None:
        assert run.verdict(self.RULE, documents=[document(issuer=issuer)]).status == (
            "not_applicable"
        )

    def test_document_issued_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[document(issued_on=BEFORE_IN_FORCE)])
        assert v.status == "not_applicable"


class TestArt66PolicyInterpretation:
    RULE = "art66.policy_interpretation"

    @pytest.mark.parametrize("kind", ["formal", "normative", "policy"])
    def test_policy_setting_document_with_interpretation_passes(self, run: Any, kind: str) -> None:
        doc = document(kind=kind, policy_interpretation_attached=True)
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.evidence["attached"] is True

    @pytest.mark.parametrize("kind", ["formal", "normative", "policy"])
    def test_policy_setting_document_without_interpretation_fails(
        self, run: Any, kind: str
    ) -> None:
        v = run.verdict(self.RULE, documents=[document(kind=kind)])
        assert v.status == "fail"
        assert v.remedy == {
            "zh": "须同步报送政策解读文件。",
            "en": "Send a policy interpretation with the document.",
        }

    def test_office_document_without_interpretation_fails(self, run: Any) -> None:
        doc = document(issuer="county_government_office")
        assert run.verdict(self.RULE, documents=[doc]).status == "fail"

    @pytest.mark.parametrize(
        "kind",
        [
            "report", "request_for_instructions", "briefing", "motion", "personnel",
            "going_abroad_approval", "informal_letter_up", "informal_letter_down",
            "supervision_plan",
        ],
    )  # fmt: skip
    def test_documents_that_set_no_policy_are_not_applicable(self, run: Any, kind: str) -> None:
        assert run.verdict(self.RULE, documents=[document(kind=kind)]).status == "not_applicable"

    def test_department_policy_document_is_not_applicable(self, run: Any) -> None:
        doc = document(issuer="department", kind="policy")
        assert run.verdict(self.RULE, documents=[doc]).status == "not_applicable"


# --------------------------------------------------------------------------------------------
# Art. 67: signing authority (decision table art67_signing, items 一 to 七)
# --------------------------------------------------------------------------------------------

FORMAL_KINDS = [
    "formal", "policy", "report", "request_for_instructions", "briefing", "supervision_plan",
]  # fmt: skip


def signed(signer: str, **fields: Any) -> dict[str, Any]:
    return document(**{"signed_by": signer, "signed_on": SIGN_DAY, **fields})


# (case id, document fields, signer, expected status, item, allowed signers)
SIGNING_TABLE: list[tuple[str, dict[str, Any], str, str, str, list[str]]] = [
    # （一）county-government formal documents: the county head signs
    *[(f"一-{k}-county-head", {"kind": k}, "lm", "pass", "（一）", ["county_head"])
      for k in FORMAL_KINDS],
    ("一-deputy-in-charge", {"kind": "formal"}, "lq", "fail", "（一）", ["county_head"]),
    ("一-executive-deputy", {"kind": "policy"}, "wjg", "fail", "（一）", ["county_head"]),
    ("一-office-director", {"kind": "report"}, "sw", "fail", "（一）", ["county_head"]),
    # （二）motions and normative documents: the county head, even after the executive meeting
    ("二-motion-county-head", {"kind": "motion"}, "lm", "pass", "（二）", ["county_head"]),
    ("二-normative-county-head", {"kind": "normative"}, "lm", "pass", "（二）", ["county_head"]),
    ("二-normative-deputy", {"kind": "normative"}, "lq", "fail", "（二）", ["county_head"]),
    ("二-normative-authorized-deputy",
     {"kind": "normative", "decided_at_executive_meeting": True, "authorized_signer": "lq"},
     "lq", "fail", "（二）", ["county_head"]),
    ("二-motion-executive-deputy", {"kind": "motion"}, "wjg", "fail", "（二）", ["county_head"]),
    # （三）personnel appointments and removals
    ("三-personnel-county-head", {"kind": "personnel"}, "lm", "pass", "（三）", ["county_head"]),
    ("三-personnel-executive-deputy", {"kind": "personnel"}, "wjg", "fail", "（三）",
     ["county_head"]),
    # （四）approval of going abroad for town and department heads
    ("四-going-abroad-county-head", {"kind": "going_abroad_approval"}, "lm", "pass", "（四）",
     ["county_head"]),
    ("四-going-abroad-deputy", {"kind": "going_abroad_approval"}, "lq", "fail", "（四）",
     ["county_head"]),
    # （五）informal letters: upward to the city -> county head
    ("五-up-county-head", {"kind": "informal_letter_up"}, "lm", "pass", "（五）",
     ["county_head"]),
    ("五-up-deputy-in-charge", {"kind": "informal_letter_up"}, "lq", "fail", "（五）",
     ["county_head"]),
    # （五）informal letters downward -> the deputy in charge
    ("五-down-deputy-in-charge", {"kind": "informal_letter_down"}, "lq", "pass", "（五）",
     ["deputy_in_charge"]),
    ("五-down-executive-deputy-in-charge-of-finance",
     {"kind": "informal_letter_down", "department": "czj"}, "wjg", "pass", "（五）",
     ["deputy_in_charge"]),
    ("五-down-other-deputy", {"kind": "informal_letter_down"}, "zl", "fail", "（五）",
     ["deputy_in_charge"]),
    ("五-down-executive-deputy-not-in-charge", {"kind": "informal_letter_down"}, "wjg", "fail",
     "（五）", ["deputy_in_charge"]),
    # （五）downward letters spanning portfolios or with differing opinions -> county head or
    # the executive deputy head
    ("五-down-spanning-county-head", {"kind": "informal_letter_down", "spans_portfolios": True},
     "lm", "pass", "（五）", ["county_head", "executive_deputy_head"]),
    ("五-down-spanning-executive-deputy",
     {"kind": "informal_letter_down", "spans_portfolios": True}, "wjg", "pass", "（五）",
     ["county_head", "executive_deputy_head"]),
    ("五-down-differing-opinions-executive-deputy",
     {"kind": "informal_letter_down", "opinions_differ": True}, "wjg", "pass", "（五）",
     ["county_head", "executive_deputy_head"]),
    ("五-down-spanning-deputy-in-charge",
     {"kind": "informal_letter_down", "spans_portfolios": True}, "lq", "fail", "（五）",
     ["county_head", "executive_deputy_head"]),
    ("五-down-differing-opinions-deputy-in-charge",
     {"kind": "informal_letter_down", "opinions_differ": True}, "lq", "fail", "（五）",
     ["county_head", "executive_deputy_head"]),
    # （六）decided at the executive meeting or routine approval -> county head or authorized deputy
    ("六-executive-meeting-county-head", {"kind": "formal", "decided_at_executive_meeting": True},
     "lm", "pass", "（六）", ["county_head", "authorized_deputy"]),
    ("六-executive-meeting-authorized-deputy",
     {"kind": "formal", "decided_at_executive_meeting": True, "authorized_signer": "zl",
      "department": "jyj"},
     "zl", "pass", "（六）", ["county_head", "authorized_deputy"]),
    ("六-routine-approval-authorized-deputy",
     {"kind": "report", "routine_approval": True, "authorized_signer": "lq"},
     "lq", "pass", "（六）", ["county_head", "authorized_deputy"]),
    ("六-authorized-executive-deputy",
     {"kind": "formal", "decided_at_executive_meeting": True, "authorized_signer": "wjg"},
     "wjg", "pass", "（六）", ["county_head", "authorized_deputy"]),
    ("六-unauthorized-deputy-in-charge",
     {"kind": "formal", "decided_at_executive_meeting": True},
     "lq", "fail", "（六）", ["county_head", "authorized_deputy"]),
    ("六-someone-else-was-authorized",
     {"kind": "formal", "decided_at_executive_meeting": True, "authorized_signer": "zl"},
     "lq", "fail", "（六）", ["county_head", "authorized_deputy"]),
    ("六-authorized-office-director-is-not-a-deputy",
     {"kind": "formal", "routine_approval": True, "authorized_signer": "sw"},
     "sw", "fail", "（六）", ["county_head", "authorized_deputy"]),
    # （七）office documents -> the executive deputy head
    ("七-office-executive-deputy", {"issuer": "county_government_office"}, "wjg", "pass",
     "（七）", ["executive_deputy_head"]),
    ("七-office-personnel-executive-deputy",
     {"issuer": "county_government_office", "kind": "personnel"}, "wjg", "pass", "（七）",
     ["executive_deputy_head"]),
    ("七-office-deputy-in-charge", {"issuer": "county_government_office"}, "lq", "fail",
     "（七）", ["executive_deputy_head"]),
    ("七-office-office-director", {"issuer": "county_government_office"}, "sw", "fail",
     "（七）", ["executive_deputy_head"]),
    # （七）office documents that are important normative, comprehensive or set up a temporary
    # body -> the county head
    *[(f"七-{c}-county-head", {"issuer": "county_government_office", "office_class": c}, "lm",
       "pass", "（七）", ["county_head"])
      for c in ("important_normative", "comprehensive", "temporary_body")],
    *[(f"七-{c}-executive-deputy", {"issuer": "county_government_office", "office_class": c},
       "wjg", "fail", "（七）", ["county_head"])
      for c in ("important_normative", "comprehensive", "temporary_body")],
]  # fmt: skip

ALLOWED_ZH = {
    "county_head": "县长",
    "executive_deputy_head": "常务副县长",
    "deputy_in_charge": "分管副县长",
    "authorized_deputy": "县长授权的副县长",
}
ALLOWED_EN = {
    "county_head": "the county head",
    "executive_deputy_head": "the executive deputy head",
    "deputy_in_charge": "the deputy head in charge",
    "authorized_deputy": "a deputy head authorized by the county head",
}


class TestArt67SigningAuthority:
    RULE = "art67.signing_authority"

    @pytest.mark.parametrize(
        ("fields", "signer", "status", "item", "allowed"),
        [case[1:] for case in SIGNING_TABLE],
        ids=[case[0] for case in SIGNING_TABLE],
    )
    def test_signing_table(
        self,
        run: Any,
        fields: dict[str, Any],
        signer: str,
        status: str,
        item: str,
        allowed: list[str],
    ) -> None:
        v = run.verdict(self.RULE, documents=[signed(signer, **fields)])
        assert v.status == status
        assert v.article == 67
        assert v.evidence["item"] == item
        assert v.evidence["allowed"] == allowed
        allowed_zh = "、".join(ALLOWED_ZH[a] for a in allowed)
        if status == "fail":
            allowed_en = ", ".join(ALLOWED_EN[a] for a in allowed)
            assert v.remedy == {
                "zh": f"须由{allowed_zh}签发。",
                "en": f"Must be signed by {allowed_en}.",
            }
            assert f"不符合第六十七条{item}" in v.message
        else:
            assert v.remedy is None
            assert v.message.endswith(f"符合第六十七条{item}（{allowed_zh}签发）。")

    def test_every_row_of_the_signing_table_is_exercised(self, run: Any, checker: Any) -> None:
        table = checker.pack.tables["art67_signing"]
        matched = set()
        for _, fields, signer, *_ in SIGNING_TABLE:
            v = run.verdict(self.RULE, documents=[signed(signer, **fields)])
            matched.update(
                label for label in v.evidence["decision_table"] if label.startswith("art67_")
            )
        assert matched == {f"art67_signing {row.label}" for row in table.rows}
        assert {case[4] for case in SIGNING_TABLE} == {
            "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）",
        }  # fmt: skip

    def test_authorized_deputy_capacity_is_in_the_evidence(self, run: Any) -> None:
        doc = signed(
            "zl", department="jyj", decided_at_executive_meeting=True, authorized_signer="zl"
        )
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "pass"
        assert v.evidence["signer_capacities"] == [
            "deputy_head", "deputy_in_charge", "authorized_deputy",
        ]  # fmt: skip

    def test_executive_deputy_acting_for_the_away_county_head_passes(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            documents=[signed("wjg", kind="formal")],
            absences=[county_head_away(D(2026, 11, 18), D(2026, 11, 20))],
        )
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"
        assert v.evidence["exception_article"] == 8
        assert (
            v.message
            == "县长外出或休假期间，由常务副县长王建国代行签发（第八条；第六十七条（一））。"
        )

    def test_executive_deputy_acting_for_office_temporary_body_document_passes(
        self, run: Any
    ) -> None:
        doc = signed("wjg", issuer="county_government_office", office_class="temporary_body")
        v = run.verdict(self.RULE, documents=[doc], absences=[county_head_away(SIGN_DAY, SIGN_DAY)])
        assert v.status == "pass"
        assert v.evidence["exception"] == "acting_for_county_head"

    def test_executive_deputy_signing_the_day_after_the_county_head_returns_fails(
        self, run: Any
    ) -> None:
        v = run.verdict(
            self.RULE,
            documents=[signed("wjg", kind="formal")],
            absences=[county_head_away(D(2026, 11, 16), D(2026, 11, 18))],
        )
        assert v.status == "fail"

    def test_ordinary_deputy_cannot_act_for_the_away_county_head(self, run: Any) -> None:
        v = run.verdict(
            self.RULE,
            documents=[signed("lq", kind="formal")],
            absences=[county_head_away(SIGN_DAY, SIGN_DAY)],
        )
        assert v.status == "fail"

    def test_acting_does_not_replace_the_deputy_in_charge_of_a_downward_letter(
        self, run: Any
    ) -> None:
        v = run.verdict(
            self.RULE,
            documents=[signed("wjg", kind="informal_letter_down")],
            absences=[county_head_away(SIGN_DAY, SIGN_DAY)],
        )
        assert v.status == "fail"

    def test_unsigned_document_is_not_applicable(self, run: Any) -> None:
        assert run.verdict(self.RULE, documents=[document()]).status == "not_applicable"

    @pytest.mark.parametrize("issuer", ["department", "internal_unit"])
    def test_department_documents_are_not_applicable(self, run: Any, issuer: str) -> None:
        v = run.verdict(self.RULE, documents=[signed("zhh", issuer=issuer, department="jyj")])
        assert v.status == "not_applicable"


class TestArt67ReviewInitials:
    RULE = "art67.review_initials"

    @pytest.mark.parametrize(
        ("fields", "row"),
        [
            ({"kind": "formal"}, 1),  # （一）
            ({"kind": "briefing"}, 1),  # （一）
            ({"kind": "informal_letter_up"}, 6),  # （五） upward
            ({"issuer": "county_government_office"}, 9),  # （七）
            ({"issuer": "county_government_office", "office_class": "comprehensive"}, 10),
        ],
    )
    def test_reviewed_by_the_deputy_in_charge_passes(
        self, run: Any, fields: dict[str, Any], row: int
    ) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm", reviewed_by="lq", **fields)])
        assert v.status == "pass"
        assert v.article == 67
        assert v.evidence["deputies_in_charge"] == ["lq"]
        assert v.evidence["decision_table"] == [f"art67_signing {row}"]
        assert v.message == "已由分管副县长刘强审签。"

    def test_reviewed_by_another_deputy_fails_and_names_the_deputy_in_charge(
        self, run: Any
    ) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm", reviewed_by="zl")])
        assert v.status == "fail"
        assert v.message == "审签人为张丽，不是分管副县长（刘强）。"
        assert v.remedy == {
            "zh": "须报请分管副县长刘强审签。",
            "en": "Must be reviewed and initialled by the deputy head in charge, 刘强.",
        }

    def test_missing_review_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm")])
        assert v.status == "fail"
        assert v.evidence["reviewer_name"] is None

    def test_county_head_initials_are_not_the_deputy_in_charges(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm", reviewed_by="lm")])
        assert v.status == "fail"

    @pytest.mark.parametrize(
        "fields",
        [
            {"kind": "motion"},
            {"kind": "normative"},
            {"kind": "personnel"},
            {"kind": "going_abroad_approval"},
            {"kind": "informal_letter_down"},
            {"kind": "formal", "decided_at_executive_meeting": True},
            {"kind": "report", "routine_approval": True},
        ],
    )
    def test_items_without_review_are_not_applicable(
        self, run: Any, fields: dict[str, Any]
    ) -> None:
        assert run.verdict(self.RULE, documents=[signed("lm", **fields)]).status == (
            "not_applicable"
        )


class TestArt67DraftingCheck:
    RULE = "art67.drafting_check"

    @pytest.mark.parametrize("issuer", ["county_government", "county_government_office"])
    def test_checked_by_the_deputy_director_in_charge_of_drafting_passes(
        self, run: Any, issuer: str
    ) -> None:
        signer = "lm" if issuer == "county_government" else "wjg"
        v = run.verdict(self.RULE, documents=[signed(signer, issuer=issuer, checked_by="zm")])
        assert v.status == "pass"
        assert v.evidence["drafting_deputy_directors"] == ["zm"]
        assert v.message == "已由分管文字工作的副主任周敏审核。"

    @pytest.mark.parametrize(("checker_id", "name"), [("wg", "吴刚"), ("sw", "孙伟")])
    def test_checked_by_someone_else_in_the_office_fails(
        self, run: Any, checker_id: str, name: str
    ) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm", checked_by=checker_id)])
        assert v.status == "fail"
        assert v.message == f"未经分管文字工作的办公室副主任审核（记录的审核人：{name}）。"
        assert v.remedy is not None and v.remedy["zh"] == "报请领导签发前须由周敏审核。"

    def test_unchecked_document_fails(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[signed("lm")])
        assert v.status == "fail"
        assert v.evidence["checker_name"] is None


ART67_RULES = ["art67.signing_authority", "art67.review_initials", "art67.drafting_check"]


@pytest.mark.parametrize("rule", ART67_RULES)
def test_art67_does_not_apply_to_a_department_document(run: Any, rule: str) -> None:
    doc = signed("zhh", issuer="department", department="jyj")
    assert run.verdict(rule, documents=[doc]).status == "not_applicable"


@pytest.mark.parametrize("rule", ART67_RULES)
def test_art67_does_not_apply_to_a_document_signed_before_2022_07_15(run: Any, rule: str) -> None:
    doc = signed("lm", signed_on=D(2022, 7, 10), issued_on=BEFORE_IN_FORCE)
    v = run.verdict(rule, documents=[doc])
    assert v.status == "not_applicable"
    assert v.evidence["record_date"] == "2022-07-10"


@pytest.mark.parametrize("rule", ART67_RULES)
def test_art67_dates_an_unsigned_document_by_its_issue_date(run: Any, rule: str) -> None:
    doc = document(issued_on=D(2022, 1, 10), signed_by="lm", reviewed_by="zl")
    v = run.verdict(rule, documents=[doc])
    assert v.status == "not_applicable"
    assert v.evidence["record_date"] == "2022-01-10"


# --------------------------------------------------------------------------------------------
# Art. 69: length limits
# --------------------------------------------------------------------------------------------


def policy(**fields: Any) -> dict[str, Any]:
    return document(**{"id": "PZF-POL", "kind": "policy", **fields})


def briefing(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "JB-1", "title": "住建工作简报", "issuer": "department", "kind": "briefing",
        "briefing_series": "住建工作简报",
    }  # fmt: skip
    return document(**{**base, **fields})


class TestArt69PolicyLength:
    RULE = "art69.policy_length"

    def test_policy_document_of_exactly_3000_characters_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[policy(body_length=3000)])
        assert v.status == "pass"
        assert v.article == 69
        assert v.evidence["length"] == 3000
        assert v.evidence["excess"] == 0
        assert v.message == "正文3000字，在3000字以内。"

    def test_policy_document_of_3001_characters_fails_with_cut_of_one(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[policy(body_length=3001)])
        assert v.status == "fail"
        assert v.evidence["excess"] == 1
        assert v.message == "正文3001字，超过3000字。"
        assert v.remedy == {
            "zh": "删减1字，或记录超出的理由。",
            "en": "Cut 1 characters, or record why the length is needed.",
        }

    def test_example_of_3312_characters_needs_312_cut(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[policy(body_length=3312)])
        assert v.status == "fail"
        assert v.remedy is not None and v.remedy["zh"] == "删减312字，或记录超出的理由。"

    def test_recorded_length_justification_is_an_exception(self, run: Any) -> None:
        doc = policy(body_length=3600, length_justification="涵盖十二项配套政策，需逐项列明")
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified_length"
        assert v.evidence["justification"] == "涵盖十二项配套政策，需逐项列明"
        assert v.remedy is None
        assert v.message.startswith("正文3600字，超过3000字，已记录理由")

    def test_body_text_whitespace_is_not_counted(self, run: Any) -> None:
        # Two full-width indent spaces, line breaks and ASCII spaces do not count; punctuation does.
        body = "\u3000\u3000" + "字" * 2999 + "。\n\n  \t"
        v = run.verdict(self.RULE, documents=[policy(body=body)])
        assert v.status == "pass"
        assert v.evidence["length"] == 3000

    def test_body_text_with_one_more_character_fails(self, run: Any) -> None:
        body = "\u3000\u3000" + "字" * 2999 + "。\n" + "A"
        v = run.verdict(self.RULE, documents=[policy(body=body)])
        assert v.status == "fail"
        assert v.evidence["length"] == 3001

    def test_department_policy_document_is_also_checked(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[policy(issuer="department", body_length=3001)])
        assert v.status == "fail"

    @pytest.mark.parametrize("kind", ["formal", "normative", "briefing", "report"])
    def test_other_kinds_are_not_applicable(self, run: Any, kind: str) -> None:
        v = run.verdict(self.RULE, documents=[document(kind=kind, body_length=9000)])
        assert v.status == "not_applicable"

    def test_policy_document_issued_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[policy(body_length=9000, issued_on=BEFORE_IN_FORCE)])
        assert v.status == "not_applicable"

    @HYPOTHESIS
    @given(length=st.integers(min_value=0, max_value=8000))
    def test_pass_iff_length_at_most_3000_and_remedy_cuts_the_excess(
        self, run: Any, length: int
    ) -> None:
        v = run.verdict(self.RULE, documents=[policy(body_length=length)])
        assert v.evidence["length"] == length
        assert v.evidence["excess"] == length - 3000
        if length <= 3000:
            assert v.status == "pass"
            assert v.remedy is None
        else:
            assert v.status == "fail"
            assert v.remedy is not None
            assert v.remedy["zh"] == f"删减{length - 3000}字，或记录超出的理由。"
            assert v.remedy["en"].startswith(f"Cut {length - 3000} characters")

    @HYPOTHESIS
    @given(
        body=st.text(
            alphabet=st.sampled_from(list("政策文件字，。A1 \n\t\u3000")),
            min_size=2900,
            max_size=3100,
        )
    )
    def test_length_of_a_body_counts_every_non_whitespace_character(
        self, run: Any, body: str
    ) -> None:
        counted = sum(1 for ch in body if not ch.isspace())
        v = run.verdict(self.RULE, documents=[policy(body=body)])
        assert v.evidence["length"] == counted
        assert v.status == ("pass" if counted <= 3000 else "fail")

    @HYPOTHESIS
    @given(length=st.integers(min_value=3001, max_value=8000))
    def test_any_recorded_justification_turns_an_overlong_document_into_an_exception(
        self, run: Any, length: int
    ) -> None:
        doc = policy(body_length=length, length_justification="篇幅必要")
        v = run.verdict(self.RULE, documents=[doc])
        assert v.status == "exception"


class TestArt69BriefingLength:
    RULE = "art69.briefing_length"

    def test_briefing_of_exactly_2000_characters_passes(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[briefing(body_length=2000)])
        assert v.status == "pass"
        assert v.evidence["length"] == 2000
        assert v.message == "本期简报2000字，在2000字以内。"

    def test_briefing_of_2001_characters_fails_with_cut_of_one(self, run: Any) -> None:
        v = run.verdict(self.RULE, documents=[briefing(body_length=2001)])
        assert v.status == "fail"
        assert v.evidence["excess"] == 1
        assert v.message == "本期简报2001字，超过2000字。"
        assert v.remedy is not None and v.remedy["zh"] == "删减1字，或记录超出的理由。"

    def test_briefing_body_text_is_counted_without_whitespace(self, run: Any) -> None:
        body = "\n".join(["简报内容" * 100] * 5) + "\n"  # 2000 characters in 5 lines
        v = run.verdict(self.RULE, documents=[briefing(body=body)])
        assert v.status == "pass"
        assert v.evidence["length"] == 2000

    def test_recorded_justification_is_an_exception(self, run: Any) -> None:
        v = run.verdict(
            self.RULE, documents=[briefing(body_length=2500, length_justification="年度专刊")]
        )
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified_length"

    def test_county_government_briefing_is_checked_too(self, run: Any) -> None:
        doc = briefing(issuer="county_government", body_length=2001)
        assert run.verdict(self.RULE, documents=[doc]).status == "fail"

    def test_policy_document_is_not_applicable_to_the_briefing_limit(self, run: Any) -> None:
        assert run.verdict(self.RULE, documents=[policy(body_length=2500)]).status == (
            "not_applicable"
        )

    def test_briefing_issued_before_2022_07_15_is_not_applicable(self, run: Any) -> None:
        doc = briefing(body_length=5000, issued_on=BEFORE_IN_FORCE)
        assert run.verdict(self.RULE, documents=[doc]).status == "not_applicable"

    @HYPOTHESIS
    @given(length=st.integers(min_value=0, max_value=6000))
    def test_pass_iff_length_at_most_2000_and_remedy_cuts_the_excess(
        self, run: Any, length: int
    ) -> None:
        v = run.verdict(self.RULE, documents=[briefing(body_length=length)])
        assert v.status == ("pass" if length <= 2000 else "fail")
        if length > 2000:
            assert v.remedy is not None
            assert v.remedy["zh"] == f"删减{length - 2000}字，或记录超出的理由。"


# --------------------------------------------------------------------------------------------
# Art. 69 ¶2: one briefing series per department, registered with the office
# --------------------------------------------------------------------------------------------

ONE_SERIES = "art69.one_briefing_series"
REGISTERED = "art69.briefing_series_registered"
ZJJ_BRIEFING = "住建工作简报"
ZJJ_SECOND = "城市更新工作动态"


def issue(doc_id: str, series: str | None, day: dt.date, department: str = "zjj") -> dict[str, Any]:
    return briefing(
        id=doc_id, department=department, briefing_series=series, issued_on=day, body_length=900
    )


def departments_with(run: Any, **registered: list[str]) -> list[dict[str, Any]]:
    """The roster's departments, with `registered_briefing_series` set for some of them."""
    return [
        {**d, "registered_briefing_series": registered[d["id"]]} if d["id"] in registered else d
        for d in run.roster["departments"]
    ]


def department_verdict(run: Any, rule: str, department: str, **sections: Any) -> Any:
    report = run.report(**sections)
    assert not report.errors, report.errors
    found = [
        v for v in report.verdicts if v.rule_id == rule and v.subject == f"department:{department}"
    ]
    assert len(found) == 1
    return found[0]


class TestArt69OneBriefingSeries:
    def test_department_with_one_series_passes(self, run: Any) -> None:
        docs = [issue("JB-1", ZJJ_BRIEFING, D(2026, 3, 16)), issue("JB-2", ZJJ_BRIEFING, ISSUE_DAY)]
        v = department_verdict(run, ONE_SERIES, "zjj", documents=docs)
        assert v.status == "pass"
        assert v.article == 69
        assert v.evidence["series"] == [ZJJ_BRIEFING]
        assert v.message == f"县住房和城乡建设局只有一种简报：{ZJJ_BRIEFING}。"

    def test_department_with_two_series_fails_and_names_the_extra_one(self, run: Any) -> None:
        docs = [issue("JB-1", ZJJ_BRIEFING, D(2026, 3, 16)), issue("JB-X", ZJJ_SECOND, ISSUE_DAY)]
        v = department_verdict(run, ONE_SERIES, "zjj", documents=docs)
        assert v.status == "fail"
        assert v.evidence["series"] == [ZJJ_BRIEFING, ZJJ_SECOND]
        assert v.evidence["extra_series"] == [ZJJ_SECOND]
        assert v.remedy is not None
        assert v.remedy["zh"] == f"停办或合并：{ZJJ_SECOND}，或记录保留的理由。"

    def test_other_departments_series_do_not_count(self, run: Any) -> None:
        docs = [
            issue("JB-1", ZJJ_BRIEFING, D(2026, 3, 16)),
            issue("JB-2", "教育体育工作简报", ISSUE_DAY, department="jyj"),
        ]
        assert department_verdict(run, ONE_SERIES, "zjj", documents=docs).status == "pass"
        assert department_verdict(run, ONE_SERIES, "jyj", documents=docs).status == "pass"

    def test_recorded_justification_is_an_exception(self, run: Any) -> None:
        docs = [issue("JB-1", ZJJ_BRIEFING, D(2026, 3, 16)), issue("JB-X", ZJJ_SECOND, ISSUE_DAY)]
        reason = {"id": "LY-3", "rule": ONE_SERIES, "concerning": "department:zjj",
                  "reason": "城市更新专班阶段性简报，专班撤销即停办"}  # fmt: skip
        v = department_verdict(run, ONE_SERIES, "zjj", documents=docs, justifications=[reason])
        assert v.status == "exception"
        assert v.evidence["exception"] == "justified"

    def test_department_without_briefings_is_not_applicable(self, run: Any) -> None:
        docs = [issue("JB-1", ZJJ_BRIEFING, ISSUE_DAY)]
        assert department_verdict(run, ONE_SERIES, "jyj", documents=docs).status == (
            "not_applicable"
        )

    def test_other_document_kinds_do_not_make_a_series(self, run: Any) -> None:
        docs = [document(id="D-1", issuer="department", department="jyj")]
        assert department_verdict(run, ONE_SERIES, "jyj", documents=docs).status == (
            "not_applicable"
        )

    # Only series with an issue in the year before the evaluation date are "kept" (保留).
    def test_series_issued_only_before_2022_07_15_does_not_count(self, run: Any) -> None:
        docs = [issue("JB-OLD", ZJJ_SECOND, D(2021, 12, 1)), issue("JB-1", ZJJ_BRIEFING, ISSUE_DAY)]
        assert department_verdict(run, ONE_SERIES, "zjj", documents=docs).status == "pass"


class TestArt69BriefingSeriesRegistered:
    def test_registered_series_passes(self, run: Any) -> None:
        v = department_verdict(
            run, REGISTERED, "zjj",
            departments=departments_with(run, zjj=[ZJJ_BRIEFING]),
            documents=[issue("JB-1", ZJJ_BRIEFING, ISSUE_DAY)],
        )  # fmt: skip
        assert v.status == "pass"
        assert v.article == 69
        assert v.evidence["unregistered"] == []

    def test_unregistered_series_fails_and_is_named_in_the_remedy(self, run: Any) -> None:
        v = department_verdict(
            run, REGISTERED, "zjj",
            departments=departments_with(run, zjj=[ZJJ_BRIEFING]),
            documents=[issue("JB-1", ZJJ_BRIEFING, D(2026, 3, 1)),
                       issue("JB-X", ZJJ_SECOND, ISSUE_DAY)],
        )  # fmt: skip
        assert v.status == "fail"
        assert v.evidence["unregistered"] == [ZJJ_SECOND]
        assert v.message == f"县住房和城乡建设局的简报未报县政府办公室核准备案：{ZJJ_SECOND}。"
        assert v.remedy == {
            "zh": f"将{ZJJ_SECOND}报县政府办公室核准备案。",
            "en": f"Register {ZJJ_SECOND} with the office.",
        }

    def test_series_registered_by_another_department_does_not_count(self, run: Any) -> None:
        v = department_verdict(
            run, REGISTERED, "zjj",
            departments=departments_with(run, jyj=[ZJJ_BRIEFING]),
            documents=[issue("JB-1", ZJJ_BRIEFING, ISSUE_DAY)],
        )  # fmt: skip
        assert v.status == "fail"

    def test_department_without_briefings_is_not_applicable(self, run: Any) -> None:
        v = department_verdict(run, REGISTERED, "zjj", documents=[])
        assert v.status == "not_applicable"


def test_invisible_formatting_characters_are_not_counted(run: Any) -> None:
    body = "\ufeff" + "字" * 3000 + "\u200b\u200d\n"
    doc = {"id": "P", "title": "政策", "issuer": "department", "kind": "policy",
           "department": "zjj", "body": body, "issued_on": "2026-11-20"}  # fmt: skip
    v = run.verdict("art69.policy_length", documents=[doc])
    assert v.evidence["length"] == 3000 and v.status == "pass"
