"""The rule language's functions: each declared once, here, with its arguments, its
implementation and a short description in Chinese and English.

The expression compiler checks calls against this registry (name, arity, literal arguments),
the engine calls the implementations, and `docs/rule-language.md` is generated from it. Adding
a function is one decorated definition in this file.

An implementation receives its arguments already evaluated. Arguments listed as required must
be present: a missing one is an input error naming the record field, raised before the call.
Functions marked `context=True` also receive the evaluation context first (the case index,
the calendar, the evaluation date, the pack's tables).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from types import MappingProxyType
from typing import Any

from ..engine.case_index import overlapping
from ..engine.context import Context, MissingValue


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    params: tuple[str, ...]  # argument names, for arity checks and the reference
    required: frozenset[int]  # positions that must not be missing (None)
    variadic: bool  # the last parameter takes any number of values
    literal: frozenset[int]  # positions that must be written as literals (table names...)
    context: bool  # the implementation takes the evaluation context first
    impl: Callable[..., Any]
    zh: str
    en: str
    example: str
    category: str


FUNCTIONS: dict[str, Function] = {}


def function(
    category: str,
    zh: str,
    en: str,
    example: str,
    *,
    optional: Iterable[str] = (),
    literal: Iterable[str] = (),
    context: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function under its Python name (a trailing `_` is dropped: `max_` → max)."""

    def register(impl: Callable[..., Any]) -> Callable[..., Any]:
        name = impl.__name__.rstrip("_")
        params = list(inspect.signature(impl).parameters.values())
        if context:
            params = params[1:]
        names = tuple(p.name for p in params)
        variadic = bool(params) and params[-1].kind is inspect.Parameter.VAR_POSITIONAL
        skipped = set(optional)
        FUNCTIONS[name] = Function(
            name=name,
            params=names,
            required=frozenset(
                i
                for i, n in enumerate(names)
                if n not in skipped and not (variadic and i == len(names) - 1)
            ),
            variadic=variadic,
            literal=frozenset(i for i, n in enumerate(names) if n in set(literal)),
            context=context,
            impl=impl,
            zh=zh,
            en=en,
            example=example,
            category=category,
        )
        return impl

    return register


def get_field(obj: Any, name: str) -> Any:
    """A field of a record, a table row or a mapping (names are checked when compiled: no
    private attribute ever reaches here); None for anything absent or callable."""
    kind = type(obj)
    if kind is dict or kind is MappingProxyType:  # table rows, notices
        return obj.get(name)
    value = getattr(obj, name, None)  # records (None itself has no data fields)
    if value is None and isinstance(obj, Mapping):
        return obj.get(name)
    return None if callable(value) else value


def _order(value: Any) -> tuple[bool, str, Any]:
    """A sort key for mixed values: absent last, then by type, then by value (9 before 10)."""
    return (value is None, type(value).__name__, value if value is not None else 0)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# -- collections ----------------------------------------------------------------------------

LISTS = "collections"


@function(
    LISTS,
    "该值本身；缺失时为输入错误（指明字段）",
    "The value itself; an input error naming the field when it is missing",
    "required(outside_county)",
)
def required(value: Any) -> Any:
    return value


@function(LISTS, "元素个数", "How many items", "count(attendees)")
def count(items: Any) -> int:
    return len(items)


@function(
    LISTS,
    "第一个元素（没有则为空）",
    "The first item, or nothing",
    "first(in_charge_of(department))",
)
def first(items: Any) -> Any:
    return next(iter(items), None)


@function(
    LISTS,
    "前n个元素（不足n个时为全部）：证据与消息只列举前几个，另给总数",
    "The first n items (all of them when fewer): evidence and messages list a few and a count",
    "first_few(earlier, 5)",
)
def first_few(items: Any, n: Any) -> tuple[Any, ...]:
    return tuple(items[:n]) if isinstance(items, Sequence) else tuple(islice(items, n))


@function(
    LISTS,
    "唯一的元素；不是恰好一个时为输入错误",
    "The only item; an input error unless exactly one",
    "the(officials_with_role('county_head'))",
)
def the(items: Any) -> Any:
    if len(items) != 1:
        found = "none" if not items else ", ".join(map(str, items))
        found_zh = "没有" if not items else "、".join(map(str, items))
        raise MissingValue("", f"needs exactly one, found {found}", f"须恰有一个，实有：{found_zh}")
    return items[0]


