"""Official documents (公文): Chapter 10 (Arts. 62–70), and normative documents' filing and
content (Arts. 26, 28)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Approval, Items, Record, RecordId, Reference, date_order, invalid, refs


class Issuer(StrEnum):
    county_government = "county_government"  # 以县政府名义
    county_government_office = "county_government_office"  # 以县政府办公室名义
    department = "department"  # 县政府部门
    internal_unit = "internal_unit"  # 部门内设机构


class DocumentKind(StrEnum):
    formal = "formal"  # 正式公文
    normative = "normative"  # 规范性文件
    informal_letter_up = "informal_letter_up"  # 报送市政府及其部门的便函
    informal_letter_down = "informal_letter_down"  # 下发的便函
    request_for_instructions = "request_for_instructions"  # 请示
    report = "report"  # 报告
    briefing = "briefing"  # 简报
    policy = "policy"  # 政策性文件
    motion = "motion"  # 向县人大及其常委会提出的议案
    personnel = "personnel"  # 人事任免
    going_abroad_approval = "going_abroad_approval"  # 出国审批
    supervision_plan = "supervision_plan"  # 年度督查计划 (Art. 46)


class OfficeDocumentClass(StrEnum):
    """Art. 67(7): office documents that the county head, not the executive deputy, signs."""

    important_normative = "important_normative"
    comprehensive = "comprehensive"
    temporary_body = "temporary_body"


class Disclosure(StrEnum):
    proactive = "proactive"  # 主动公开
    on_request = "on_request"  # 依申请公开
    not_disclosed = "not_disclosed"  # 不予公开


class ReservedMatter(StrEnum):
    """What a normative document may not set (Art. 28: 行政许可、行政处罚、行政强制等事项)."""

    administrative_licensing = "administrative_licensing"  # 行政许可
    administrative_penalty = "administrative_penalty"  # 行政处罚
    administrative_compulsion = "administrative_compulsion"  # 行政强制
    # 等事项: another matter that only a law or regulation may set (行政征收、行政收费……)
    other_reserved_matter = "other_reserved_matter"


class DepartmentReply(BaseModel):
    """Another department's reply when consulted on a document before it is signed: the lead
    department's consent, signed and sealed (Art. 66 ¶1: 提前征求牵头部门同意，并签字盖章), or
    the agreement of a department whose duties it touches (Art. 68 ¶1: 协商一致)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    department: RecordId
    on: dt.date = Field(description="Date of the reply")
    agreed: bool = Field(default=True, description="同意 / 协商一致: the department agreed")
    signed: bool = Field(default=False, description="签字: the reply is signed")
    sealed: bool = Field(default=False, description="盖章: the reply bears the department's seal")


