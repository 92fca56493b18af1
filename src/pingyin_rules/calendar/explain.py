"""Clerk-readable explanation of a working-day deadline (起算日 + n个工作日)."""

from __future__ import annotations

from datetime import date, timedelta

from .official import OfficialCalendar

_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKEND_EN = ("Saturday", "Sunday")


def _zh(d: date) -> str:
    return f"{d.isoformat()}（{_WEEKDAY_ZH[d.weekday()]}）"


def _en(d: date) -> str:
    return f"{d.isoformat()} ({_WEEKDAY_EN[d.weekday()]})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe_addition(cal: OfficialCalendar, start: date, n: int, lang: str = "zh") -> str:
    """Explain `cal.add_working_days(start, n)`: due date, skipped days, make-up days, caveats.
    Zero working days after a date is that date, as a clerk counts, even on a day off (which
    is then said); `add_working_days` gives the next working day, which a rule may want.

    lang="zh" gives the Chinese text followed by an English summary; lang="en" English only.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    working = cal.is_working_day(start)  # also refuses a date outside the calendar
    due = start if n == 0 else cal.add_working_days(start, n)
    skipped = cal.skipped_days(start, due)
    makeup = [
        (d, cal.name_of(d) or "")
        for d in (start + timedelta(days=k) for k in range(1, (due - start).days + 1))
        if d.weekday() >= 5 and cal.is_working_day(d)
    ]
    statuses = [cal.year_status(y) for y in range(start.year, due.year + 1)]
    unconfirmed = [s for s in statuses if not s.confirmed]
    summary = (
        f"Start {_en(start)} + {_count(n, 'working day')} = {_en(due)}; skipped "
        f"{_count(len(skipped), 'non-working day')}, counted "
        f"{_count(len(makeup), 'make-up working day')}."
    )
    if not working:
        day_off = cal.name_of(start) or _WEEKEND_EN[start.weekday() - 5]
        summary += f" {_en(start)} is not a working day ({day_off})."
    warnings = [
        f"Warning: the {s.year} schedule is not confirmed. {s.assumption}" for s in unconfirmed
    ]
    if lang == "en":
        lines = [summary]
        lines += [
            f"  skipped {_en(s.date)} {'weekend' if s.reason in ('周六', '周日') else s.reason}"
            for s in skipped
        ]
        lines += [f"  counted {_en(d)} {name}" for d, name in makeup]
        lines += [f"Source for {s.year}: {s.source}" for s in statuses]
        return "\n".join(lines + warnings)

    lines = [f"起算日 {_zh(start)}", f"{n}个工作日后：{_zh(due)}"]
    if not working:
        lines[0] += f"（非工作日：{cal.name_of(start) or _WEEKDAY_ZH[start.weekday()]}）"
    lines.append(f"跳过的非工作日（{len(skipped)}天）：" if skipped else "跳过的非工作日：无")
    lines += [f"  {_zh(s.date)} {s.reason}" for s in skipped]
    lines.append(f"计入的调休上班日（{len(makeup)}天）：" if makeup else "计入的调休上班日：无")
    lines += [f"  {_zh(d)} {name}" for d, name in makeup]
    lines += [f"{s.year}年安排依据：{s.source}" for s in statuses]
    if unconfirmed:
        years = "、".join(str(s.year) for s in unconfirmed)
        lines.append(
            f"【注意】{years}年的放假安排尚未确认（未收录国务院办公厅通知），按以下假设计算："
            "法定节假日按规则推算，周六、周日休息，无调休上班日。请以正式通知为准。"
        )
    return "\n".join([*lines, summary, *warnings])