@function(
    LISTS,
    "最大值（忽略空值）",
    "The largest value, absent ones ignored",
    "max([r.on for r in pre_issue_reports])",
)
def max_(items: Any) -> Any:
    return max((v for v in items if v is not None), default=None)


@function(
    LISTS,
    "最小值（忽略空值）",
    "The smallest value, absent ones ignored",
    "min([s.on for s in steps])",
)
def min_(items: Any) -> Any:
    return min((v for v in items if v is not None), default=None)


@function(LISTS, "是否全部为真", "Whether every item is true", "all(s.approved for s in steps)")
def all_(items: Any) -> bool:
    return all(items)


@function(
    LISTS, "是否有一项为真", "Whether any item is true", "any(r.written for r in pre_issue_reports)"
)
def any_(items: Any) -> bool:
    return any(items)


@function(LISTS, "去掉空值", "The items that are present", "compact([chair, convener])")
def compact(items: Any) -> tuple[Any, ...]:
    return tuple(x for x in items if x is not None)


@function(
    LISTS, "去重（保留首次出现的顺序）", "Without repeats, in first-seen order", "unique(attendees)"
)
def unique(items: Any) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(x for x in items if x is not None))


@function(LISTS, "排序", "Sorted", "sort(attendees)")
def sort(items: Any) -> tuple[Any, ...]:
    return tuple(sorted(items, key=_order))


@function(
    LISTS,
    "按字段排序（同值保持原顺序）",
    "Sorted by a field, stable",
    "sort_by(steps, 'on')",
    literal=["field"],
)
def sort_by(items: Any, field: str) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda x: _order(get_field(x, field))))


@function(
    LISTS,
    "在前者而不在后者中的元素",
    "Items of the first not in the second",
    "minus(required_leaders, reported)",
)
def minus(items: Any, other: Any) -> tuple[Any, ...]:
    drop = set(other)
    return tuple(x for x in items if x not in drop)


@function(
    LISTS,
    "两者共有的元素（按前者顺序）",
    "Items in both, in the first's order",
    "intersect(attendees, expected_members)",
)
def intersect(items: Any, other: Any) -> tuple[Any, ...]:
    keep = set(other)
    return tuple(x for x in items if x in keep)


@function(
    LISTS,
    "是否有共同元素",
    "Whether the two share an item",
    "any_in(materials, ['plan', 'speech'])",
)
def any_in(items: Any, other: Any) -> bool:
    return not set(items).isdisjoint(other)


@function(
    LISTS,
    "required 是否按顺序出现在 seq 中",
    "Whether `required` occurs in `seq` in this order",
    "subsequence(approvals_taken, approvals)",
)
def subsequence(seq: Any, required: Any) -> bool:
    it = iter(seq)
    return all(any(x == want for x in it) for want in required)


@function(LISTS, "第一个不为空的值", "The first value that is present", "coalesce(convener, chair)")
def coalesce(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


# -- text and numbers -----------------------------------------------------------------------

TEXT = "text and numbers"


@function(TEXT, "连接为文字", "Joined into one text", "concat(r.start, '—', r.end)")
def concat(*parts: Any) -> str:
    return "".join(text_of(p) for p in parts)


@function(
    TEXT,
    "中文日期（2026年11月10日）",
    "A date written in Chinese (2026年11月10日)",
    "zh_date(date)",
    optional=["day"],
)
def zh_date(day: Any) -> str | None:
    return None if day is None else f"{day.year}年{day.month}月{day.day}日"


@function(
    TEXT,
    "中文日期范围，省去重复的年、月（2026年4月22日至23日）",
    "A range of dates in Chinese, repeating no year or month (2026年4月22日至23日)",
    "zh_dates(start, end)",
)
def zh_dates(start: Any, end: Any) -> str:
    first = f"{start.year}年{start.month}月{start.day}日"
    if end == start:
        return first
    if end.year != start.year:
        return f"{first}至{end.year}年{end.month}月{end.day}日"
    if end.month != start.month:
        return f"{first}至{end.month}月{end.day}日"
    return f"{first}至{end.day}日"


@function(
    TEXT,
    "英文数量短语（1 day、3 days），用于英文消息",
    "A number with an English noun, singular or plural (1 day, 3 days), for English messages",
    "quantity(days_ahead, 'day')",
)
def quantity(number: Any, noun: Any) -> str:
    return f"{text_of(number)} {noun}{'' if number in (1, -1) else 's'}"


@function(TEXT, "以分隔符连接", "Joined with a separator", "join(names, '、')")
def join(items: Any, separator: Any) -> str:
    return str(separator).join(text_of(v) for v in items)


@function(TEXT, "向上取整", "Rounded up", "ceil(expected * quorum)")
def ceil(number: Any) -> int:
    return math.ceil(number)


@function(TEXT, "向下取整", "Rounded down", "floor(expected * quorum)")
def floor(number: Any) -> int:
    return math.floor(number)


# How characters are counted (a pack parameter chooses one), compiled once at import.
CHARACTER_COUNTING: dict[str, re.Pattern[str] | None] = {
    "all": None,  # every character, whitespace included
    # What a clerk counts: characters and punctuation; not white space, nor invisible
    # formatting characters (zero-width spaces and joiners, a byte-order mark).
    "non_whitespace": re.compile(r"[^\s\u200b-\u200f\u2060\ufeff]"),
    "cjk_and_alnum": re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]"),  # no punctuation
}