class PreIssueReport(BaseModel):
    """A report on a document made to a leader before issue (Art. 66)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    to: RecordId
    on: dt.date
    written: bool = True
    approved: bool = True


class Document(Record):
    record_type: ClassVar[str] = "document"

    title: str = Field(min_length=1)
    issuer: Issuer
    kind: DocumentKind
    department: RecordId | None = Field(
        default=None, description="Drafting department (主管部门 / 主办单位)"
    )
    body: str | None = Field(default=None, description="Body text, if supplied")
    body_length: int | None = Field(
        default=None,
        ge=0,
        description="Length in counted characters, when the body is not supplied",
    )
    issued_on: dt.date | None = None
    reviewed_by: RecordId | None = Field(
        default=None, description="审签: reviewed and initialled by"
    )
    checked_by: RecordId | None = Field(
        default=None, description="Office deputy director in charge of drafting who checked it"
    )
    signed_by: RecordId | None = Field(default=None, description="签发: signed off by")
    signed_on: dt.date | None = None
    authorized_signer: RecordId | None = Field(
        default=None, description="Deputy head the county head authorized to sign (Art. 67(6))"
    )
    decided_at_executive_meeting: bool = False
    routine_approval: bool = False
    spans_portfolios: bool = Field(
        default=False, description="Content spans several deputies' portfolios (Art. 67(5))"
    )
    opinions_differ: bool = False
    office_class: OfficeDocumentClass | None = None
    emergency: bool = Field(default=False, description="突发紧急事项特事特办 (Art. 66)")
    city_required: bool = Field(default=False, description="Required by the city (Art. 66 ¶2)")
    city_notice_received_on: dt.date | None = Field(default=None, validate_default=True)
    pre_issue_reports: Items[PreIssueReport] = ()
    disclosure: Disclosure | None = None
    policy_interpretation_attached: bool = False
    main_recipients: Items[str] = ()
    briefing_series: str | None = None
    length_justification: str | None = Field(
        default=None, description="Recorded reason for exceeding a word limit (原则上)"
    )
    plan_year: int | None = Field(
        default=None,
        ge=1900,
        le=2200,
        description="The year a plan covers (Art. 46), when it is not the year it is issued in",
    )

    # Art. 26: a department's normative document is filed with the legal affairs body for record
    # review (备案审查), registered (统一登记) and published uniformly (统一公布).
    filed_for_review_with: RecordId | None = Field(
        default=None,
        description="Legal affairs body the document was filed with for record review (Art. 26)",
    )
    filed_for_review_on: dt.date | None = Field(
        default=None, validate_default=True, description="Date filed for record review (Art. 26)"
    )
    registration_number: str | None = Field(
        default=None, min_length=1, description="统一登记 number given on registration (Art. 26)"
    )
    portal_published_on: dt.date | None = Field(
        default=None,
        description=(
            "Date published on the county government portal (县政府门户网站): Art. 70 刊载, and "
            "the uniform publication (统一公布) of a department's normative document (Art. 26)"
        ),
    )
    # Art. 28: content a normative document may not have (the legality review's findings).
    sets_matters: Items[ReservedMatter] = Field(
        default=(), description="Licensing, penalty, compulsion or the like it sets (Art. 28)"
    )
    unlawfully_reduces_rights: bool = Field(
        default=False,
        description=(
            "Reduces the rights of citizens, legal persons or other organizations without a "
            "legal basis (Art. 28)"
        ),
    )
    unlawfully_adds_obligations: bool = Field(
        default=False,
        description="Adds to their obligations without a legal basis (Art. 28)",
    )
    # Art. 66 ¶1 and Art. 68 ¶1: other departments and their replies.
    lead_departments: Items[RecordId] = Field(
        default=(),
        description="Departments that must lead the implementation of its matters (Art. 66 ¶1)",
    )
    affected_departments: Items[RecordId] = Field(
        default=(), description="Other departments whose duties its content touches (Art. 68 ¶1)"
    )
    consultations: Items[DepartmentReply] = ()
    within_department_remit: bool = Field(
        default=False,
        description=(
            "A matter within a department's own powers, for it to issue alone or jointly "
            "(Art. 66 ¶3: 属部门职权范围内事务)"
        ),
    )
    # Art. 68 ¶2: departments, internal units and the county government's approval.
    deploys_work_to_towns: bool = Field(
        default=False,
        description="Sent to town governments (subdistrict offices) to deploy work (Art. 68 ¶2)",
    )
    county_approval: Approval | None = Field(
        default=None, description="The county government leader's approval (Art. 68 ¶2)"
    )
    marked_county_consent: bool = Field(
        default=False, description="Bears the words 经县政府同意 (Art. 68 ¶2)"
    )
    issuing_unit: str | None = Field(
        default=None, min_length=1, description="Name of the issuing internal unit (内设机构)"
    )
    issuing_unit_is_office: bool = Field(
        default=False, description="The issuing internal unit is the department's office (办公室)"
    )
    internal_only: bool = Field(
        default=False, description="Circulated only within the issuing department (not 对外)"
    )
    requests_reports_from_lower_governments: bool = Field(
        default=False,
        description="Asks town governments (下级政府) to send the department documents (Art. 68)",
    )

    @property
    def plan_day(self) -> dt.date | None:
        """The day a plan counts from: 1 January of the year it covers, else its issue date."""
        return dt.date(self.plan_year, 1, 1) if self.plan_year is not None else self.issued_on

    def references(self) -> Iterator[Reference]:
        for field in ("reviewed_by", "checked_by", "signed_by", "authorized_signer"):
            yield from refs("officials", field, getattr(self, field))
        for report in self.pre_issue_reports:
            yield from refs("officials", "pre_issue_reports.to", report.to)
        yield from refs("departments", "department", self.department)
        yield from refs("departments", "filed_for_review_with", self.filed_for_review_with)
        yield from refs("departments", "lead_departments", self.lead_departments)
        yield from refs("departments", "affected_departments", self.affected_departments)
        for consultation in self.consultations:
            yield from refs("departments", "consultations.department", consultation.department)
        if self.county_approval is not None:
            yield from refs("officials", "county_approval.by", self.county_approval.by)

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("body_length")
    @classmethod
    def _one_length(cls, length: int | None, info: ValidationInfo) -> int | None:
        if length is not None and info.data.get("body") is not None:
            raise invalid(
                "body 与 body_length 只能填写其一", "give either body or body_length, not both"
            )
        return length

    _signed_before_issue = date_order("signed_on", "issued_on", must_not_be="after")

    @field_validator("office_class")
    @classmethod
    def _office_only(cls, value: OfficeDocumentClass | None, info: ValidationInfo) -> Any:
        if value and info.data.get("issuer") is not Issuer.county_government_office:
            raise invalid(
                "仅适用于以县政府办公室名义发出的公文",
                "applies only to documents in the office's name",
            )
        return value

    @field_validator("city_notice_received_on")
    @classmethod
    def _city_notice(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if info.data.get("city_required") and day is None:
            raise invalid(
                "按市里要求制发的公文，须写明收到市里通知的日期",
                "a city-required document needs the date its notice was received",
            )
        return day

    @field_validator("filed_for_review_on")
    @classmethod
    def _filing_has_body_and_date(cls, day: dt.date | None, info: ValidationInfo) -> Any:
        body = info.data.get("filed_for_review_with")
        if body is not None and day is None:
            raise invalid(
                "报送备案审查的，须写明报送日期",
                "a filing for record review needs the date it was filed",
            )
        if day is not None and body is None and "filed_for_review_with" in info.data:
            raise invalid(
                "请写明 filed_for_review_with，即报送备案的县政府法制机构",
                "give filed_for_review_with, the legal affairs body filed with",
            )
        return day

    _published_after_issue = date_order("portal_published_on", "issued_on", must_not_be="before")

    @field_validator("sets_matters", "unlawfully_reduces_rights", "unlawfully_adds_obligations")
    @classmethod
    def _normative_content(cls, value: Any, info: ValidationInfo) -> Any:
        if value and info.data.get("kind") is not DocumentKind.normative:
            raise invalid(
                "第二十八条所列内容仅在规范性文件（kind: normative）上记录",
                "Art. 28 content findings are recorded on normative documents (kind: normative)",
            )
        return value

    @field_validator("issuing_unit", "issuing_unit_is_office")
    @classmethod
    def _internal_unit_only(cls, value: Any, info: ValidationInfo) -> Any:
        if value and info.data.get("issuer") is not Issuer.internal_unit:
            raise invalid(
                "仅适用于部门内设机构发出的公文",
                "applies only to documents issued by an internal unit",
            )
        return value
