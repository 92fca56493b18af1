"""The pull-request comment: outcome, counts, failures with remedies, escaped record text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.formats import markdown
from pingyin_rules.formats.markdown import escape, render_markdown
from pingyin_rules.numerals import article_zh
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.report import InputError, Report, Verdict

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def section(text: str, title: str) -> list[str]:
    """The lines of one `### title` section."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"### {title}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("###")), None)
    return lines[start:end]


def rows(lines: list[str]) -> list[str]:
    """Table body rows (not the header or the delimiter row)."""
    table = [line for line in lines if line.startswith("|")]
    return table[2:]


def test_heading_shows_the_outcome(
    examples_report: Report, compliant_report: Report, pack: CompiledPack
) -> None:
    assert render_markdown(examples_report, pack).startswith("## ❌ ")
    assert render_markdown(compliant_report, pack).startswith("## ✅ ")
    assert pack.title_zh in render_markdown(compliant_report, pack).splitlines()[0]


def test_warnings_only_fail_with_fail_on_warning(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    report = Report((verdict(severity="warning"),))
    assert render_markdown(report, pack).startswith("## ✅ ")
    assert render_markdown(report, pack, fail_on="warning").startswith("## ❌ ")


def test_summary_counts(examples_report: Report, pack: CompiledPack) -> None:
    lines = render_markdown(examples_report, pack).splitlines()
    s = examples_report.summary
    expected = f"| {s['pass']} | {s['fail']} | {s['exception']} | {s['not_applicable']} | 0 |"
    assert expected in lines


def test_failures_table(examples_report: Report, pack: CompiledPack) -> None:
    text = render_markdown(examples_report, pack)
    failing = [v for v in examples_report.verdicts
               if v.status == "fail" and v.severity == "error"]  # fmt: skip
    body = rows(section(text, "不符合 Failures"))
    failing = failing[: markdown.MAX_ROWS]  # long tables are cut (the rest counted)
    assert len(body) == len(failing)
    for v, row in zip(failing, body, strict=True):
        cells = [c.strip() for c in UNESCAPED_PIPE.split(row)[1:-1]]
        assert len(cells) == 5
        assert cells[0] == article_zh(v.article) + (pack.rule(v.rule_id).item or "")
        assert cells[1] == escape(v.rule_id)
        assert cells[2] == escape(v.subject)
        assert cells[3] == escape(v.message)
        assert v.remedy is not None and cells[4] == escape(v.remedy["zh"])


def test_warnings_are_listed_apart_unless_they_fail(
    examples_report: Report, pack: CompiledPack
) -> None:
    warnings = [v for v in examples_report.verdicts
                if v.status == "fail" and v.severity == "warning"]  # fmt: skip
    default = render_markdown(examples_report, pack)
    assert len(rows(section(default, "提示"))) == min(len(warnings), markdown.MAX_ROWS)
    strict = render_markdown(examples_report, pack, fail_on="warning")
    assert "### 提示" not in strict
    listed = min(examples_report.summary["fail"], markdown.MAX_ROWS)  # long tables are cut
    assert len(rows(section(strict, "不符合 Failures"))) == listed


def test_exceptions_and_input_errors_are_listed(tricky_report: Report, pack: CompiledPack) -> None:
    text = render_markdown(tricky_report, pack)
    exceptions = section(text, "例外接受 Exceptions")
    assert any("已记录理由 \\<ok\\>" in line for line in exceptions)
    errors = [line for line in section(text, "输入错误 Input errors") if line.startswith("- ")]
    assert len(errors) == len(tricky_report.errors)
    assert "unknown official 'x\\|y'<br>line 2" in errors[0]


def test_passes_per_rule_are_folded(examples_report: Report, pack: CompiledPack) -> None:
    text = render_markdown(examples_report, pack)
    details = text[text.index("<details>") : text.index("</details>")]
    passes = Counter(v.rule_id for v in examples_report.verdicts if v.status == "pass")
    body = rows(details.splitlines())
    assert len(body) == len(passes)
    counted = {}
    for row in body:
        cells = [c.strip() for c in UNESCAPED_PIPE.split(row)[1:-1]]
        counted[cells[1].replace("\\", "")] = int(cells[2])
    assert counted == dict(passes)
    assert sum(counted.values()) == examples_report.summary["pass"]


def test_cells_are_escaped(tricky_report: Report, pack: CompiledPack, nasty: str) -> None:
    text = render_markdown(tricky_report, pack)
    row = rows(section(text, "不符合 Failures"))[0]
    assert len(UNESCAPED_PIPE.findall(row)) == 6  # five cells, whatever the record says
    assert "\n" not in row and "\r" not in row
    assert "a\\|b" in row and "<br>second line<br>" in row
    assert "<b>" not in text and "\\<b\\>\\&amp;\\</b\\>" in row


def test_no_section_for_what_did_not_happen(compliant_report: Report, pack: CompiledPack) -> None:
    text = render_markdown(compliant_report, pack)
    # Compliant examples may hold accepted exceptions (a major emergency sent directly).
    for title in ("不符合 Failures", "提示", "输入错误 Input errors"):
        assert f"### {title}" not in text


def test_long_tables_are_cut(verdict: Callable[..., Verdict], pack: CompiledPack) -> None:
    many = tuple(verdict(subject=f"m.yaml#meeting:M-{i}") for i in range(markdown.MAX_ROWS + 7))
    errors = tuple(InputError("m.yaml", None, None, f"bad {i}") for i in range(120))
    text = render_markdown(Report(many, errors), pack)
    assert len(rows(section(text, "不符合 Failures"))) == markdown.MAX_ROWS
    assert "另有 7 项未列出 (7 more not shown" in text
    assert "另有 20 项未列出 (20 more not shown)" in text


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_any_text_stays_in_its_cell(text: str) -> None:
    cell = escape(text)
    assert not UNESCAPED_PIPE.search(cell)
    assert "\n" not in cell and "\r" not in cell
    assert not re.search(r"(?<!\\)<(?!br>)", cell)  # no raw HTML but our own <br>
