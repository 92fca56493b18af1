"""The package's schedule kept in a cache file: the same calendar as the package gives, and
no `holidays` import once the file holds the years asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pingyin_rules.calendar import OfficialCalendar

DAYS = [date(2025, 12, 20), date(2026, 1, 1), date(2026, 2, 14), date(2026, 10, 8),
        date(2027, 1, 4), date(2027, 5, 1)]  # fmt: skip


def _same(a: OfficialCalendar, b: OfficialCalendar) -> None:
    for start in DAYS:
        for end in DAYS:
            assert a.working_days_between(start, end) == b.working_days_between(start, end)
        assert a.add_working_days(start, 10) == b.add_working_days(start, 10)
        assert a.name_of(start) == b.name_of(start)
    for year in (2025, 2026, 2027):
        assert a.year_status(year) == b.year_status(year)
    assert a.unconfirmed_years(*DAYS) == b.unconfirmed_years(*DAYS)


def test_a_cached_calendar_is_the_packages_calendar(tmp_path: Path) -> None:
    live = OfficialCalendar()
    _same(OfficialCalendar(cache_dir=tmp_path), live)  # fills the file
    (entry,) = tmp_path.glob("holidays-*.json")
    _same(OfficialCalendar(cache_dir=tmp_path), live)  # reads it
    assert '"2026-10-02"' in entry.read_text(encoding="utf-8")  # 国庆节


def test_a_warm_cache_spares_the_holidays_import(tmp_path: Path) -> None:
    OfficialCalendar(cache_dir=tmp_path).working_days_between(DAYS[1], DAYS[3])
    program = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from pingyin_rules.calendar import OfficialCalendar\n"
        f"cal = OfficialCalendar(cache_dir=Path({str(tmp_path)!r}))\n"
        "print(cal.working_days_between(date(2026, 1, 1), date(2026, 10, 8)),\n"
        "      cal.unconfirmed_years(date(2026, 5, 1)), 'holidays' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    expected = OfficialCalendar().working_days_between(DAYS[1], DAYS[3])
    assert done.stdout.split() == [str(expected), "()", "False"], done.stderr


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    OfficialCalendar(cache_dir=tmp_path).is_working_day(DAYS[1])
    (entry,) = tmp_path.glob("holidays-*.json")
    entry.write_text('{"label": "holidays 0", "confirmed": [], "years": {"2026": 7}}')
    _same(OfficialCalendar(cache_dir=tmp_path), OfficialCalendar())
    entry.write_text("not json")
    _same(OfficialCalendar(cache_dir=tmp_path), OfficialCalendar())


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_file_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    OfficialCalendar(cache_dir=tmp_path).is_working_day(DAYS[1])
    (entry,) = tmp_path.glob("holidays-*.json")
    # Someone else's edit: 国庆节 2026-10-02 made a working day, in a directory all can write.
    entry.write_text(entry.read_text(encoding="utf-8").replace('"2026-10-02"', '"2026-10-31"'))
    tmp_path.chmod(0o777)
    try:
        assert not OfficialCalendar(cache_dir=tmp_path).is_working_day(date(2026, 10, 2))
    finally:
        tmp_path.chmod(0o700)
    assert OfficialCalendar(cache_dir=tmp_path).is_working_day(date(2026, 10, 2))  # now trusted


def test_a_cache_file_nested_past_python_is_ignored(tmp_path: Path) -> None:
    OfficialCalendar(cache_dir=tmp_path).is_working_day(DAYS[1])
    (entry,) = tmp_path.glob("holidays-*.json")
    entry.write_text("[" * 100_000)  # json.loads: RecursionError, not ValueError
    _same(OfficialCalendar(cache_dir=tmp_path), OfficialCalendar())
