"""Load a rule pack from YAML, validate it against its schema and compile it, all or nothing."""

from __future__ import annotations

import datetime as dt
import graphlib
import re
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from ..language.functions import FUNCTIONS
from ..language.syntax import compile_definition, compile_text
from ..records import SECTIONS, Period, Record, Roster
from .compiled import (
    Bilingual,
    CompiledException,
    CompiledPack,
    CompiledPeriod,
    CompiledRule,
    PackCase,
    Parameter,
)
from .expressions import Definition, Expr, ExpressionError, Scope, refs_of
from .spec import (
    CoverageSpec,
    PackSpec,
    ParameterSpec,
    RegulationSpec,
    RuleFileSpec,
    RuleSpec,
    Text,
)
from .tables import CompiledTable, TableError, compile_table
from .templates import parse_template
from .yaml_source import LineDict, SourceError, line_of, load_yaml_file

FRACTION = re.compile(r"\d{1,9}(/\d{1,9})?")
PACK_FILE = "pack.yaml"
REGULATION_FILE = "regulation.yaml"
COVERAGE_FILE = "coverage.yaml"  # the coverage matrix: every article classified
FIXTURES_DIR = "fixtures"  # shared records for test cases, one YAML file per fixture
# Lets read in a chain, each nesting the next's evaluation. The bundled pack's longest chain is
# 11 (Art. 56); 24 leaves room for ordinary expressions in each link, but not for every link
# nested deep (a review found 24 links of comprehensions 10 deep past Python's recursion
# limit: the checker then reports that record's rule as nested too deep, not a crash).
MAX_LET_CHAIN = 24
# Fields a rule may read with `var`, by record type (properties included).
_MODELS: list[type[Record]] = [*SECTIONS.values(), Period, Roster]
RECORD_FIELDS: dict[str, frozenset[str]] = {
    model.record_type: frozenset(model.model_fields) for model in _MODELS
}
RECORD_FIELDS["absence"] |= {"days"}
RECORD_FIELDS["period"] |= {"count"}


class PackError(SourceError):
    """A rule pack that cannot be used. `problems` lists every (file, line, reason) found."""

    def __init__(self, problems: list[SourceError]) -> None:
        first = problems[0]
        super().__init__(first.file, first.line, first.reason, first.column, first.code)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(SourceError.__str__(p) for p in self.problems)


def bundled_pack_path() -> Path:
    """The pack shipped in the wheel, or `rules/` of a source checkout (editable installs)."""
    shipped = Path(str(resources.files("pingyin_rules"))) / "_bundled_rules"
    if (shipped / PACK_FILE).is_file():
        return shipped
    return Path(__file__).resolve().parents[3] / "rules"


def load_pack(
    root: str | Path | None = None, *, overrides: Mapping[str, Any] | None = None
) -> CompiledPack:
    """Load and compile a pack. `overrides` replaces parameter values by name
    (`character_counting`) or for one rule (`art69.policy_length:limit`), without touching
    the pack's files."""
    return _Compiler(Path(root) if root else bundled_pack_path(), overrides or {}).compile()


