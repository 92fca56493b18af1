"""The clerk-readable text form of a report: Chinese first, articles cited as 第五十一条."""

from __future__ import annotations

from .numerals import article_zh
from .report import STATUS_ZH, Report, Verdict

STATUS_EN = {"fail": "FAIL", "exception": "EXCEPTION", "pass": "PASS", "not_applicable": "N/A"}
ORDER = ("fail", "exception", "pass", "not_applicable")


def _verdict_lines(v: Verdict, explain: bool = False) -> list[str]:
    zh, en = STATUS_ZH[v.status], STATUS_EN[v.status]
    severity = "" if v.severity == "error" else "（提示 warning）"
    lines = [
        f"[{zh} {en}]{severity} {article_zh(v.article)} {v.rule_id}  {v.subject}",
        f"    {v.message}",
        f"    {v.message_en}",
    ]
    if v.remedy:
        lines.append(f"    整改：{v.remedy['zh']}")
        lines.append(f"    Remedy: {v.remedy['en']}")
    if explain and v.explanation:
        lines.append("    依据 Why:")
        lines.extend(f"      {n}. {step}" for n, step in enumerate(v.explanation, start=1))
    return lines


NOTICE_FIELDS = (
    ("department_name", "承办单位"),
    ("item", "督办事项"),
    ("meeting", "会议"),
    ("assigned_on", "交办日期"),
    ("due", "办结时限"),
    ("working_days_overdue", "已逾期（工作日）"),
    ("as_of", "截至"),
)


def render_notice(notice: dict[str, object]) -> list[str]:
    lines = [f"  《{notice.get('title', '通知')}》"]
    for key, label in NOTICE_FIELDS:
        if notice.get(key) is not None:
            lines.append(f"    {label}：{notice[key]}")
    return lines


def render_text(report: Report, *, title: str, verbose: bool = False, explain: bool = False) -> str:
    lines = [title, ""]
    shown = ORDER if verbose else ORDER[:3]
    for status in shown:
        for verdict in report.verdicts:
            if verdict.status == status:
                lines.extend(_verdict_lines(verdict, explain))
    notices = [v for v in report.verdicts if isinstance(v.evidence.get("notice"), dict)]
    if notices:
        lines += ["", "待发督办事项 Notices for the office:"]
        for v in notices:
            lines.extend(render_notice(v.evidence["notice"]))
    if report.errors:
        lines.append("")
        lines.append("输入错误 Input errors:")
        for e in report.errors:
            where = " ".join(x for x in (e.file, e.record, e.field) if x)
            lines.append(f"  {where}: {e.reason}")
    s = report.summary
    lines += [
        "",
        f"合计：符合 {s['pass']}，不符合 {s['fail']}，例外接受 {s['exception']}，"
        f"不适用 {s['not_applicable']}，输入错误 {len(report.errors)}",
        f"Summary: {s['pass']} pass, {s['fail']} fail, {s['exception']} exception, "
        f"{s['not_applicable']} not applicable, {len(report.errors)} input error(s)",
        "结论：合规 (ok)" if report.ok else "结论：不合规 (not ok)",
    ]
    if not verbose and s["not_applicable"]:
        lines.append(
            "（不适用的条目未列出，加 --verbose 显示 / use --verbose to list N/A verdicts）"
        )
    return "\n".join(lines) + "\n"
