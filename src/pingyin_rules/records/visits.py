"""Visits to Pingyin by higher-level departments and leaders (Art. 60 ¶2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from .base import Record, RecordId, Reference, date_order, refs


class VisitorOrigin(StrEnum):
    """Where the visitors come from (Art. 60 ¶2: 省政府部门、市政府部门、外省市来宾)."""

    province_department = "province_department"  # 省政府部门
    city_department = "city_department"  # 市政府部门
    other_region = "other_region"  # 外省市来宾
    other = "other"


class Visit(Record):
    """A visit to Pingyin (来平阴考察), received by a county department."""

    record_type: ClassVar[str] = "visit"

    visitor: str = Field(min_length=1, description="Who visits, with title")
    visitor_body: str | None = Field(default=None, description="The body the visitor is from")
    origin: VisitorOrigin = Field(
        default=VisitorOrigin.other,
        description="省政府部门、市政府部门、外省市来宾 are in principle received by the "
        "counterpart department (Art. 60 ¶2)",
    )
    bureau_level_or_above: bool = Field(
        default=False,
        description="厅局级以上领导: reported to the county government, which reports to the "
        "county party committee (Art. 60 ¶2)",
    )
    host_department: RecordId = Field(
        description="The county department that accompanies and receives the visit (陪同接待)"
    )
    counterpart_department: RecordId | None = Field(
        default=None, description="对口部门: the county department matching the visitor's body"
    )
    start: dt.date
    end: dt.date | None = None
    reported_on: dt.date | None = Field(
        default=None, description="报县政府: when the visit was reported to the county government"
    )
    party_committee_reported_on: dt.date | None = Field(
        default=None,
        description="由县政府报告县委: when the county government reported it to the county "
        "party committee",
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("departments", "host_department", self.host_department)
        yield from refs("departments", "counterpart_department", self.counterpart_department)

    # Cross-field checks are field validators, so an error names the field at fault.
    _end_after_start = date_order("end", "start", must_not_be="before")
