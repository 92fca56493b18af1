"""The clerk-readable explanation printed by `pingyin-rules calendar add`."""

from __future__ import annotations

from datetime import date

import pytest

from pingyin_rules.calendar import CalendarYear, OfficialCalendar, describe_addition

CAL = OfficialCalendar()


def test_national_day_2026() -> None:
    text = describe_addition(CAL, date(2026, 9, 28), 10)
    lines = text.splitlines()
    assert lines[:3] == [
        "起算日 2026-09-28（星期一）",
        "10个工作日后：2026-10-16（星期五）",
        "跳过的非工作日（8天）：",
    ]
    assert "  2026-10-01（星期四） 国庆节" in lines
    assert "  2026-10-04（星期日） 周日" in lines
    assert "  2026-10-11（星期日） 周日" in lines
    assert "计入的调休上班日（1天）：" in lines
    assert "  2026-10-10（星期六） 调休上班（与 2026-10-07 对调）" in lines
    assert "2026年安排依据：holidays" in text
    assert "注意" not in text and "Warning" not in text
    assert lines[-1] == (
        "Start 2026-09-28 (Mon) + 10 working days = 2026-10-16 (Fri); "
        "skipped 8 non-working days, counted 1 make-up working day."
    )


def test_plain_weeks_say_none() -> None:
    lines = describe_addition(CAL, date(2026, 3, 2), 4).splitlines()
    assert lines[1:4] == [
        "4个工作日后：2026-03-06（星期五）",
        "跳过的非工作日：无",
        "计入的调休上班日：无",
    ]


def test_unconfirmed_year_warns_in_both_languages() -> None:
    text = describe_addition(CAL, date(2026, 12, 20), 20)
    assert "20个工作日后：2027-01-18（星期一）" in text
    assert "【注意】2027年的放假安排尚未确认" in text
    assert CAL.year_status(2027).assumption in text
    assert "2026年的放假安排" not in text


def test_override_removes_warning_and_names_notice() -> None:
    notice = "国务院办公厅关于2027年部分节假日安排的通知"
    cy = CalendarYear(2027, notice, {date(2027, 1, 1): "元旦"})
    text = describe_addition(OfficialCalendar([cy]), date(2026, 12, 20), 20)
    assert f"2027年安排依据：{notice}" in text
    assert "注意" not in text


def test_english_only() -> None:
    lines = describe_addition(CAL, date(2026, 9, 18), 1, lang="en").splitlines()
    assert lines == [
        "Start 2026-09-18 (Fri) + 1 working day = 2026-09-20 (Sun); "
        "skipped 1 non-working day, counted 1 make-up working day.",
        "  skipped 2026-09-19 (Sat) weekend",
        "  counted 2026-09-20 (Sun) 调休上班（与 2026-10-06 对调）",
        f"Source for 2026: {CAL.year_status(2026).source}",
    ]
    with pytest.raises(ValueError, match="lang"):
        describe_addition(CAL, date(2026, 9, 18), 1, lang="fr")
