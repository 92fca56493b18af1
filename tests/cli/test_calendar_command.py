"""Issue 10: the calendar file format documented in `pingyin-rules calendar --help` with an
example that works as written; `calendar add DATE 0` is DATE."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import ON, Cli, write


def _example(help_text: str) -> str:
    """The YAML example of the help text (its indented block starting at `year:`)."""
    block = re.search(r"^(  year: .*?)\n\n", help_text, flags=re.MULTILINE | re.DOTALL)
    assert block is not None, help_text
    return "\n".join(line[2:] for line in block.group(1).splitlines()) + "\n"


@pytest.mark.parametrize("argv", [("calendar", "--help"), ("calendar", "add", "--help")])
def test_help_documents_the_calendar_file_format(cli: Cli, argv: tuple[str, ...]) -> None:
    result = cli(*argv)
    assert result.code == 0
    for key in ("year:", "source:", "holidays:", "workdays:", "from:", "to:", "name:"):
        assert key in result.out
    assert "Saturdays or Sundays only" in result.out and "--calendar FILE" in result.out


def test_the_documented_example_is_a_valid_calendar_file(cli: Cli, tmp_path: Path) -> None:
    example = write(tmp_path / "2027.yaml", _example(cli("calendar", "--help").out))
    result = cli("calendar", "add", "2027-02-04", "1", "--calendar", str(example))
    assert result.code == 0
    assert "1个工作日后：2027-02-12（星期五）" in result.out  # 春节 2027-02-05..11 skipped
    assert "2027年安排依据：国务院办公厅关于2027年部分节假日安排的通知" in result.out
    assert "注意" not in result.out  # the year is confirmed by the file
    # The same file serves `check`.
    case = write(tmp_path / "case.yaml", "officials: [{id: lm, name: 李明, role: county_head}]\n")
    assert cli("check", str(case), *ON, "--calendar", str(example)).code == 0


@pytest.mark.parametrize(
    ("day", "shown_zh", "shown_en"),
    [
        ("2026-10-08", "0个工作日后：2026-10-08（星期四）", "= 2026-10-08 (Thu);"),
        ("2026-10-01", "0个工作日后：2026-10-01（星期四）", "= 2026-10-01 (Thu);"),
        ("2026-10-17", "0个工作日后：2026-10-17（星期六）", "= 2026-10-17 (Sat);"),
    ],
)
def test_adding_zero_working_days_gives_the_date_itself(
    cli: Cli, day: str, shown_zh: str, shown_en: str
) -> None:
    zh = cli("calendar", "add", day, "0")
    en = cli("calendar", "add", day, "0", "--lang", "en")
    assert zh.code == en.code == 0
    assert shown_zh in zh.out and shown_en in en.out


def test_a_day_off_plus_zero_says_it_is_a_day_off(cli: Cli) -> None:
    zh = cli("calendar", "add", "2026-10-01", "0").out
    en = cli("calendar", "add", "2026-10-01", "0", "--lang", "en").out
    assert "起算日 2026-10-01（星期四）（非工作日：国庆节）" in zh
    assert "2026-10-01 (Thu) is not a working day (国庆节)." in en


def test_a_bad_calendar_file_is_named_with_its_line(cli: Cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "year: 2027\nsource: x\nholidays:\n  - {date: 2027-13-01}\n")
    result = cli("calendar", "add", "2027-01-04", "1", "--calendar", str(bad))
    assert result.code == 2
    assert result.err.startswith("pingyin-rules: the calendar file is refused:\n")
    assert f"{bad}:4:" in result.err
