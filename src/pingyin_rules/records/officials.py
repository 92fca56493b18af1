"""Officials and departments: the roster a case file is checked against (Arts. 6, 10, 82)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field, ValidationInfo, field_validator

from .base import Items, Record, RecordId, Reference, invalid, refs


class Role(StrEnum):
    county_head = "county_head"  # 县长
    executive_deputy_head = "executive_deputy_head"  # 常务副县长
    deputy_head = "deputy_head"  # 副县长
    party_group_member = "party_group_member"  # 县政府党组成员
    office_director = "office_director"  # 县政府办公室主任
    office_deputy_director = "office_deputy_director"  # 县政府办公室副主任
    department_head = "department_head"  # 县政府工作部门主要负责人
    town_head = "town_head"  # 镇长 / 街道办事处主任
    other = "other"


DEPUTY_ROLES = frozenset({Role.executive_deputy_head, Role.deputy_head})

# Each role in Chinese, for messages (the pack's names, rules/names.yaml; plain text here, so
# that validating a record does not load the pack).
ROLE_ZH = {
    Role.county_head: "县长",
    Role.executive_deputy_head: "常务副县长",
    Role.deputy_head: "副县长",
    Role.party_group_member: "县政府党组成员",
    Role.office_director: "县政府办公室主任",
    Role.office_deputy_director: "县政府办公室副主任",
    Role.department_head: "县政府工作部门主要负责人",
    Role.town_head: "镇长（街道办事处主任）",
    Role.other: "其他人员",
}


class Official(Record):
    record_type: ClassVar[str] = "official"

    name: str = Field(min_length=1)
    role: Role
    title: str | None = None
    department: RecordId | None = Field(
        default=None, description="Department or town the official heads or works in"
    )
    portfolio: Items[RecordId] = Field(
        default=(), description="Departments and areas in a deputy's charge (分管)"
    )
    backup_partner: RecordId | None = Field(
        default=None, description="A/B backup partner (Art. 10)"
    )
    in_charge_of_drafting: bool = Field(
        default=False,
        description="Office deputy director in charge of drafting (分管文字工作, Art. 67)",
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("officials", "backup_partner", self.backup_partner)
        yield from refs("departments", "department", self.department)
        yield from refs("departments", "portfolio", self.portfolio)

    # Cross-field checks are field validators, so an error names the field at fault.
    @field_validator("portfolio")
    @classmethod
    def _deputies_have_portfolios(cls, deps: tuple[str, ...], info: ValidationInfo) -> Any:
        role = info.data.get("role")
        if deps and role is not None and role not in DEPUTY_ROLES:  # none: role itself failed
            raise invalid(
                f"只有副县长有分管范围（portfolio），{ROLE_ZH.get(role, role)}没有",
                f"only a deputy head has a portfolio, not a {role}",
            )
        return deps

    @field_validator("backup_partner")
    @classmethod
    def _partner_is_someone_else(cls, partner: str | None, info: ValidationInfo) -> Any:
        if partner is not None and partner == info.data.get("id"):
            raise invalid(
                "A/B 角（backup_partner）不能是本人",
                "an official cannot be their own backup partner",
            )
        return partner

    @field_validator("in_charge_of_drafting")
    @classmethod
    def _drafting_deputy(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("role") is not Role.office_deputy_director:
            raise invalid(
                "只有县政府办公室副主任可以分管文字工作",
                "only an office deputy director can be in charge of drafting",
            )
        return value


class DepartmentKind(StrEnum):
    working_department = "working_department"  # 县政府工作部门
    office = "office"  # 县政府办公室
    legal_affairs = "legal_affairs"  # 法制机构 / 司法局
    audit = "audit"  # 县审计局
    finance = "finance"  # 县财政局
    directly_affiliated_body = "directly_affiliated_body"  # 直属机构 (Art. 82)
    directly_affiliated_institution = "directly_affiliated_institution"  # 直属事业单位 (Art. 82)
    affiliated_institution = "affiliated_institution"  # 部门所属事业单位 (Art. 82)
    town = "town"  # 镇 / 街道


class Department(Record):
    record_type: ClassVar[str] = "department"

    name: str = Field(min_length=1)
    kind: DepartmentKind = DepartmentKind.working_department
    head: RecordId | None = None
    parent: RecordId | None = Field(
        default=None, description="Department an institution belongs to"
    )
    registered_briefing_series: Items[str] = Field(
        default=(), description="Briefing series registered with the office (核准备案, Art. 69)"
    )

    def references(self) -> Iterator[Reference]:
        yield from refs("officials", "head", self.head)
        yield from refs("departments", "parent", self.parent)
