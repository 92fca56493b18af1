"""Evaluate a compiled pack against a case file and produce the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..calendar import OfficialCalendar
from ..pack.compiled import Bilingual, CompiledException, CompiledPack, CompiledRule
from ..pack.templates import Template
from ..records import SECTIONS, CaseFile, Period, Record, Roster
from ..rendering import Finding, render_finding
from ..report import InputError, Report, Verdict
from .case_index import CaseIndex
from .context import Context, MissingValue
from .explain import display_names
from .explain import explain as explain_verdict
from .lowering import REQUIRED, LoweredRule, lower_rule
from .periods import build_periods

NOT_IN_FORCE = (
    "记录日期{day}不在本规则施行期内（{start}起施行），不适用",
    "the record's date {day} is outside the rule's period in force (from {start}); not applicable",
)
NO_PERIOD = (
    "案卷未声明覆盖期间（period），不检查周期性义务",
    "the case file declares no period, so recurring duties are not checked",
)
NOT_APPLICABLE = Bilingual(
    Template(("本规则不适用于该记录",)), Template(("the rule does not apply to this record",))
)


class Checker:
    """A loaded pack and a calendar: create once, check many case files, from many threads."""

    __slots__ = ("_lowered", "_names", "_plain_not_applicable", "calendar", "pack")

    def __init__(self, pack: CompiledPack, calendar: OfficialCalendar | None = None) -> None:
        self.pack = pack
        self.calendar = calendar or OfficialCalendar()
        # Rules are lowered to closures when first judged: a one-record check (a hook, a
        # cold start) pays for its own rules, not all of them. Filled with setdefault, so
        # threads racing on a rule keep one of two identical lowerings.
        self._lowered: dict[str, LoweredRule] = {}
        self._names = display_names(pack.tables)  # for explanations
        # Most verdicts of a large check are "does not apply" with a fixed text and nothing
        # to show: that text, per rule, so such a verdict is written at once (see _verdict).
        self._plain_not_applicable = {
            rule.id: _fixed_text(rule.messages.get("not_applicable") or NOT_APPLICABLE)
            for rule in pack.rules
        }

    def _lowering(self, rule: CompiledRule) -> LoweredRule:
        fns = self._lowered.get(rule.id)
        if fns is None:
            fns = self._lowered.setdefault(rule.id, lower_rule(rule))
        return fns

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
        verdicts: list[Verdict] = []
        errors: list[InputError] = []
        for found in self.iter_check(case, on=on, source=source, explain=explain):
            if isinstance(found, Verdict):
                verdicts.append(found)
            else:
                errors.append(found)
        return Report(tuple(verdicts), tuple(errors))

    def iter_check(
        self,
        case: CaseFile,
        *,
        on: dt.date | None = None,
        source: str | None = None,
        explain: bool = False,
    ) -> Iterator[Verdict | InputError]:
        """What `check` reports, one verdict or input error at a time, in the report's order
        (verdicts in `check`'s order, each input error where it was found), holding none of
        them: the caller writes each out and lets it go (`streaming`). Only the case and its
        index are held while the iterator runs."""
        on = on or dt.date.today()
        index = CaseIndex(case)
        prefix = f"{source}#" if source else ""
        by_type = self.pack.rules_by_type
        for section, model in SECTIONS.items():
            rules = by_type.get(model.record_type, ())
            if not rules:
                continue
            for record in sorted(getattr(case, section), key=_by_id):
                subject = prefix + record.subject
                for rule in rules:
                    verdict, error = self._judge(rule, record, subject, index, on, source, explain)
                    if verdict is not None:
                        yield verdict
                    if error is not None:
                        yield error
        roster = roster_of(case)
        if roster is not None:
            for rule in by_type.get("roster", ()):
                verdict, error = self.judge(rule, roster, index, on, source, explain)
                if verdict is not None:
                    yield verdict
                if error is not None:
                    yield error
        for rule in by_type.get("period", ()):
            period_verdicts, period_errors = self.judge_periods(
                rule, case, index, on, source, explain
            )
            yield from period_verdicts
            yield from period_errors

    def judge(
        self,
        rule: CompiledRule,
        record: Record,
        index: CaseIndex,
        on: dt.date,
        source: str | None = None,
        explain: bool = False,
    ) -> tuple[Verdict | None, InputError | None]:
        """One rule against one record: its verdict, or the input error that keeps the record
        from being judged (the others are still judged)."""
        subject = f"{source}#{record.subject}" if source else record.subject
        return self._judge(rule, record, subject, index, on, source, explain)

    def _judge(
        self,
        rule: CompiledRule,
        record: Record,
        subject: str,
        index: CaseIndex,
        on: dt.date,
        source: str | None,
        explain: bool,
    ) -> tuple[Verdict | None, InputError | None]:
        try:
            return self._verdict(rule, record, subject, index, on, explain), None
        except MissingValue as exc:
            # A value the rule computes is named by the record fields it reads, never by
            # the rule's own name for it: the clerk fills in fields.
            field = _record_fields(rule, exc.field)
            zh, en = exc.reason_zh or "无法取得本规则所需的值", exc.reason
            if field != exc.field and exc.reason != REQUIRED and not exc.field.startswith("_"):
                zh, en = f"{exc.field}：{zh}", f"{exc.field} {en}"  # a table, a ratio
            reason = f"{zh}（规则 {rule.id} 需要） / {en} (needed by rule {rule.id})"
            return None, InputError(source, record.subject, field, reason)
        except (ArithmeticError, ValueError, TypeError) as exc:
            # A value out of any sensible range (a date in year 9999, a notice of a
            # million days): this record cannot be judged; the others still are.
            reason = (
                f"规则 {rule.id} 无法判断本记录：取值超出合理范围 / "
                f"cannot be judged by rule {rule.id}: {exc}"
            )
            return None, InputError(source, record.subject, None, reason)
        except RecursionError:
            # The loader bounds let chains and nesting; a pack built another way may not.
            reason = (
                f"规则 {rule.id} 无法判断本记录：表达式嵌套过深 / "
                f"cannot be judged by rule {rule.id}: its expressions nest too deep"
            )
            return None, InputError(source, record.subject, None, reason)

    def judge_periods(
        self,
        rule: CompiledRule,
        case: CaseFile,
        index: CaseIndex,
        on: dt.date,
        source: str | None = None,
        explain: bool = False,
    ) -> tuple[list[Verdict], list[InputError]]:
        """A rule on recurring duties, judged for each period of the case file."""
        if case.period is None:
            return [self._no_period(rule, f"{source}#" if source else "")], []
        try:
            periods = self._periods(rule, case, index, on)
        except (ArithmeticError, ValueError, TypeError) as exc:
            reason = (
                f"规则 {rule.id} 无法按案卷期间划分周期：{exc} / "
                f"periods cannot be built for rule {rule.id}: {exc}"
            )
            return [], [InputError(source, "case", "period", reason)]
        verdicts: list[Verdict] = []
        errors: list[InputError] = []
        for period in periods:
            verdict, error = self.judge(rule, period, index, on, source, explain)
            verdicts.extend([verdict] if verdict is not None else [])
            errors.extend([error] if error is not None else [])
        return verdicts, errors

    def _periods(
        self, rule: CompiledRule, case: CaseFile, index: CaseIndex, on: dt.date
    ) -> list[Period]:
        spec = rule.period
        assert spec is not None and case.period is not None
        fns = self._lowering(rule)
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
        subject: str,
        index: CaseIndex,
        on: dt.date,
        explain: bool = False,
    ) -> Verdict:
        day = None
        for name in rule.date_fields:  # the first date the record gives
            day = getattr(record, name)
            if day is not None:
                break

        if day is not None and not rule.in_force_on(day):
            values = {"day": day.isoformat(), "start": rule.in_force_from.isoformat()}
            texts = (NOT_IN_FORCE[0].format(**values), NOT_IN_FORCE[1].format(**values))
            why: tuple[str, ...] = (f"结论：不适用。{texts[0]}",) if explain else ()
            evidence = {"record_date": values["day"], "in_force_from": values["start"]}
            return Verdict(
                rule.id, rule.article, "not_applicable", rule.severity,  # type: ignore[arg-type]
                subject, texts[0], texts[1], evidence, None, why,
            )  # fmt: skip

        fns = self._lowering(rule)
        ctx = Context(rule, record, day, on, index, self.pack.tables, self.calendar, fns)
        if not fns.when(ctx):
            fixed = self._plain_not_applicable[rule.id]
            if (
                fixed is not None
                and not explain
                and not ctx.matched_rows
                and not ctx.unconfirmed_years
                and not (ctx.lets and any(name in ctx.lets for name in rule.evidence))
            ):
                # What rendering its finding would give: the fixed text, no evidence.
                return Verdict(
                    rule.id, rule.article, "not_applicable", rule.severity,  # type: ignore[arg-type]
                    subject, fixed[0], fixed[1], {}, None,
                )  # fmt: skip
            message = rule.messages.get("not_applicable") or NOT_APPLICABLE
            finding = self._finding(ctx, message, None, complete=False)
            return self._deliver(ctx, finding, "not_applicable", subject, explain, False, None)

        status, remedy, accepted = "pass", None, None
        message = rule.messages["pass"]
        met = bool(fns.requires(ctx))
        if not met:
            for exception, applies in zip(rule.exceptions, fns.exceptions, strict=True):
                if applies(ctx):
                    accepted = exception
                    break
            if accepted is not None:
                status, message = accepted.status, accepted.message
            else:
                status, message, remedy = "fail", rule.messages["fail"], rule.remedy
        extra: list[tuple[str, Any]] = []
        if accepted is not None:
            extra.append(("exception", accepted.id))
            if accepted.article is not None:
                extra.append(("exception_article", accepted.article))
        finding = self._finding(ctx, message, remedy, complete=True, extra=extra)
        return self._deliver(ctx, finding, status, subject, explain, met, accepted)

    def _finding(
        self,
        ctx: Context,
        message: Bilingual,
        remedy: Bilingual | None,
        *,
        complete: bool,
        extra: list[tuple[str, Any]] | None = None,
    ) -> Finding:
        """Compute every value the verdict shows, now, so that a value that cannot be computed
        is this record's input error; the text is written later, only if it is read."""
        rule, values = ctx.rule, {}
        when = ctx.day or ctx.on
        for text in (message, remedy):
            for name in text.fields if text is not None else ():
                if name not in values:
                    values[name] = (
                        _force(ctx, name) if name in rule.lets
                        else rule.parameters[name].value_on(when)
                    )  # fmt: skip
        # Before a decision (not applicable), only the evidence already computed is shown.
        names = rule.evidence if complete else tuple(n for n in rule.evidence if n in ctx.lets)
        for name in names:
            values[name] = _force(ctx, name)
        extra = list(extra or ())
        if ctx.matched_rows:
            extra.insert(0, ("decision_table", [f"{t} {row}" for t, row, _ in ctx.matched_rows]))
        # A decision that read the calendar of an unconfirmed year says so, not applicable too:
        # the year's official schedule could still change it.
        years = tuple(sorted(ctx.unconfirmed_years))
        assumption = self.calendar.year_status(years[0]).assumption if years else None
        if years:
            extra += [("calendar_unconfirmed_years", list(years)),
                      ("calendar_assumption", assumption)]  # fmt: skip
        return Finding(message, remedy, values, names, tuple(extra), years, assumption)

    def _deliver(
        self,
        ctx: Context,
        finding: Finding,
        status: str,
        subject: str,
        explain: bool,
        met: bool,
        accepted: CompiledException | None,
    ) -> Verdict:
        rule = ctx.rule
        head = (rule.id, rule.article, status, rule.severity, subject)
        if not explain:
            return Verdict.deferred(*head, finding)  # type: ignore[arg-type]
        zh, en, evidence, remedy = render_finding(finding)
        why = explain_verdict(
            rule, ctx, applies=status != "not_applicable", met=met, status=status,
            accepted=accepted, evidence=evidence, message=zh, remedy=remedy, names=self._names,
        )  # fmt: skip
        return Verdict(*head, zh, en, evidence, remedy, why)  # type: ignore[arg-type]


def _fixed_text(message: Bilingual) -> tuple[str, str] | None:
    """A message's two texts when it fills in no value, else None."""
    if message.fields:
        return None
    return "".join(map(str, message.zh.parts)), "".join(map(str, message.en.parts))


def _by_id(record: Record) -> str:
    return record.id


def roster_of(case: CaseFile) -> Roster | None:
    """The case's roster as one record, for rules on the government's composition (Art. 6);
    none when the case lists no officials."""
    if not case.officials:
        return None
    return Roster.model_construct(
        id="roster", officials=case.officials, departments=case.departments
    )


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
