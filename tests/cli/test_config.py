"""Issue 10, configuration: `[tool.pingyin-rules]` in pyproject.toml or pingyin-rules.toml sets
defaults for pack, on, set, fail_on, format, calendar and the paths, found from the current
directory upward and overridden by flags; `pingyin-rules config` shows it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import EXAMPLES, ROOT, Cli, write

WARNING_ONLY = (
    "period: {start: 2026-03-02, end: 2026-03-08}\n"
    "officials: [{id: lm, name: 李明, role: county_head}]\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with case files in cases/ and the command run from a subdirectory."""
    write(tmp_path / "cases" / "week.yaml", WARNING_ONLY)
    (tmp_path / "work" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work" / "deeper")
    return tmp_path


def _pyproject(project: Path, table: str) -> Path:
    return write(project / "pyproject.toml", f'[project]\nname = "x"\n\n{table}')


def test_paths_come_from_pyproject_found_upward(cli: Cli, project: Path) -> None:
    _pyproject(project, '[tool.pingyin-rules]\npaths = ["cases"]\non = 2026-11-24\n')
    result = cli("check")
    assert result.code == 0
    assert "== ../../cases/week.yaml ==" in result.out  # relative to where the user is
    assert "截至 2026-11-24" in result.out


def test_flags_override_the_file(cli: Cli, project: Path) -> None:
    _pyproject(
        project,
        '[tool.pingyin-rules]\npaths = ["cases"]\non = 2026-11-24\nfail_on = "warning"\n'
        'format = "json"\n',
    )
    assert cli("check").code == 1  # the warning fails under the file's fail_on
    data = json.loads(cli("check").out)  # the file's format
    assert data["summary"]["fail"] == 1
    result = cli("check", "--fail-on", "error", "--format", "text")
    assert result.code == 0 and result.out.splitlines()[-1] == "结论：合规 (ok)，退出码 0"
    other = write(project / "other.yaml", "officials: [{id: lm, name: 李明, role: county_head}]\n")
    assert "week.yaml" not in cli("check", str(other), "--format", "text").out  # PATH wins


def test_on_from_the_file_pins_the_date(cli: Cli, project: Path) -> None:
    _pyproject(project, '[tool.pingyin-rules]\npaths = ["cases"]\non = "2026-03-05"\n')
    # The week is not over on 2026-03-05: nothing judged yet, so nothing fails.
    assert cli("check", "--fail-on", "warning").code == 0
    assert cli("check", "--fail-on", "warning", "--on", "2026-11-24").code == 1


def test_set_from_the_file_and_a_flag_over_it(cli: Cli, project: Path) -> None:
    compliant = EXAMPLES / "compliant" / "2026-11-county-government.yaml"
    shutil.copy(compliant, project / "cases" / "county.yaml")
    _pyproject(
        project,
        '[tool.pingyin-rules]\npaths = ["cases/county.yaml"]\non = 2026-11-24\n\n'
        '[tool.pingyin-rules.set]\n"art69.policy_length:limit" = 2500\n',
    )
    result = cli("check")
    assert result.code == 1 and "正文2980字，超过2500字。" in result.out
    assert cli("check", "--set", "art69.policy_length:limit=3000").code == 0


def test_a_bad_set_in_the_file_names_the_file(cli: Cli, project: Path) -> None:
    path = _pyproject(
        project, '[tool.pingyin-rules]\npaths = ["cases"]\n[tool.pingyin-rules.set]\nlimt = 1\n'
    )
    result = cli("check")
    assert result.code == 2
    assert f"set 'limt' in {path} [tool.pingyin-rules]: no pack-wide parameter" in result.err


def test_pack_and_calendar_paths_are_relative_to_the_file(cli: Cli, project: Path) -> None:
    shutil.copytree(ROOT / "rules", project / "my-pack")
    rule_file = project / "my-pack" / "ch09" / "art52.yaml"
    text = rule_file.read_text(encoding="utf-8")
    marked = text.replace("zh: '本周（{_dates}，", "zh: '本地规则包：本周（{_dates}，", 1)
    rule_file.write_text(marked, encoding="utf-8")
    write(
        project / "calendars" / "2027.yaml",
        "year: 2027\nsource: 测试通知\nholidays:\n  - {date: 2027-01-01, name: 元旦}\n",
    )
    _pyproject(
        project,
        '[tool.pingyin-rules]\npaths = ["cases"]\non = 2026-11-24\npack = "my-pack"\n'
        'calendar = ["calendars/2027.yaml"]\n',
    )
    assert "本地规则包：本周（" in cli("check").out
    added = cli("calendar", "add", "2026-12-31", "1").out
    assert "2027年安排依据：测试通知" in added  # `calendar add` reads it too


def test_pingyin_rules_toml_wins_over_pyproject_in_the_same_directory(
    cli: Cli, project: Path
) -> None:
    _pyproject(project, '[tool.pingyin-rules]\nformat = "json"\n')
    write(project / "pingyin-rules.toml", 'paths = ["cases"]\non = 2026-11-24\n')
    result = cli("check")
    assert result.out.startswith("平阴县")  # text: pyproject.toml's format is not read


def test_a_pyproject_without_the_table_is_passed_over(cli: Cli, project: Path) -> None:
    write(project / "pingyin-rules.toml", 'paths = ["cases"]\non = 2026-11-24\n')
    write(project / "work" / "pyproject.toml", '[project]\nname = "inner"\n')
    assert cli("check").code == 0


def test_the_nearest_file_wins(cli: Cli, project: Path) -> None:
    write(project / "pingyin-rules.toml", 'paths = ["cases"]\non = 2026-11-24\n')
    write(project / "work" / "pingyin-rules.toml", 'paths = ["../cases"]\nformat = "json"\n')
    assert cli("check", "--on", "2026-11-24").out.startswith("{")


def test_config_shows_the_file_and_its_settings(cli: Cli, project: Path) -> None:
    path = _pyproject(
        project,
        '[tool.pingyin-rules]\npaths = ["cases"]\non = 2026-11-24\nfail_on = "warning"\n'
        '[tool.pingyin-rules.set]\n"art69.policy_length:limit" = 2500\n',
    )
    result = cli("config")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"配置文件 configuration file: {path} [tool.pingyin-rules]"
    assert "paths = ../../cases" in lines and "on = 2026-11-24" in lines
    assert "fail_on = warning" in lines and "set art69.policy_length:limit = 2500" in lines
    assert "format = (default: text)" in lines
    data = json.loads(cli("config", "--format", "json").out)
    assert data["file"] == str(path)
    assert data["settings"]["set"] == {"art69.policy_length:limit": 2500}


def test_config_without_a_file(cli: Cli, project: Path) -> None:
    out = cli("config").out
    assert out.startswith("没有配置文件 no configuration file") and "pack = (default: " in out


def test_no_config_and_an_explicit_config(cli: Cli, project: Path) -> None:
    write(project / "pingyin-rules.toml", 'paths = ["cases"]\non = 2026-11-24\n')
    explicit = write(project / "ci.toml", 'paths = ["cases"]\nformat = "json"\non = 2026-11-24\n')
    assert cli("check", "--no-config").code == 2  # no paths any more
    assert cli("check", "--config", str(explicit)).out.startswith("{")
    assert cli("config", "--config", str(explicit)).out.startswith(
        f"配置文件 configuration file: {explicit}"
    )
    missing = cli("check", "--config", "nope.toml")
    assert missing.code == 2 and "--config nope.toml: no such file" in missing.err


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('fail-on = "warning"\n', "unknown setting 'fail-on' (did you mean 'fail_on'?)"),
        ('format = "html"\n', "format must be one of text, json, jsonl, junit"),
        ("on = 2026-11-24T10:00:00\n", "on must be a date"),
        ('on = "yesterday"\n', "on must be a date (YYYY-MM-DD), not 'yesterday'"),
        ("paths = 3\n", "paths must be a path or a list of paths"),
        ('set = "limit=1"\n', "set must be a table"),
        ("paths = [\n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(
    cli: Cli, project: Path, text: str, reason: str
) -> None:
    path = write(project / "pingyin-rules.toml", text)
    result = cli("check")
    assert result.code == 2
    assert result.err.startswith(f"pingyin-rules: configuration file refused: {path}: ")
    assert reason in result.err


def test_without_paths_anywhere_check_says_what_to_do(cli: Cli, project: Path) -> None:
    result = cli("check")
    assert result.code == 2 and "no case files given: name a PATH" in result.err
