"""User calendar files: loading, overriding the package, and refusing malformed files."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from pingyin_rules.calendar import (
    CalendarFileError,
    CalendarYear,
    OfficialCalendar,
    load_calendar_file,
    load_calendar_files,
    load_calendar_years,
)

NOTICE = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"
VALID = f"""\
year: 2027
source: {NOTICE}
holidays:                # days off
  - {{date: 2027-01-01, name: 元旦}}
  - {{from: 2027-02-05, to: 2027-02-11, name: 春节}}
  - date: "2027-10-01"
workdays:
  - {{date: 2027-02-13, name: 春节调休}}
"""


def write(tmp_path: Path, text: str, name: str = "cal.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_valid_file(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    cy = load_calendar_file(path)
    assert (cy.year, cy.source, cy.path) == (2027, NOTICE, path)
    assert sorted(cy.holidays) == [
        date(2027, 1, 1),
        *(date(2027, 2, d) for d in range(5, 12)),
        date(2027, 10, 1),
    ]
    assert cy.holidays[date(2027, 2, 8)] == "春节"
    assert cy.holidays[date(2027, 10, 1)] == "休息日"  # default name, quoted date accepted
    assert dict(cy.workdays) == {date(2027, 2, 13): "春节调休"}
    with pytest.raises(TypeError):
        cy.holidays[date(2027, 3, 1)] = "x"  # type: ignore[index]


def test_override_confirms_year_and_replaces_package_data(tmp_path: Path) -> None:
    cal = OfficialCalendar([load_calendar_file(write(tmp_path, VALID))])
    assert OfficialCalendar().year_status(2027).confirmed is False
    status = cal.year_status(2027)
    assert status.confirmed and status.source == NOTICE and status.assumption is None
    assert cal.unconfirmed_years(date(2026, 1, 1), date(2027, 12, 31)) == ()
    assert cal.is_working_day(date(2027, 2, 13))  # make-up Saturday
    assert cal.name_of(date(2027, 2, 13)) == "春节调休"
    assert not cal.is_working_day(date(2027, 2, 8))
    assert cal.name_of(date(2027, 2, 8)) == "春节"
    # Package estimates for 2027 that the file does not list are gone (Mon 2027-04-05, 清明).
    assert not OfficialCalendar().is_working_day(date(2027, 4, 5))
    assert cal.is_working_day(date(2027, 4, 5))
    # Other years keep the package data.
    assert cal.is_working_day(date(2026, 10, 10)) and not cal.is_working_day(date(2026, 10, 1))
    # Fri 02-12 is the first working day after the Spring Festival block, Sat 02-13 the second.
    assert cal.add_working_days(date(2027, 2, 4), 2) == date(2027, 2, 13)


def test_override_outside_default_range_extends_it() -> None:
    cy = CalendarYear(2105, "test notice", {date(2105, 1, 2): "元旦"}, {date(2105, 1, 3): "调休"})
    cal = OfficialCalendar([cy])
    assert cal.years == range(2000, 2106)
    assert cal.is_working_day(date(2105, 1, 3)) and not cal.is_working_day(date(2105, 1, 2))
    assert cal.year_status(2105).confirmed and not cal.year_status(2104).confirmed


def test_an_override_for_an_absurd_year_is_refused() -> None:
    cy = CalendarYear(9999, "test notice", {date(9999, 1, 1): "元旦"})
    with pytest.raises(ValueError, match="calendar years must lie in"):
        OfficialCalendar([cy])


def test_duplicate_override_years_refused() -> None:
    cy = CalendarYear(2027, "n", {date(2027, 1, 1): "元旦"})
    with pytest.raises(ValueError, match="two overrides"):
        OfficialCalendar([cy, cy])


def test_calendar_year_validates_programmatic_data() -> None:
    with pytest.raises(ValueError, match="not a date in 2027"):
        CalendarYear(2027, "n", {date(2026, 12, 31): "x"})
    with pytest.raises(ValueError, match="Saturday or Sunday"):
        CalendarYear(2027, "n", {}, {date(2027, 2, 15): "x"})
    with pytest.raises(ValueError, match="both"):
        CalendarYear(2027, "n", {date(2027, 2, 13): "x"}, {date(2027, 2, 13): "y"})


def test_several_years_in_one_file(tmp_path: Path) -> None:
    text = """\
- year: 2027
  source: notice 2027
  holidays: [{date: 2027-01-01, name: 元旦}]
- year: 2028
  source: notice 2028
  holidays: [{date: 2028-01-03, name: 元旦}]
  workdays: [{date: 2028-01-08}]