@function(
    TEXT,
    "按计字方法统计正文字数（无正文为空）",
    "Characters of a text, counted as the method says (nothing without a text)",
    "char_count(body, character_counting)",
    optional=["text"],
)
def char_count(text: Any, counting: Any) -> int | None:
    if text is None:
        return None
    if counting not in CHARACTER_COUNTING:
        choices = ", ".join(CHARACTER_COUNTING)
        raise MissingValue(
            "",
            f"{counting!r} is not one of {choices}",
            f"字数计算方式“{counting}”不是{choices}之一",
        )
    pattern = CHARACTER_COUNTING[counting]
    return len(text) if pattern is None else sum(1 for _ in pattern.finditer(text))


# -- dates and the calendar -----------------------------------------------------------------

DATES = "dates and the calendar"
COUNTINGS = ("calendar_days", "working_days")


@function(
    DATES,
    "两日期之间的日历日数",
    "Calendar days from the first date to the second",
    "days_between(requested_on, start)",
)
def days_between(start: Any, end: Any) -> int:
    return (end - start).days


@function(
    DATES,
    "若干日历日之后的日期",
    "The date a number of calendar days later",
    "add_days(requested_on, 3)",
)
def add_days(day: Any, days: Any) -> dt.date:
    return day + dt.timedelta(days=days)


def _calendar(ctx: Context, method: str, start: dt.date, other: Any) -> Any:
    try:
        result = getattr(ctx.calendar, method)(start, other)
    except ValueError as exc:  # a date beyond the calendar's years: this record only
        raise MissingValue("", str(exc), "日期超出官方日历的年份范围") from None
    end = result if isinstance(result, dt.date) else other
    ctx.unconfirmed_years.update(ctx.calendar.unconfirmed_years(start, end))
    return result


@function(
    DATES,
    "两日期之间的工作日数（法定节假日和调休按官方日历）",
    "Working days between two dates on the official calendar (holidays and make-up days)",
    "working_days_between(assigned_on, reported_on)",
    context=True,
)
def working_days_between(ctx: Context, start: Any, end: Any) -> int:
    return int(_calendar(ctx, "working_days_between", start, end))


@function(
    DATES,
    "若干工作日之后的日期（官方日历）",
    "The date a number of working days later (official calendar)",
    "add_working_days(assigned_on, 10)",
    context=True,
)
def add_working_days(ctx: Context, day: Any, days: Any) -> dt.date:
    result: dt.date = _calendar(ctx, "add_working_days", day, days)
    return result


def _counting(counting: Any) -> None:
    if counting not in COUNTINGS:
        choices = ", ".join(COUNTINGS)
        raise MissingValue(
            "",
            f"{counting!r} is not one of {choices}",
            f"日数计算方式“{counting}”不是{choices}之一",
        )


@function(
    DATES,
    "提前的天数，按计日方法（日历日或工作日）",
    "Days of notice between two dates, counted in calendar days or working days",
    "notice_days_between(requested_on, start, notice_day_counting)",
    context=True,
)
def notice_days_between(ctx: Context, start: Any, end: Any, counting: Any) -> int:
    _counting(counting)
    if counting == "working_days":
        return working_days_between(ctx, start, end)
    return days_between(start, end)


