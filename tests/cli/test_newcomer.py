"""The README's quick start with a file a newcomer writes by hand: unquoted `on:`, Chinese
role and kind names, a misspelt field, a record in block style (issue 10's "done when")."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import ON, Cli

CASE = """\
# 新同事写的第一份案卷：不加引号的 on:，中文的角色和种类
officials:
  - {id: lm, name: 李明, role: 县长}
  - {id: wjg, name: 王建国, role: 常务副县长}
  - {id: lq, name: 刘强, role: 副县长, portfolio: [czj]}
  - {id: zm, name: 张敏, role: 县政府办公室副主任, in_charge_of_drafting: true}
departments:
  - {id: czj, name: 县财政局, kind: finance}
documents:
  - id: PZF-2026-30
    title: 平阴县人民政府关于加强财政资金管理的通知
    issuer: 县政府
    kind: 正式公文
    department: czj
    pre_issue_reports:
      - {to: lq, on: 2026-11-01}
      - {to: lm, on: 2026-11-02}
    reviewed_by: lq
    checked_by: zm
    signed_by: lm
    signed_on: 2026-11-05
    issued_on: 2026-11-06
    body_length: 1800
    disclosure: 主动公开
    policy_interpretation_attached: true
"""


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "first-case.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_hand_written_case_file_passes_with_unquoted_on_and_chinese_names(
    cli: Cli, tmp_path: Path
) -> None:
    path = _write(tmp_path, CASE)
    text = cli("check", path, *ON)
    assert text.code == 0, text.out
    assert "结论：合规 (ok)，退出码 0" in text.out and "输入错误 0" in text.out
    report = json.loads(cli("check", path, *ON, "--format", "json").out)
    (reported,) = [v for v in report["verdicts"] if v["rule_id"] == "art66.report_before_issue"]
    # `on:` was read as a key: both reports count, three days before issue.
    assert reported["status"] == "pass"


def test_a_misspelt_field_in_a_block_record_names_its_own_line(cli: Cli, tmp_path: Path) -> None:
    misspelt = CASE.replace("policy_interpretation_attached", "interpretation_sent")
    path = _write(tmp_path, misspelt)
    line = misspelt.splitlines().index("    interpretation_sent: true") + 1
    run = cli("check", path, *ON, "--format", "json")
    assert run.code == 2
    (error,) = json.loads(run.out)["errors"]
    assert (error["field"], error["line"]) == ("interpretation_sent", line)
    assert "是不是“policy_interpretation_attached”" in error["reason"]
    assert "did you mean 'policy_interpretation_attached'" in error["reason"]


def test_a_missing_drafting_check_tells_the_clerk_whom_to_ask(cli: Cli, tmp_path: Path) -> None:
    no_drafting = CASE.replace("role: 县政府办公室副主任, in_charge_of_drafting: true",
                               "role: 县政府办公室主任")  # fmt: skip
    run = cli("check", _write(tmp_path, no_drafting), *ON, "--lang", "en")
    assert run.code == 1
    assert "have it checked by the office deputy director in charge of drafting now" in run.out