"""
    path = write(tmp_path, text)
    years = load_calendar_years(path)
    assert [cy.year for cy in years] == [2027, 2028]
    assert dict(years[1].workdays) == {date(2028, 1, 8): "调休上班"}
    with pytest.raises(CalendarFileError, match="expected one year, found 2"):
        load_calendar_file(path)
    dup = write(tmp_path, text + text[text.index("- year: 2028") :], "dup.yaml")
    with pytest.raises(CalendarFileError) as info:
        load_calendar_years(dup)
    assert (info.value.line, info.value.reason) == (8, "year 2028 is defined twice")


def test_load_calendar_files(tmp_path: Path) -> None:
    a = write(tmp_path, VALID, "a.yaml")
    b = write(tmp_path, VALID.replace("2027", "2028").replace("2028-02-13", "2028-02-12"), "b.yaml")
    assert [cy.year for cy in load_calendar_files([a, b])] == [2027, 2028]
    with pytest.raises(CalendarFileError, match=r"year 2027 already defined in .*a\.yaml"):
        load_calendar_files([a, write(tmp_path, VALID, "c.yaml")])


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="cannot read file") as info:
        load_calendar_file(tmp_path / "missing.yaml")
    assert info.value.line is None


HEAD = "year: 2027\nsource: notice\n"
MALFORMED = {
    "not yaml": ("year: 2027\n\tsource: x\n", 2, "not valid YAML"),
    "unclosed flow": (HEAD + "holidays:\n  - {date: 2027-01-01\n", 5, "not valid YAML"),
    "empty": ("# nothing here\n", 1, "empty file"),
    "not a mapping": ("just some text\n", 1, "calendar year must be a mapping"),
    "missing year": (
        "# 2027\nsource: x\nholidays: [{date: 2027-01-01}]\n",
        2,
        "missing required key 'year'",
    ),
    "missing source": (
        "year: 2027\nholidays: [{date: 2027-01-01}]\n",
        1,
        "missing required key 'source'",
    ),
    "year not int": ("year: twenty\nsource: x\nholidays: []\n", 1, "year must be an integer"),
    "empty source": ("year: 2027\nsource: ''\nholidays: []\n", 2, "source must name"),
    "no holidays": (HEAD + "holidays: []\n", 3, "at least one day off"),
    "unknown top key": (HEAD + "holiday: []\n", 3, "unknown key 'holiday'"),
    "duplicate key": (
        HEAD + "holidays: [{date: 2027-01-01}]\nyear: 2027\n",
        4,
        "duplicate key 'year'",
    ),
    "unknown entry key": (
        HEAD + "holidays:\n  - {date: 2027-01-01, nmae: 元旦}\n",
        4,
        "unknown key 'nmae' in holidays entry",
    ),
    "outside year": (
        HEAD + "holidays:\n  - {date: 2027-01-01}\n  - {date: 2026-12-31}\n",
        5,
        "2026-12-31 is outside the year 2027",
    ),
    "range reversed": (
        HEAD + "holidays:\n  - from: 2027-02-11\n    to: 2027-02-05\n",
        4,
        "range from 2027-02-11 is after to 2027-02-05",
    ),
    "range half": (HEAD + "holidays:\n  - {from: 2027-02-05}\n", 4, "needs 'date', or both"),
    "date and range": (
        HEAD + "holidays:\n  - {date: 2027-02-05, to: 2027-02-06}\n",
        4,
        "either 'date' or 'from'/'to'",
    ),
    "bad date": (HEAD + "holidays:\n  - {date: 2027-02-30}\n", 4, "invalid value '2027-02-30'"),
    "date-time": (HEAD + "holidays:\n  - {date: 2027-02-03 10:00:00}\n", 4, "expected a date"),
    "text date": (HEAD + "holidays:\n  - {date: next friday}\n", 4, "expected a date"),
    "workday on weekday": (
        HEAD + "holidays: [{date: 2027-01-01}]\n"
        "workdays:\n  - {date: 2027-02-13}\n  - {date: 2027-02-15}\n",
        6,
        "2027-02-15 is a Monday, not a Saturday or Sunday",
    ),
    "holiday and workday": (
        HEAD + "holidays:\n  - {from: 2027-02-05, to: 2027-02-13}\n"
        "workdays:\n  - {date: 2027-02-13}\n",
        6,
        "2027-02-13 is both a holiday (line 4) and a make-up working day",
    ),
    "listed twice": (
        HEAD + "holidays:\n  - {from: 2027-02-05, to: 2027-02-11}\n  - {date: 2027-02-08}\n",
        5,
        "2027-02-08 is already listed on line 4",
    ),
    "workdays not list": (
        HEAD + "holidays: [{date: 2027-01-01}]\nworkdays: 2027-02-13\n",
        4,
        "workdays must be a list",
    ),
    "unsafe tag": (
        HEAD + "holidays:\n  - {date: 2027-01-01, "
        "name: !!python/object/apply:os.system [echo pwned]}\n",
        4,
        "invalid value",
    ),
}


@pytest.mark.parametrize("text,line,reason", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_refused_with_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CalendarFileError) as info:
        load_calendar_file(path)
    err = info.value
    assert (err.path, err.line) == (str(path), line)
    assert reason in err.reason
    assert str(err) == f"{path}:{line}: {err.reason}"


def test_error_pickles() -> None:
    err = pickle.loads(pickle.dumps(CalendarFileError("a.yaml", 3, "bad")))
    assert (err.path, err.line, err.reason, str(err)) == ("a.yaml", 3, "bad", "a.yaml:3: bad")