class _Compiler:
    def __init__(self, root: Path, overrides: Mapping[str, Any]) -> None:
        self.root = root
        self.overrides = dict(overrides)
        self.problems: list[SourceError] = []

    def fail(self, file: Path | str, line: int | None, reason: str, code: str) -> None:
        """Record a problem; `code` names its kind for lint (docs: README, lint)."""
        self.problems.append(SourceError(str(file), line, reason, code=code))

    def compile(self) -> CompiledPack:
        pack_path = self.root / PACK_FILE
        if not pack_path.is_file():
            missing = SourceError(
                str(pack_path), None, "no pack.yaml: not a rule pack", code="schema"
            )
            raise PackError([missing])
        pack_raw, pack = self._validate(pack_path, PackSpec)
        fixtures_dir = self.root / FIXTURES_DIR
        files = sorted(
            p
            for p in self.root.rglob("*.yaml")
            if p.name not in {PACK_FILE, REGULATION_FILE, COVERAGE_FILE}
            and fixtures_dir not in p.parents
        )
        fixtures = self._fixtures(fixtures_dir)
        loaded = [(path, *self._validate(path, RuleFileSpec)) for path in files]
        articles: dict[int, tuple[str, str]] = {}
        coverage: dict[int, Any] = {}
        coverage_path = self.root / COVERAGE_FILE
        if coverage_path.is_file():
            _, matrix = self._validate(coverage_path, CoverageSpec)
            if matrix is not None:
                coverage = dict(sorted(matrix.articles.items()))
        regulation_path = self.root / REGULATION_FILE
        if regulation_path.is_file():
            _, regulation = self._validate(regulation_path, RegulationSpec)
            if regulation is not None:
                articles = {n: (a.chapter, a.text) for n, a in sorted(regulation.articles.items())}
        if self.problems or pack is None:
            raise PackError(self.problems)

        params = self._parameters(pack_path, pack.parameters, pack_raw.get("parameters"), "")
        tables: dict[str, CompiledTable] = {}
        for path, raw, spec in loaded:
            for name, table in spec.tables.items():
                raw_table = raw.get("tables", {}).get(name)
                line = raw_table.line if isinstance(raw_table, LineDict) else None
                try:
                    compiled = compile_table(name, table, raw_table)
                except TableError as exc:
                    self.fail(path, exc.line, exc.reason, exc.code)
                    continue
                if name in tables:
                    self.fail(path, line, f"table {name!r} is defined twice", "duplicate-id")
                if compiled.overlaps:
                    combo, rows = compiled.overlaps[0]
                    self.fail(
                        path,
                        line,
                        f"table {name!r}: rows {rows} all match {combo}",
                        "table-overlap",
                    )
                tables[name] = compiled

        definitions = self._definitions(pack_path, pack, pack_raw, params, tables)
        rules: list[CompiledRule] = []
        seen: dict[str, str] = {}
        for path, raw, spec in loaded:
            for i, rule in enumerate(spec.rules):
                raw_rule = raw["rules"][i]
                line = raw_rule.line if isinstance(raw_rule, LineDict) else None
                if rule.id in seen:
                    self.fail(
                        path,
                        line,
                        f"rule id {rule.id!r} already used in {seen[rule.id]}",
                        "duplicate-id",
                    )
                    continue
                seen[rule.id] = str(path)
                if rule.article > pack.articles:
                    self.fail(
                        path,
                        line,
                        f"article {rule.article} is beyond {pack.articles}",
                        "article-range",
                    )
                compiled_rule = self._rule(
                    path, line, rule, raw_rule, pack, params, tables, definitions
                )
                if compiled_rule is not None:
                    rules.append(compiled_rule)

        cases = self._cases(loaded, pack, fixtures, set(seen))  # declared, even if broken
        unused = set(self.overrides)
        if unused:
            names = ", ".join(sorted(unused))
            self.fail(self.root, None, f"unknown parameter override(s): {names}", "parameter")
        if self.problems:
            raise PackError(self.problems)
        by_type: dict[str, list[CompiledRule]] = {}
        for rule in rules:
            by_type.setdefault(rule.applies_to, []).append(rule)
        return CompiledPack(
            id=pack.pack,
            version=pack.version,
            title_zh=pack.title.zh,
            title_en=pack.title.en,
            regulation=pack.regulation,
            articles=pack.articles,
            in_force_from=pack.in_force.from_,
            in_force_to=pack.in_force.to,
            interpreted_by=pack.interpreted_by,
            parameters=MappingProxyType(params),
            tables=MappingProxyType(tables),
            rules=tuple(rules),
            rules_by_type=MappingProxyType({k: tuple(v) for k, v in by_type.items()}),
            article_texts=MappingProxyType(articles),
            root=str(self.root),
            cases=cases,
            fixtures=MappingProxyType(fixtures),
            coverage=MappingProxyType(coverage),
        )

    def _definitions(
        self,
        path: Path,
        pack: PackSpec,
        raw: Any,
        params: Mapping[str, Parameter],
        tables: Mapping[str, CompiledTable],
    ) -> dict[str, Definition]:
        """The pack's own functions, in order: each may call the ones before it."""
        definitions: dict[str, Definition] = {}
        raw_all = raw.get("definitions") if isinstance(raw, dict) else None
        for name, spec in pack.definitions.items():
            holder = raw_all.get(name) if isinstance(raw_all, dict) else None
            at, column = holder.mark("expression") if isinstance(holder, LineDict) else (None, None)
            if name in FUNCTIONS or name in tables:
                self.fail(
                    path, at, f"definition {name}: a function or table has that name", "schema"
                )
                continue
            scope = Scope(
                lets=frozenset(), params=frozenset(params),
                tables={n: frozenset(t.input_names) for n, t in tables.items()},
                record_fields=frozenset(), table_outputs={n: t.outputs for n, t in tables.items()},
                definitions=dict(definitions),
            )  # fmt: skip
            try:
                definitions[name] = compile_definition(
                    name, spec.params, spec.expression, scope, at, column
                )
            except ExpressionError as exc:
                reason = f"definition {name}: {exc.reason}"
                self.problems.append(
                    SourceError(str(path), exc.line or at, reason, exc.column, "expression")
                )
        return definitions

    def _fixtures(self, folder: Path) -> dict[str, Any]:
        fixtures: dict[str, Any] = {}
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            try:
                data = load_yaml_file(path)
            except SourceError as exc:
                self.problems.append(exc)
                continue
            if not isinstance(data, dict):
                self.fail(
                    path,
                    1,
                    "a fixture holds records by section (officials: [...], ...)",
                    "test-case",
                )
                continue
            fixtures[path.stem] = data
        return fixtures

    def _cases(
        self, loaded: list[Any], pack: PackSpec, fixtures: dict[str, Any], rule_ids: set[str]
    ) -> tuple[PackCase, ...]:
        defaults = pack.tests
        cases = []
        for path, raw, spec in loaded:
            if spec is None:
                continue
            for i, case in enumerate(spec.tests):
                raw_case = raw["tests"][i]
                line = raw_case.line if isinstance(raw_case, LineDict) else None
                where = f"test {case.name!r}"
                on = case.on or (defaults.on if defaults else None)
                roster = (
                    case.roster
                    if case.roster is not None
                    else (defaults.roster if defaults else None)
                )
                if roster == "none":
                    roster = None
                if case.rule not in rule_ids:
                    self.fail(
                        path, line, f"{where}: no rule {case.rule!r} in the pack", "test-case"
                    )
                if on is None:
                    self.fail(
                        path,
                        line,
                        f"{where}: no `on` date and no tests.on in pack.yaml",
                        "test-case",
                    )
                if roster is not None and roster not in fixtures:
                    self.fail(
                        path,
                        line,
                        f"{where}: no fixture {roster!r} in {FIXTURES_DIR}/",
                        "test-case",
                    )
                expect = case.expect if isinstance(case.expect, tuple) else (case.expect,)
                cases.append(
                    PackCase(
                        case.name,
                        case.rule,
                        on or dt.date.min,
                        roster,
                        case.given,
                        expect,
                        str(path),
                        line,
                    )
                )
        return tuple(cases)

    def _validate(self, path: Path, model: type[Any]) -> tuple[Any, Any]:
        try:
            raw = load_yaml_file(path, marks=True)
        except SourceError as exc:
            self.problems.append(exc)
            return {}, None
        if not isinstance(raw, dict):
            self.fail(path, 1, "the file must hold a YAML mapping", "schema")
            return {}, None
        try:
            return raw, model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(part) for part in err["loc"])
                self.fail(path, line_of(raw, err["loc"]), f"{where}: {err['msg']}", _code(err))
            return raw, None

    def _parameters(
        self, path: Path, specs: Mapping[str, ParameterSpec], raw: Any, prefix: str
    ) -> dict[str, Parameter]:
        result = {}
        for name, spec in specs.items():
            node = raw.get(name) if isinstance(raw, dict) else None
            line = node.line if isinstance(node, LineDict) else None
            key = f"{prefix}{name}"
            dated: list[tuple[dt.date | None, Any, str | None]]
            if key in self.overrides:
                override = self.overrides.pop(key)
                dated = [(None, override, "override")]
            elif spec.values:
                dated = [(v.from_, v.value, v.source) for v in spec.values]
            else:
                dated = [(None, spec.value, None)]
            try:
                values = tuple((d, _convert(spec.type, v, spec.choices), s) for d, v, s in dated)
                for _, value, _ in values:
                    _in_range(value, spec)
            except ValueError as exc:
                self.fail(path, line, f"parameter {key}: {exc}", "parameter")
                # Keep the name known, so the pack's refusal lists this problem only once.
                values = ((None, None, None),)
            result[name] = Parameter(name, spec.type, values, spec.article, spec.reason)
        return result

    def _rule(
        self,
        path: Path,
        line: int | None,
        rule: RuleSpec,
        raw: Any,
        pack: PackSpec,
        pack_params: dict[str, Parameter],
        tables: Mapping[str, CompiledTable],
        definitions: dict[str, Definition],
    ) -> CompiledRule | None:
        before = len(self.problems)
        own = self._parameters(path, rule.parameters, raw.get("parameters"), f"{rule.id}:")
        params = {**pack_params, **own}
        fields = RECORD_FIELDS[rule.applies_to]
        date_fields = (
            (rule.date_field,) if isinstance(rule.date_field, str) else tuple(rule.date_field or ())
        )
        for name in date_fields:
            if name not in fields:
                self.fail(path, line, f"date_field {name!r} is not a field of the record", "schema")
        scope = Scope(
            lets=frozenset(rule.let),
            params=frozenset(params),
            tables={n: frozenset(t.input_names) for n, t in tables.items()},
            record_fields=fields,
            table_outputs={n: t.outputs for n, t in tables.items()},
            definitions=definitions,
        )

        def expr(value: Any, where: str, holder: Any, key: Any, in_scope: Scope = scope) -> Expr:
            at, column = holder.mark(key) if isinstance(holder, LineDict) else (line, None)
            try:
                return compile_text(value, in_scope, at, column)
            except ExpressionError as exc:
                self.problems.append(SourceError(
                    str(path), exc.line or at, f"rule {rule.id}, {where}: {exc.reason}",
                    exc.column, "expression",
                ))  # fmt: skip
                return Expr("lit", (None,))

        raw_lets = raw.get("let") if isinstance(raw, dict) else None
        lets = {
            name: expr(value, f"let {name}", raw_lets, name) for name, value in rule.let.items()
        }
        refs = {n: refs_of(e) & lets.keys() for n, e in lets.items()}
        try:
            order = tuple(graphlib.TopologicalSorter(refs).static_order())
        except graphlib.CycleError as exc:
            self.fail(
                path,
                line,
                f"rule {rule.id}: let values refer to each other in a cycle {exc.args[1]}",
                "let-cycle",
            )
        else:
            # A let is computed when first read, inside the reading expression: a chain of
            # lets each reading the last nests as deep as it is long.
            chain: dict[str, int] = {}
            for name in order:
                chain[name] = 1 + max((chain[r] for r in refs[name]), default=0)
            longest = max(chain, key=chain.__getitem__, default=None)
            if longest is not None and chain[longest] > MAX_LET_CHAIN:
                at, column = (line, None)
                if isinstance(raw_lets, LineDict):
                    at, column = raw_lets.mark(longest)
                self.problems.append(SourceError(
                    str(path), at,
                    f"rule {rule.id}: let {longest} reads a chain of {chain[longest]} lets, "
                    f"each reading the next (at most {MAX_LET_CHAIN}); compute it in fewer steps",
                    column, "let-chain",
                ))  # fmt: skip
        when = expr(rule.when, "when", raw, "when")
        requires = expr(rule.requires, "requires", raw, "requires")
        if rule.evidence is not None:
            unknown = [name for name in rule.evidence if name not in rule.let]
            if unknown:
                self.fail(
                    path,
                    line,
                    f"rule {rule.id}: evidence names unknown let {unknown}",
                    "expression",
                )
            evidence = tuple(rule.evidence)
        else:
            evidence = tuple(sorted(n for n in rule.let if not n.startswith("_")))
        period = None
        if rule.period is not None:
            spec = rule.period
            model = SECTIONS.get(spec.section)
            if model is None:
                self.fail(path, line, f"rule {rule.id}: unknown section {spec.section!r}", "schema")
            elif spec.date_field not in model.model_fields and not isinstance(
                getattr(model, spec.date_field, None), property
            ):
                self.fail(
                    path,
                    line,
                    f"rule {rule.id}: {spec.section} has no {spec.date_field!r}",
                    "schema",
                )
            # `select` reads the fields of the records it selects, not the period's.
            section_scope = Scope(
                lets=frozenset(), params=scope.params, tables=scope.tables,
                record_fields=frozenset(model.model_fields) if model else frozenset(),
                table_outputs=scope.table_outputs,
            )  # fmt: skip
            raw_period = raw.get("period") if isinstance(raw, dict) else None
            period = CompiledPeriod(
                spec.every,
                spec.section,
                spec.date_field,
                expr(spec.select, "period.select", raw_period, "select", section_scope),
                spec.judged_after_months,
            )
        known = frozenset(rule.let) | frozenset(params)  # declared names, even if broken

        def text(value: Text, where: str) -> Bilingual | None:
            try:
                return Bilingual(
                    parse_template(value.zh, known, line), parse_template(value.en, known, line)
                )
            except ExpressionError as exc:
                self.fail(
                    path, exc.line, f"rule {rule.id}, {where}: {exc.reason}", "message-template"
                )
                return None

        exceptions = []
        raw_exceptions = raw.get("exceptions") if isinstance(raw, dict) else None
        for i, exc_spec in enumerate(rule.exceptions):
            raw_exception = raw_exceptions[i] if isinstance(raw_exceptions, list) else None
            message = text(exc_spec.message, f"exception {exc_spec.id}")
            if message:
                exceptions.append(
                    CompiledException(
                        exc_spec.id,
                        exc_spec.article,
                        expr(exc_spec.when, f"exception {exc_spec.id}", raw_exception, "when"),
                        exc_spec.status,
                        message,
                    )
                )
        messages = {"pass": text(rule.messages.pass_, "messages.pass"),
                    "fail": text(rule.messages.fail, "messages.fail")}  # fmt: skip
        if rule.messages.not_applicable:
            messages["not_applicable"] = text(rule.messages.not_applicable, "messages.n/a")
        remedy = text(rule.remedy, "remedy") if rule.remedy else None
        if len(self.problems) > before:
            return None
        in_force = rule.in_force or pack.in_force
        return CompiledRule(
            id=rule.id,
            article=rule.article,
            item=rule.item,
            title_zh=rule.title.zh,
            title_en=rule.title.en,
            clause=rule.clause,
            applies_to=rule.applies_to,
            period=period,
            date_fields=date_fields,
            severity=rule.severity,
            in_force_from=max(in_force.from_, pack.in_force.from_),
            in_force_to=min(
                (d for d in (in_force.to, pack.in_force.to) if d is not None), default=None
            ),
            parameters=MappingProxyType(params),
            when=when,
            lets=MappingProxyType(lets),
            evidence=evidence,
            requires=requires,
            exceptions=tuple(exceptions),
            messages=MappingProxyType(messages),  # type: ignore[arg-type]
            remedy=remedy,
            examples=tuple((e.status, e.given.zh, e.given.en) for e in rule.examples),
            file=str(path),
            line=line,
        )