@function(
    DATES,
    "提前若干天后的日期，按计日方法（日历日或工作日）",
    "The date a number of notice days later, in calendar days or working days",
    "add_notice_days(requested_on, notice_days, notice_day_counting)",
    context=True,
)
def add_notice_days(ctx: Context, day: Any, days: Any, counting: Any) -> dt.date:
    _counting(counting)
    if counting == "working_days":
        return add_working_days(ctx, day, days)
    return add_days(day, days)


@function(DATES, "日期所在年份", "The year of a date", "year_of(date)")
def year_of(day: Any) -> int:
    return int(day.year)


# -- the roster and the case ----------------------------------------------------------------

CASE = "the roster and the case"


@function(
    CASE,
    "该编号的人员记录（没有则为空）",
    "The official with this id, or nothing",
    "official(backup_partner)",
    optional=["official_id"],
    context=True,
)
def official(ctx: Context, official_id: Any) -> Any:
    return ctx.index.officials.get(official_id)


@function(
    CASE,
    "人员的职务",
    "An official's role",
    "role_of(chair)",
    optional=["official_id"],
    context=True,
)
def role_of(ctx: Context, official_id: Any) -> Any:
    found = ctx.index.officials.get(official_id)
    return None if found is None else found.role


def _name(ctx: Context, some_id: Any) -> Any:
    found = ctx.index.officials.get(some_id) or ctx.index.departments.get(some_id)
    return found.name if found else some_id


@function(
    CASE,
    "人员（或部门）的姓名（名称）",
    "The name of an official (or a department)",
    "name_of(chair)",
    optional=["some_id"],
    context=True,
)
def name_of(ctx: Context, some_id: Any) -> Any:
    return _name(ctx, some_id)


@function(
    CASE,
    "职务加姓名（县长李明）；没有职务记录时只写姓名",
    "Title and name (县长李明); the name alone when no title is on record",
    "titled_name(chair)",
    optional=["official_id"],
    context=True,
)
def titled_name(ctx: Context, official_id: Any) -> Any:
    found = ctx.index.officials.get(official_id)
    if found is None:
        return official_id
    return f"{found.title}{found.name}" if found.title else found.name


@function(
    CASE,
    "多名人员（或部门）的姓名",
    "The names of officials (or departments)",
    "names_of(missing)",
    context=True,
)
def names_of(ctx: Context, ids: Any) -> tuple[Any, ...]:
    return tuple(_name(ctx, i) for i in ids)


@function(
    CASE,
    "担任该职务（或其中任一职务）的人员，按名册顺序",
    "The officials holding a role (or any of a list of roles), in roster order",
    "officials_with_role(member_roles)",
    context=True,
)
def officials_with_role(ctx: Context, role: Any) -> tuple[str, ...]:
    if isinstance(role, tuple | list):
        return ctx.index.with_roles(tuple(role))
    return ctx.index.with_role(role)


@function(
    CASE,
    "分管该部门的县政府领导",
    "The county leaders in charge of a department",
    "in_charge_of(department)",
    context=True,
)
def in_charge_of(ctx: Context, department: Any) -> tuple[str, ...]:
    return ctx.index.in_charge_of(department)


@function(
    CASE,
    "该人员当日是否外出或休假（有记录）",
    "Whether the official is away that day (on record)",
    "absent_on(county_head, date)",
    context=True,
)
def absent_on(ctx: Context, official_id: Any, day: Any) -> bool:
    return ctx.index.away_on(official_id, day)


@function(
    CASE,
    "该人员当日所在的外出或休假记录编号（没有则为空）",
    "The id of the leave or travel record that covers that official on that day, or nothing",
    "absence_on(county_head, date)",
    context=True,
)
def absence_on(ctx: Context, official_id: Any, day: Any) -> str | None:
    # A verdict that relies on someone acting names the record of the absence it rests on.
    found = ctx.index.absence_covering(official_id, day)
    return str(found.id) if found is not None else None


@function(
    CASE,
    "该人员的外出、休假记录（按开始日期）",
    "That official's leave and travel, by start",
    "absences_of(id)",
    context=True,
)
def absences_of(ctx: Context, official_id: Any) -> tuple[Any, ...]:
    return ctx.index.absences_of(official_id)


