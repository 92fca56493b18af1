"""The clerk-readable text form of a run: Chinese first (articles cited as 第五十一条) with the
English beside it, or English only; failures and exceptions first, passes only on request,
a grand total across the files and the exit status last."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .engine.explain import cite, in_english
from .report import STATUS_ZH, Report, Verdict

STATUS_EN = {"fail": "FAIL", "exception": "EXCEPTION", "pass": "PASS", "not_applicable": "N/A"}
ORDER = ("fail", "exception", "pass", "not_applicable")
LANGS = ("zh", "en")

# ANSI SGR colours, used only when the output is a terminal (decided by the caller).
_RED, _YELLOW, _GREEN, _DIM, _BOLD, _RESET = "31", "33", "32", "2", "1", "0"
_STATUS_COLOUR = {"fail": _RED, "exception": _YELLOW, "pass": _GREEN, "not_applicable": _DIM}


@dataclass(frozen=True)
class TextOptions:
    lang: str = "zh"  # zh: Chinese with the English beside it; en: English only
    verbose: bool = False  # list passes and not-applicable verdicts too
    explain: bool = False  # each verdict's explanation
    colour: bool = False


def paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[{_RESET}m" if on else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


NOTICE_FIELDS = (
    ("department_name", "承办单位", "Department"),
    ("item", "督办事项", "Item"),
    ("meeting", "会议", "Meeting"),
    ("assigned_on", "交办日期", "Assigned on"),
    ("due", "办结时限", "Due"),
    ("working_days_overdue", "已逾期（工作日）", "Working days overdue"),
    ("as_of", "截至", "As of"),
)


def render_notice(notice: Mapping[str, object], lang: str = "zh") -> list[str]:
    lines = [f"  《{notice.get('title', '通知')}》"]
    for key, zh, en in NOTICE_FIELDS:
        if notice.get(key) is not None:
            lines.append(f"    {zh}：{notice[key]}" if lang == "zh" else f"    {en}: {notice[key]}")
    return lines


def _verdict_lines(v: Verdict, subject: str, options: TextOptions) -> list[str]:
    colour, zh = options.colour, options.lang == "zh"
    warning = v.severity != "error"
    label = f"[{STATUS_ZH[v.status]} {STATUS_EN[v.status]}]" if zh else f"[{STATUS_EN[v.status]}]"
    code = _YELLOW if warning and v.status == "fail" else _STATUS_COLOUR[v.status]
    severity = ("（提示 warning）" if zh else " (warning)") if warning else ""
    head = f"{paint(label, code, colour)}{severity} {cite(v.article, None, options.lang)}"
    lines = [f"{head} {v.rule_id}  {subject}"]
    lines += [f"    {v.message}", f"    {v.message_en}"] if zh else [f"    {v.message_en}"]
    if v.remedy:
        if zh:
            lines.append(f"    整改：{v.remedy['zh']}")
        lines.append(f"    Remedy: {v.remedy['en']}")
    if options.explain and v.explanation:
        lines.append("    依据 Why:" if zh else "    Why:")
        steps = v.explanation if zh else tuple(in_english(s) for s in v.explanation)
        lines.extend(f"      {n}. {step}" for n, step in enumerate(steps, start=1))
    return lines


def summary_line(report: Report, lang: str, label: str) -> str:
    """Counts of one file or of the run: `label` names which (合计, 总计, This file…)."""
    s, errors = report.summary, len(report.errors)
    if lang == "zh":
        return (
            f"{label}：符合 {s['pass']}，不符合 {s['fail']}，例外接受 {s['exception']}，"
            f"不适用 {s['not_applicable']}，输入错误 {errors}"
        )
    return (
        f"{label}: {s['pass']} pass, {s['fail']} fail, {_plural(s['exception'], 'exception')}, "
        f"{s['not_applicable']} not applicable, {_plural(errors, 'input error')}"
    )


def status_line(exit_code: int, lang: str = "zh", colour: bool = False) -> str:
    """The last line of a run, and all that `--quiet` prints: the outcome and the exit code."""
    outcomes = {0: ("合规", "ok"), 1: ("不合规", "not ok")}
    zh, en = outcomes.get(exit_code, ("输入有误", "invalid input"))
    if lang == "zh":
        text = f"结论：{zh} ({en})，退出码 {exit_code}"
    else:
        text = f"Result: {en} (exit {exit_code})"
    return paint(text, _GREEN if exit_code == 0 else _RED, colour)


def render_file(path: str, report: Report, options: TextOptions, *, subtotal: bool) -> list[str]:
    """One case file's part of the text: its input errors, its verdicts (failures and
    exceptions first; the rest with `verbose`), the supervision notices, its counts."""
    zh, colour = options.lang == "zh", options.colour
    lines = [paint(f"== {path} ==", _BOLD, colour)]
    prefix = f"{path}#"
    if report.errors:
        header = "输入错误 Input errors:" if zh else "Input errors:"
        lines.append(paint(header, _RED, colour))
        for e in report.errors:
            where = " ".join(x for x in (e.record, e.field) if x)
            if e.file and e.file != path:
                where = f"{e.file} {where}".strip()
            lines.append(f"  {where}: {e.reason}" if where else f"  {e.reason}")
    shown = ORDER if options.verbose else ORDER[:2]
    listed = 0
    for status in shown:
        for verdict in report.verdicts:
            if verdict.status == status:
                subject = verdict.subject.removeprefix(prefix)
                lines.extend(_verdict_lines(verdict, subject, options))
                listed += 1
    if not listed and not report.errors:
        lines.append("（没有不符合或例外的条目）" if zh else "(no failures or exceptions)")
    notices = [v.evidence["notice"] for v in report.verdicts if v.status == "fail"
               and isinstance(v.evidence.get("notice"), dict)]  # fmt: skip
    if notices:
        lines.append("待发督办事项 Notices for the office:" if zh else "Notices for the office:")
        for notice in notices:
            lines.extend(render_notice(notice, options.lang))
    if subtotal:
        lines.append(summary_line(report, options.lang, "本文件" if zh else "This file"))
    return lines


def render_run(
    sections: Sequence[tuple[str, Report]],
    *,
    heading: str,
    exit_code: int,
    options: TextOptions,
) -> str:
    """The whole text output of `pingyin-rules check`: a heading, each file, then the grand
    total across the files and the exit status line."""
    zh = options.lang == "zh"
    lines = [heading]
    for path, part in sections:
        lines.append("")
        lines.extend(render_file(path, part, options, subtotal=len(sections) > 1))
    total = Report.combine(part for _, part in sections)
    files = len(sections)
    lines.append("")
    if zh:
        lines.append(summary_line(total, "zh", f"总计（{files}个文件）"))
    lines.append(summary_line(total, "en", f"Total ({_plural(files, 'file')})"))
    hidden = total.summary["pass"] + total.summary["not_applicable"]
    if not options.verbose and hidden:
        lines.append(
            "（符合与不适用的条目未列出，加 --verbose 显示 / passes and not-applicable verdicts "
            "are not listed: use --verbose）"
            if zh
            else "(passes and not-applicable verdicts are not listed: use --verbose)"
        )
    lines.append(status_line(exit_code, options.lang, options.colour))
    return "\n".join(lines) + "\n"
