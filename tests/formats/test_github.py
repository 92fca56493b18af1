"""GitHub Actions workflow commands: one annotation per failed verdict, escaped as the runner
unescapes them, and a closing summary notice."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from pingyin_rules.formats.github import escape_data, escape_property, render_github
from pingyin_rules.numerals import article_zh
from pingyin_rules.pack.compiled import CompiledPack
from pingyin_rules.report import InputError, Report, Verdict

COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape_data(text: str) -> str:
    # The runner's order: %0D and %0A first, %25 last.
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return (
        text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
        .replace("%2C", ",").replace("%25", "%")
    )  # fmt: skip


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = {}
    if match["props"]:
        for pair in match["props"].split(","):
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
    return match["name"], props, unescape_data(match["data"])


def commands(out: str) -> list[tuple[str, dict[str, str], str]]:
    assert out.endswith("\n")
    return [parse(line) for line in out.splitlines()]


def test_one_annotation_per_failed_verdict(examples_report: Report, pack: CompiledPack) -> None:
    parsed = commands(render_github(examples_report, pack))
    fails = [v for v in examples_report.verdicts if v.status == "fail"]
    assert len(parsed) == len(fails) + 1
    for v, (name, props, data) in zip(fails, parsed, strict=False):
        assert name == ("warning" if v.severity == "warning" else "error")
        item = pack.rule(v.rule_id).item or ""
        assert props["title"] == f"{article_zh(v.article)}{item} {v.rule_id}"
        file, line = examples_report.locations.get(v.subject, (v.subject.split("#")[0], None))
        assert props["file"] == file
        assert props.get("line") == (str(line) if line is not None else None)
        assert v.remedy is not None
        assert data.startswith(f"{v.message} — {v.remedy['zh']}")
        assert f"{v.message_en} — {v.remedy['en']}" in data


def test_ends_with_a_summary_notice(examples_report: Report, pack: CompiledPack) -> None:
    name, props, data = commands(render_github(examples_report, pack))[-1]
    s = examples_report.summary
    assert (name, props) == ("notice", {})
    assert f"不符合 {s['fail']}" in data and f"{s['pass']} pass" in data
    assert "结论：不合规" in data and "fail on: error" in data


def test_fail_on_changes_the_verdict_not_the_annotations(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    report = Report((verdict(severity="warning"),))
    default = commands(render_github(report, pack))
    strict = commands(render_github(report, pack, fail_on="warning"))
    assert default[0] == strict[0] and default[0][0] == "warning"
    assert "结论：合规" in default[-1][2] and "result: ok" in default[-1][2]
    assert "结论：不合规" in strict[-1][2] and "result: failed" in strict[-1][2]


def test_lines_are_omitted_when_unknown(
    verdict: Callable[..., Verdict], pack: CompiledPack
) -> None:
    v = verdict(subject="m.yaml#period:2026-W11")
    out = render_github(Report((v,)), pack)
    assert out.startswith("::error file=m.yaml,title=第五十一条 art51.executive_quorum::")


def test_special_characters_are_escaped(
    tricky_report: Report, pack: CompiledPack, nasty: str
) -> None:
    out = render_github(tricky_report, pack)
    fails = sum(v.status == "fail" for v in tricky_report.verdicts)
    lines = out.splitlines()
    assert len(lines) == fails + len(tricky_report.errors) + 1  # no line break got through
    assert not any(line.startswith("::error::pwned") for line in lines)
    assert "a|b %2525 100%25%0Asecond line%0D%0A::error::pwned" in lines[0]
    _, props, data = parse(lines[0])
    assert data == f"{nasty} — {nasty}\n{nasty} — {nasty}"
    assert props["line"] == "12"


def test_properties_escape_colons_and_commas(pack: CompiledPack) -> None:
    error = InputError("dir,x/a:b.yaml", None, None, "bad")
    line = render_github(Report(errors=(error,)), pack).splitlines()[0]
    assert line == "::error file=dir%2Cx/a%3Ab.yaml,title=input-error::dir,x/a:b.yaml: bad"
    assert parse(line)[1]["file"] == "dir,x/a:b.yaml"


def test_input_errors(tricky_report: Report, pack: CompiledPack) -> None:
    parsed = commands(render_github(tricky_report, pack))
    errors = [c for c in parsed if c[1].get("title") == "input-error"]
    assert [c[0] for c in errors] == ["error"] * 3
    first, second, third = errors
    assert first[1] == {"file": "cases/m.yaml", "line": "12", "title": "input-error"}
    assert first[2] == "cases/m.yaml meeting:M-1 chair: unknown official 'x|y'\nline 2"
    assert second[1]["file"] == "cases/bad, file.json" and "line" not in second[1]
    assert third[1] == {"title": "input-error"}


def test_stdin_and_fileless_subjects_have_no_file(
    tricky_report: Report, pack: CompiledPack
) -> None:
    parsed = commands(render_github(tricky_report, pack))
    by_message = {data.split(" — ")[0]: props for _, props, data in parsed}
    assert "file" not in by_message["来自标准输入。"]
    assert "file" not in by_message["无文件。"]


def test_nothing_but_a_notice_when_all_is_well(
    compliant_report: Report, pack: CompiledPack
) -> None:
    parsed = commands(render_github(compliant_report, pack))
    assert [c[0] for c in parsed] == ["notice"]


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_escaping_round_trips(text: str) -> None:
    assert unescape_data(escape_data(text)) == text
    assert unescape_property(escape_property(text)) == text
    assert not set("\r\n") & set(escape_data(text))
    assert not set("\r\n:,") & set(escape_property(text))