@function(
    CASE,
    "案卷中某一部分的全部记录",
    "Every record of a section of the case file",
    "case_records('documents')",
    context=True,
    literal=["section"],
)
def case_records(ctx: Context, section: Any) -> tuple[Any, ...]:
    return tuple(ctx.index.records(section))


@function(
    CASE,
    "案卷中某一部分里某字段等于该值的记录（按索引查找，不逐条扫描）",
    "The records of a section whose field has this value (an index lookup, not a scan)",
    "records_with('documents', 'department', id)",
    optional=["value"],
    context=True,
    literal=["section", "field"],
)
def records_with(ctx: Context, section: Any, field: Any, value: Any) -> tuple[Any, ...]:
    return ctx.index.records_with(section, field, value)


@function(
    CASE,
    "案卷中某一部分里该编号的记录（没有则为空）",
    "The record of a section of the case file with this id, or nothing",
    "record_in('meetings', decided_at)",
    optional=["record_id"],
    context=True,
    literal=["section"],
)
def record_in(ctx: Context, section: Any, record_id: Any) -> Any:
    return ctx.index.record(section, record_id)


@function(
    CASE,
    "两组时段中相互重叠的每一对（含重叠日期）",
    "Each pair of periods, one from each list, that overlap (with the shared dates)",
    "overlaps(absences_of(id), absences_of(backup_partner))",
)
def overlaps(first: Any, second: Any) -> tuple[dict[str, Any], ...]:
    return overlapping(first, second)


@function(
    CASE,
    "为本规则和本记录登记的理由（没有则为空）",
    "The reason recorded for departing from this rule on this record, or nothing",
    "justification() is not None",
    context=True,
)
def justification(ctx: Context) -> str | None:
    return justification_of(ctx, ctx.record.subject)


@function(
    CASE,
    "为本规则和另一对象（如 official:lq）登记的理由（没有则为空）",
    "The reason recorded for departing from this rule concerning another subject, or nothing",
    "justification_of(concat('official:', backup_partner))",
    context=True,
)
def justification_of(ctx: Context, subject: Any) -> str | None:
    found = ctx.index.justification(ctx.rule.id, subject)
    if found is None:
        return None
    ctx.consulted.append(found)
    return str(found.reason)


@function(
    CASE,
    "编码的显示名称（取自标签表）",
    "Display names of codes, from a labels table",
    "label('names', 'zh', approvals)",
    literal=["table", "column"],
    optional=["codes"],
    context=True,
)
def label(ctx: Context, table: Any, column: Any, codes: Any) -> Any:
    index = ctx.tables[table].index

    def one(code: Any) -> Any:
        row = index.get((code,))
        return row.outputs[column] if row is not None else code

    if isinstance(codes, tuple | list):
        return tuple(one(c) for c in codes)
    return None if codes is None else one(codes)


# -- ranking within a group (Art. 59: the how-many-th meeting of a department this year) ----


@function(
    DATES,
    "该日期所在年份的1月1日",
    "The first day of the date's year",
    "start_of_year(date)",
)
def start_of_year(day: Any) -> dt.date:
    return dt.date(day.year, 1, 1)


@function(
    CASE,
    "同一部分中各字段取给定值、日期不早于 since、按（日期、编号）排在本记录之前的记录"
    "（按索引查找并二分，不逐条扫描）",
    "The records of a section with the given field values, dated from `since` on, that come "
    "before this record by (date, id): an index lookup and a bisection, not a scan",
    "earlier_with('meetings', {'kind': kind, 'organizing_department': organizing_department}, "
    "'date', start_of_year(date))",
    optional=["since"],
    literal=["section", "date_field"],
    context=True,
)
def earlier_with(
    ctx: Context, section: Any, match: Any, date_field: Any, since: Any
) -> tuple[Any, ...]:
    if not isinstance(match, Mapping) or not match:
        raise MissingValue(
            "", "needs a mapping of at least one field to its value", "须给出至少一个字段及其取值"
        )
    keys, ranked = ctx.index.ranked(section, tuple(sorted(match.items())), date_field)
    low = 0 if since is None else bisect_left(keys, (since,))
    high = bisect_left(keys, (getattr(ctx.record, date_field), ctx.record.id))
    return ranked[low:high] if high > low else ()
