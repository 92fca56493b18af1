"""Chapter 10 rules (rules/ch10/art66.yaml, art67.yaml, art69.yaml): what the YAML cases beside
the rules cannot say. Character counting of a body text (Art. 69) and property tests of the
length limits; the Art. 67 cases reaching every row of the signing table."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingyin_rules.case_files import build_case
from pingyin_rules.engine.checker import Checker
from pingyin_rules.pack_tests import case_records

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_the_signing_authority_cases_exercise_every_row_of_the_signing_table(
    checker: Checker,
) -> None:
    rule = "art67.signing_authority"
    matched: set[str] = set()
    items: set[str] = set()
    for case in (c for c in checker.pack.cases if c.rule == rule):
        loaded = build_case(case_records(checker.pack, case), case.file)
        assert loaded.case is not None, loaded.errors
        for v in checker.check(loaded.case, on=case.on).verdicts:
            if v.rule_id == rule and v.status != "not_applicable":
                table = v.evidence["decision_table"]
                matched.update(label for label in table if label.startswith("art67_"))
                items.add(v.evidence["item"])
    rows = checker.pack.tables["art67_signing"].rows
    assert matched == {f"art67_signing {row.label}" for row in rows}
    assert items == {"（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"}


# --------------------------------------------------------------------------------------------
# Art. 69: length limits
# --------------------------------------------------------------------------------------------


def policy(**fields: Any) -> dict[str, Any]:
    """A county-government policy document from the housing bureau."""
    return {
        "id": "PZF-POL", "title": "平阴县人民政府关于测试事项的通知",
        "issuer": "county_government", "kind": "policy", "department": "zjj",
        "issued_on": "2026-11-20", **fields,
    }  # fmt: skip


def briefing(**fields: Any) -> dict[str, Any]:
    """An issue of the housing bureau's briefing series."""
    return {
        "id": "JB-1", "title": "住建工作简报", "issuer": "department", "kind": "briefing",
        "department": "zjj", "issued_on": "2026-11-20", "briefing_series": "住建工作简报",
        **fields,
    }  # fmt: skip


class TestArt69PolicyLength:
    RULE = "art69.policy_length"

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

    def test_invisible_formatting_characters_are_not_counted(self, run: Any) -> None:
        body = "\ufeff" + "字" * 3000 + "\u200b\u200d\n"
        doc = {"id": "P", "title": "政策", "issuer": "department", "kind": "policy",
               "department": "zjj", "body": body, "issued_on": "2026-11-20"}  # fmt: skip
        v = run.verdict(self.RULE, documents=[doc])
        assert v.evidence["length"] == 3000 and v.status == "pass"

    @HYPOTHESIS
    @given(length=st.integers(min_value=0, max_value=8000))
    def test_pass_iff_length_at_most_3000_and_remedy_cuts_the_excess(
        self, run: Any, length: int
    ) -> None:
        # A draft, signed but not issued: its remedy is to cut (an issued one records why).
        draft = policy(body_length=length, issued_on=None, signed_on="2026-11-23")
        v = run.verdict(self.RULE, documents=[draft])
        assert v.evidence["length"] == length
        assert v.evidence["excess"] == length - 3000
        if length <= 3000:
            assert v.status == "pass"
            assert v.remedy is None
        else:
            assert v.status == "fail"
            assert v.remedy is not None
            assert v.remedy["zh"] == f"删减{length - 3000}字，或记录超出的理由。"
            assert v.remedy["en"].startswith(f"Cut {length - 3000} character")

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

    def test_briefing_body_text_is_counted_without_whitespace(self, run: Any) -> None:
        body = "\n".join(["简报内容" * 100] * 5) + "\n"  # 2000 characters in 5 lines
        v = run.verdict(self.RULE, documents=[briefing(body=body)])
        assert v.status == "pass"
        assert v.evidence["length"] == 2000

    @HYPOTHESIS
    @given(length=st.integers(min_value=0, max_value=6000))
    def test_pass_iff_length_at_most_2000_and_remedy_cuts_the_excess(
        self, run: Any, length: int
    ) -> None:
        draft = briefing(body_length=length, issued_on=None, signed_on="2026-11-23")
        v = run.verdict(self.RULE, documents=[draft])
        assert v.status == ("pass" if length <= 2000 else "fail")
        if length > 2000:
            assert v.remedy is not None
            assert v.remedy["zh"] == f"删减{length - 2000}字。"  # no reason excuses a briefing
