"""Matters the county government decides: major administrative decisions (重大行政决策), other
major issues (重大问题) and important matters departments put to it, Arts. 4, 9, 19–23.

Each step that must come before a decision is recorded with its date, so that a rule can check
that it came before the meeting that discussed the decision (or before the decision itself).
The boolean fields of the first model (`public_participation`, `expert_argumentation`,
`risk_assessment`, `legality_review`, `collective_discussion`, `reported_to_party_committee`)
still load, so older case files stay valid; the dated fields supersede them. A flag set to true
with no date for its step is an input error when a rule needs the date (the step is said to
have been taken, but not when); a flag left false says nothing the dated fields do not.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Approval, Items, Record, RecordId, Reference, date_order, invalid, refs


class DecisionKind(StrEnum):
    """What is decided. The first six are the kinds Art. 20 lists (Chinese names in the labels
    table `decision_kinds`, rules/ch04/art20.yaml)."""

    development_plan = "development_plan"  # 全县国民经济和社会发展计划
    budget = "budget"  # 财政预决算
    major_plan = "major_plan"  # 重大规划
    major_policy = "major_policy"  # 经济调控和改革开放的重大政策措施
    urban_social_management = "urban_social_management"  # 城市和社会管理重要事务
    major_project = "major_project"  # 重大项目建设
    other_major_decision = "other_major_decision"  # 其他重大行政决策事项 (第二十条 "等")
    # 法律、法规或规章规定的由县政府集体决策的事项: excepted from Art. 20, a 重大问题 of Art. 9
    statutory_collective = "statutory_collective"
    major_issue = "major_issue"  # 县政府工作中的其他重大问题 (第九条)
    important_matter = "important_matter"  # 部门提请的其他重要事项，非重大决策 (第二十一条)


class EvaluationAspect(StrEnum):
    """What an expert evaluation covers (Art. 21: 合法性、必要性、科学性、可行性和可控性)."""

    legality = "legality"  # 合法性
    necessity = "necessity"  # 必要性
    soundness = "soundness"  # 科学性
    feasibility = "feasibility"  # 可行性
    controllability = "controllability"  # 可控性


class ConsultationForm(StrEnum):
    """How opinions were heard (Art. 21 听证会等多种形式; Art. 22 多种形式)."""

    hearing = "hearing"  # 听证会
    forum = "forum"  # 座谈会、论证会
    public_comment = "public_comment"  # 公开征求意见（网上征求意见等）
    survey = "survey"  # 问卷调查、民意调查
    written = "written"  # 书面征求意见
    other = "other"  # 其他形式


class ConsultedParty(StrEnum):
    """Whose opinions were heard (Art. 22; 社会公众 is also Art. 19's 公众参与)."""

    public = "public"  # 社会公众（含利害关系人）
    democratic_parties = "democratic_parties"  # 民主党派
    industry_commerce_federation = "industry_commerce_federation"  # 工商联
    non_party = "non_party"  # 无党派人士
    social_groups = "social_groups"  # 社会团体
    experts = "experts"  # 专家学者


def _no_repeats(items: Iterable[Any]) -> list[str]:
    return sorted(str(i) for i, n in Counter(items).items() if n > 1)


class ExpertEvaluation(BaseModel):
    """论证评估 by experts or a research and advisory body (Art. 21); Art. 19's 专家论证."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    on: dt.date = Field(description="Date of the evaluation (its report or conclusion)")
    by: str = Field(min_length=1, description="The experts or research and advisory body")
    aspects: Items[EvaluationAspect] = Field(
        default=(), description="What it evaluated: legality, necessity, soundness..."
    )

    @field_validator("aspects")
    @classmethod
    def _aspects_once(cls, aspects: tuple[EvaluationAspect, ...]) -> tuple[EvaluationAspect, ...]:
        twice = _no_repeats(aspects)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        return aspects


class PublicConsultation(BaseModel):
    """Opinions heard before a decision: a hearing, a forum, a public comment period...
    (Art. 19 公众参与, Art. 21 听证会等多种形式, Art. 22)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: dt.date = Field(description="Date held, or the last day of a comment period")
    form: ConsultationForm
    parties: Items[ConsultedParty] = Field(min_length=1, description="Whose opinions")

    @field_validator("parties")
    @classmethod
    def _parties_once(cls, parties: tuple[ConsultedParty, ...]) -> tuple[ConsultedParty, ...]:
        twice = _no_repeats(parties)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        return parties


class UnitConsultation(BaseModel):
    """A department consulted (协商) or a town whose opinion was sought (征求意见), Art. 21."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: RecordId = Field(description="Department or town (a department of kind town)")
    on: dt.date


class Decision(Record):
    """A matter the county government decides: a major administrative decision (重大行政决策),
    another major issue (重大问题), or an important matter a department puts to it."""

    record_type: ClassVar[str] = "decision"

    title: str = Field(min_length=1)
    kind: DecisionKind | None = Field(
        default=None,
        description="What is decided (Art. 20 kinds...); none: a major decision of no stated kind",
    )
    category: str | None = Field(
        default=None, description="Free-text category of the first model; rules read `kind`"
    )
    date: dt.date | None = Field(
        default=None,
        description="Date the decision was taken (出台); the meeting's date when not given",
    )
    decided_at: RecordId | None = Field(
        default=None, description="Meeting that discussed and decided it (集体讨论决定)"
    )
    # Art. 21: an important matter a department puts to the county government.
    proposed_by: RecordId | None = Field(
        default=None, description="Department that put the matter to the county government (提请)"
    )
    proposed_on: dt.date | None = Field(default=None, description="Date it was put (提请)")
    investigated_on: dt.date | None = Field(
        default=None, description="深入调查研究: date the investigation was completed (Art. 21)"
    )
    expert_evaluation: ExpertEvaluation | None = Field(
        default=None, description="专家论证 / 论证评估 (Arts. 19, 21)"
    )
    departments_concerned: Items[RecordId] = Field(
        default=(), description="涉及的有关部门, to be consulted (应充分协商, Art. 21)"
    )
    towns_concerned: Items[RecordId] = Field(
        default=(), description="涉及的镇（街道）, whose opinions are sought beforehand (Art. 21)"
    )
    unit_consultations: Items[UnitConsultation] = Field(
        default=(), description="Consultations of the departments and towns concerned (Art. 21)"
    )
    consultations: Items[PublicConsultation] = Field(
        default=(),
        description="Opinions heard: hearings, forums, comment periods (Arts. 19, 21, 22)",
    )
    affects_public: bool = Field(
        default=False, description="涉及群众切身利益 (Art. 23: a social risk assessment first)"
    )
    major_public_interest: bool = Field(
        default=False,
        description="涉及重大公共利益和公众权益、容易引发社会稳定问题 (Art. 21)",
    )
    confidential: bool = Field(
        default=False, description="依法需要保密的决定事项 (Art. 33): no public participation"
    )
    risk_assessment_on: dt.date | None = Field(
        default=None, description="风险评估 / 社会稳定风险评估 (Arts. 19, 21, 23)"
    )
    legality_review_on: dt.date | None = Field(
        default=None, description="合法性审查 by the legal affairs body (Art. 19)"
    )
    # Arts. 4 and 9: the county party committee.
    party_committee_topic: bool = Field(
        default=False,
        description="A topic the county party standing committee or the secretary's office "
        "meeting is to study (需县委常委会、县委书记办公会研究的议题, Art. 9)",
    )
    county_head_approval: Approval | None = Field(
        default=None, description="县长审定同意 before it goes to the party committee (Art. 9)"
    )
    reported_to_party_committee_on: dt.date | None = Field(
        default=None,
        description="Date it was put to the county party committee (请示报告, Art. 4; for a "
        "party committee topic, the date it was submitted for study, Art. 9)",
    )
    follow_up_evaluations: Items[dt.date] = Field(
        default=(), description="跟踪评估 of its execution, by date (Art. 23)"
    )
    # The first model's flags: still accepted; the dated fields above supersede them.
    public_participation: bool = Field(default=False, description="Superseded by consultations")
    expert_argumentation: bool = Field(default=False, description="Superseded by expert_evaluation")
    risk_assessment: bool = Field(default=False, description="Superseded by risk_assessment_on")
    legality_review: bool = Field(default=False, description="Superseded by legality_review_on")
    collective_discussion: bool = Field(default=False, description="Superseded by decided_at")
    reported_to_party_committee: bool = Field(
        default=False, description="Superseded by reported_to_party_committee_on"
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("meetings", "decided_at", self.decided_at)
        yield from refs("departments", "proposed_by", self.proposed_by)
        yield from refs("departments", "departments_concerned", self.departments_concerned)
        yield from refs("departments", "towns_concerned", self.towns_concerned)
        for consulted in self.unit_consultations:
            yield from refs("departments", "unit_consultations.unit", consulted.unit)
        if self.county_head_approval is not None:
            yield from refs("officials", "county_head_approval.by", self.county_head_approval.by)

    # Cross-field checks are field validators, so an error names the field at fault.
    _proposed_before_decided = date_order(
        "proposed_on",
        "date",
        must_not_be="after",
        other_label="the decision date",
        other_label_zh="决定日期",
    )

    @field_validator("departments_concerned", "towns_concerned")
    @classmethod
    def _units_concerned(cls, ids: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        twice = _no_repeats(ids)
        if twice:
            raise invalid(f"重复列出 {'、'.join(twice)}", f"lists {', '.join(twice)} twice")
        proposer = info.data.get("proposed_by")
        if proposer is not None and proposer in ids:
            raise invalid(
                f"不应列入提请部门 {proposer} 本身",
                f"lists the proposing department {proposer} itself",
            )
        both = sorted(set(ids) & set(info.data.get("departments_concerned") or ()))
        if info.field_name == "towns_concerned" and both:
            raise invalid(
                f"{'、'.join(both)} 已列入 departments_concerned",
                f"{', '.join(both)} also listed under departments_concerned",
            )
        return ids

    @field_validator("follow_up_evaluations")
    @classmethod
    def _follow_up_after(cls, days: tuple[dt.date, ...], info: ValidationInfo) -> Any:
        decided = info.data.get("date")
        early = sorted(d for d in days if decided is not None and d < decided)
        if early:
            shown = [d.isoformat() for d in early]
            raise invalid(
                f"{'、'.join(shown)} 早于决定日期（{decided}）",
                f"{', '.join(shown)} is before the decision date {decided}",
            )
        return tuple(sorted(days))
