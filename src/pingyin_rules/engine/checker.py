"""Evaluate a compiled pack against a case file and produce the report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import OfficialCalendar
from ..pack.compiled import CompiledPack, CompiledRule
from ..records import SECTIONS, CaseFile, Period, Record
from ..report import InputError, Report, Verdict
from .case_index import CaseIndex
from .context import Context, MissingValue
from .explain import display_names
from .explain import explain as explain_verdict
from .lowering import LoweredRule, lower_rule
from .periods import build_periods
from .values import render_both, to_json_value

NOT_IN_FORCE = (
    "记录日期{day}不在本规则施行期内（{start}起施行），不适用",
    "the record's date {day} is outside the rule's period in force (from {start}); not applicable",
)
NO_PERIOD = (
    "案卷未声明覆盖期间（period），不检查周期性义务",
    "the case file declares no period, so recurring duties are not checked",
)
NOT_APPLICABLE = ("本规则不适用于该记录", "the rule does not apply to this record")


class Checker:
    """A loaded pack and a calendar: create once, check many case files, from many threads."""

    __slots__ = ("_lowered", "_names", "calendar", "pack")

    def __init__(self, pack: CompiledPack, calendar: OfficialCalendar | None = None) -> None:
        self.pack = pack
        self.calendar = calendar or OfficialCalendar()
        self._lowered: dict[str, LoweredRule] = {rule.id: lower_rule(rule) for rule in pack.rules}
        self._names = display_names(pack.tables)  # for explanations

    def check(
        self,
        case: CaseFile,
        *,
        on: dt.date | None = None,
        source: str | None = None,
        explain: bool = False,
    ) -> Report:
        """Judge every record of the case against every rule in force; `explain` adds to each
        verdict the chain of reasoning behind it."""
        on = on or dt.date.today()
        index = CaseIndex(case)
        verdicts: list[Verdict] = []
        errors: list[InputError] = []
        prefix = f"{source}#" if source else ""

        def judge(rule: CompiledRule, record: Record) -> None:
            try:
                verdicts.append(self._verdict(rule, record, index, on, prefix, explain))
            except MissingValue as exc:
                field, reason = _record_fields(rule, exc.field), exc.reason
                if field != exc.field:  # a computed value: name the record fields it reads
                    reason = f"{exc.field} {reason}"
                reason = f"{reason} (needed by rule {rule.id})"
                errors.append(InputError(source, record.subject, field, reason))
            except (ArithmeticError, ValueError, TypeError) as exc:
                # A value out of any sensible range (a date in year 9999, a notice of a
                # million days): this record cannot be judged; the others still are.
                reason = f"cannot be judged by rule {rule.id}: {exc}"
                errors.append(InputError(source, record.subject, None, reason))

        for section in SECTIONS:
            for record in sorted(getattr(case, section), key=lambda r: r.id):
                for rule in self.pack.rules_by_type.get(record.record_type, ()):
                    judge(rule, record)
        for rule in self.pack.rules_by_type.get("period", ()):
            if case.period is None:
                verdicts.append(self._no_period(rule, prefix))
                continue
            try:
                periods = self._periods(rule, case, index, on)
            except (ArithmeticError, ValueError, TypeError) as exc:
                reason = f"periods cannot be built for rule {rule.id}: {exc}"
                errors.append(InputError(source, "case", "period", reason))
                continue
            for period in periods:
                judge(rule, period)
        return Report(tuple(verdicts), tuple(errors))

    def _periods(
        self, rule: CompiledRule, case: CaseFile, index: CaseIndex, on: dt.date
    ) -> list[Period]:
        spec = rule.period
        assert spec is not None and case.period is not None
        fns = self._lowered[rule.id]
        ctx = Context(rule, None, None, on, index, self.pack.tables, self.calendar, fns)  # type: ignore[arg-type]
        select = fns.select
        assert select is not None

        def keep(record: Any) -> bool:
            ctx.record = record  # `select` reads the candidate record's own fields
            ctx.lets.clear()
            return bool(select(ctx))

        return build_periods(spec, case.period, on, index.records(spec.section), keep)

    def _no_period(self, rule: CompiledRule, prefix: str) -> Verdict:
        return Verdict(
            rule.id, rule.article, "not_applicable", rule.severity,  # type: ignore[arg-type]
            f"{prefix}case", NO_PERIOD[0], NO_PERIOD[1], {}, None,
        )  # fmt: skip

    def _verdict(
        self,
        rule: CompiledRule,
        record: Record,
        index: CaseIndex,
        on: dt.date,
        prefix: str,
        explain: bool = False,
    ) -> Verdict:
        day = next(
            (d for d in (getattr(record, f) for f in rule.date_fields) if d is not None), None
        )
        subject = prefix + record.subject

        def verdict(
            status: str,
            texts: tuple[str, str],
            evidence: dict[str, Any],
            remedy: Any = None,
            why: tuple[str, ...] = (),
        ) -> Verdict:
            return Verdict(
                rule.id, rule.article, status, rule.severity, subject,  # type: ignore[arg-type]
                texts[0], texts[1], evidence, remedy, why,
            )  # fmt: skip

        if day is not None and not rule.in_force_on(day):
            values = {"day": day.isoformat(), "start": rule.in_force_from.isoformat()}
            texts = (NOT_IN_FORCE[0].format(**values), NOT_IN_FORCE[1].format(**values))
            why: tuple[str, ...] = (f"结论：不适用。{texts[0]}",) if explain else ()
            return verdict("not_applicable", texts, {"record_date": values["day"],
                           "in_force_from": values["start"]}, None, why)  # fmt: skip

        fns = self._lowered[rule.id]
        ctx = Context(rule, record, day, on, index, self.pack.tables, self.calendar, fns)

        def value(name: str) -> Any:
            """A template field: a let value (evaluated on demand) or a parameter."""
            if name in rule.lets:
                return _force(ctx, name)
            return rule.parameters[name].value_on(day or on)

        if not fns.when(ctx):
            message = rule.messages.get("not_applicable")
            texts = render_both(message, value) if message else NOT_APPLICABLE
            evidence = self._evidence(ctx, complete=False)
            why = ()
            if explain:
                why = explain_verdict(rule, ctx, applies=False, met=False, status="not_applicable",
                                      accepted=None, evidence=evidence, message=texts[0],
                                      remedy=None, names=self._names)  # fmt: skip
            return verdict("not_applicable", texts, evidence, None, why)

        status, remedy = "pass", None
        message = rule.messages["pass"]
        accepted = None
        met = bool(fns.requires(ctx))
        if not met:
            for exception, applies in zip(rule.exceptions, fns.exceptions, strict=True):
                if applies(ctx):
                    accepted = exception
                    break
            if accepted is not None:
                status, message = accepted.status, accepted.message
            else:
                status, message = "fail", rule.messages["fail"]
        zh, en = render_both(message, value)
        if status == "fail" and rule.remedy is not None:
            rzh, ren = render_both(rule.remedy, value)
            remedy = {"zh": rzh, "en": ren}
        evidence = self._evidence(ctx, complete=True)
        if accepted is not None:
            evidence["exception"] = accepted.id
            if accepted.article is not None:
                evidence["exception_article"] = accepted.article
        if ctx.unconfirmed_years:
            years = sorted(ctx.unconfirmed_years)
            assumption = self.calendar.year_status(years[0]).assumption
            evidence["calendar_unconfirmed_years"] = years
            evidence["calendar_assumption"] = assumption
            listed = "、".join(map(str, years))
            zh += f"［注意：{listed}年官方放假安排尚未确认，工作日为推算］"
            en += f" [note: no confirmed official schedule for {listed}: {assumption}]"
        why = ()
        if explain:
            why = explain_verdict(rule, ctx, applies=True, met=met, status=status,
                                  accepted=accepted, evidence=evidence, message=zh,
                                  remedy=remedy, names=self._names)  # fmt: skip
        return verdict(status, (zh, en), evidence, remedy, why)

    def _evidence(self, ctx: Context, *, complete: bool) -> dict[str, Any]:
        """The rule's evidence values; before a decision (not applicable), only those computed."""
        names = ctx.rule.evidence
        if complete:
            evidence = {name: to_json_value(_force(ctx, name)) for name in names}
        else:
            evidence = {name: to_json_value(ctx.lets[name]) for name in names if name in ctx.lets}
        if ctx.matched_rows:
            evidence["decision_table"] = [f"{t} {label}" for t, label, _ in ctx.matched_rows]
        return evidence


def _record_fields(rule: CompiledRule, name: str) -> str:
    """The record fields behind a let value (`length` → `body, body_length`), else `name`."""
    if name not in rule.lets:
        return name
    seen, todo, fields = {name}, [rule.lets[name]], set()
    while todo:
        for node in todo.pop().walk():
            if node.op == "var":
                fields.add(".".join(node.args[0]))
            elif node.op == "ref" and node.args[0] not in seen:
                seen.add(node.args[0])
                todo.append(rule.lets[node.args[0]])
    return ", ".join(sorted(fields)) or name


def _force(ctx: Context, name: str) -> Any:
    """A let value for evidence or a message: one that cannot be computed is shown as null."""
    if name not in ctx.lets:
        try:
            ctx.lets[name] = ctx.fns.lets[name](ctx)
        except MissingValue:
            ctx.lets[name] = None
    return ctx.lets[name]
