"""Official documents (公文), Chapter 10 (Arts. 62–70)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .base import Record, RecordId, Reference, date_order, refs


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
    pre_issue_reports: tuple[PreIssueReport, ...] = ()
    disclosure: Disclosure | None = None
    policy_interpretation_attached: bool = False
    main_recipients: tuple[str, ...] = ()
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

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("body_length")
    @classmethod
    def _one_length(cls, length: int | None, info: ValidationInfo) -> int | None:
        if length is not None and info.data.get("body") is not None:
            raise ValueError("give either body or body_length, not both")
        return length

    _signed_before_issue = date_order("signed_on", "issued_on", must_not_be="after")

    @field_validator("office_class")
    @classmethod
    def _office_only(cls, value: OfficeDocumentClass | None, info: ValidationInfo) -> Any:
        if value and info.data.get("issuer") is not Issuer.county_government_office:
            raise ValueError("applies only to documents in the office's name")
        return value

    @field_validator("city_notice_received_on")
    @classmethod
    def _city_notice(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if info.data.get("city_required") and day is None:
            raise ValueError("a city-required document needs the date its notice was received")
        return day