def _in_range(value: Any, spec: ParameterSpec) -> None:
    low = _convert(spec.type, spec.minimum, ()) if spec.minimum is not None else None
    high = _convert(spec.type, spec.maximum, ()) if spec.maximum is not None else None
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{value} is outside {spec.minimum}..{spec.maximum}")


def _convert(kind: str, value: Any, choices: tuple[Any, ...]) -> Any:
    if kind == "fraction":
        # Only small p/q forms: Fraction("1e99999999") would build a gigantic integer.
        if isinstance(value, bool) or not FRACTION.fullmatch(str(value)):
            raise ValueError(f"{value!r} is not a fraction like '2/3'")
        try:
            result: Any = Fraction(str(value))
        except ZeroDivisionError:
            raise ValueError(f"{value!r} is not a fraction") from None
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, got {value!r}")
        result = value
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        result = value
    elif kind == "date":
        try:
            result = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r}") from None
    elif kind == "list":
        if not isinstance(value, list | tuple):
            raise ValueError(f"expected a list, got {value!r}")
        result = tuple(value)
    else:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        result = value
    if choices and result not in choices:
        raise ValueError(f"{value!r} is not one of {list(choices)}")
    return result


def _code(err: Any) -> str:
    """The lint code of a schema error from pydantic's error type and location."""
    if err["type"] == "extra_forbidden":
        return "unknown-field"
    if err["type"] == "missing":
        return "message-missing" if str(err["loc"][-1]) in {"zh", "en"} else "missing-field"
    return "schema"
