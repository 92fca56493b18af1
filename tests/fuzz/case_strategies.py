"""Hypothesis strategies for case files, generated from the record models themselves.

`valid_cases()` draws a case file as a clerk's data (plain dicts, dates and codes as text):
the roster of `rules/fixtures/roster.yaml`, then records of every other section, each field
drawn from its annotation in the model (enums from their members, dates in 2025–2027, ids
unique, references among the ids of the section they point at: `references()` of each model
says which). Values are sometimes spelt as clerks write them (`2026年1月5日`, `常务会议`).
Cross-field invariants that the models enforce are kept by a few fix-ups, then by dropping
the optional fields the model still refuses (a test reads every drawn case back, through
the command, to show that it is valid).

`invalid_cases()` takes a valid case and breaks one to three of its generated records, each
by one targeted mutation (`Mutation`: a value not of the field's type, an unknown code, a date
that cannot be read or does not exist, a required field left out, an unknown field, an id that
names no record), remembering each record and the field it broke (`Broken`).

`dump()` writes a case as a YAML, JSON or JSON Lines file that reads back as the same data.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import yaml
from annotated_types import Ge, Le, MinLen
from hypothesis import assume
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pingyin_rules.aliases import bundled_aliases
from pingyin_rules.input_values import validate_repaired
from pingyin_rules.records import SECTIONS, Record

ROOT = Path(__file__).parents[2]
ROSTER: dict[str, Any] = yaml.safe_load(
    (ROOT / "rules" / "fixtures" / "roster.yaml").read_text(encoding="utf-8")
)
ON = dt.date(2026, 11, 24)
FIRST_DAY, LAST_DAY = dt.date(2025, 1, 1), dt.date(2027, 12, 31)

# Generated sections, in an order where every reference points at a section drawn before.
GENERATED = (
    "coordinating_bodies", "meetings", "documents", "absences", "submissions", "visits",
    "justifications", "decisions", "assignments", "agenda_items",
)  # fmt: skip
PREFIX = {
    "coordinating_bodies": "CB", "meetings": "M", "documents": "D", "absences": "A",
    "submissions": "S", "visits": "V", "justifications": "J", "decisions": "DC",
    "assignments": "AS", "agenda_items": "AI",
}  # fmt: skip

Path_ = tuple[str | int, ...]


# --- what the models say ------------------------------------------------------------------


def unwrap(annotation: Any) -> Any:
    """`X | None` -> X."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def item_type(annotation: Any) -> Any | None:
    """The item type of `tuple[X, ...]` (the models' `Items[X]`), else None."""
    annotation = unwrap(annotation)
    if get_origin(annotation) is tuple:
        return get_args(annotation)[0]
    return None


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _probe(model: type[BaseModel], prefix: tuple[str, ...]) -> BaseModel:
    """An unvalidated instance whose every text field holds its own path: what
    `references()` yields from it says which field refers to which section."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        values[name] = _probe_value(info.annotation, (*prefix, name))
    return model.model_construct(**values)


def _probe_value(annotation: Any, path: tuple[str, ...]) -> Any:
    inner = item_type(annotation)
    if inner is not None:
        return (_probe_value(inner, path),)
    annotation = unwrap(annotation)
    if is_model(annotation):
        return _probe(annotation, path)
    return "\x00" + ".".join(path) if annotation is str else None


@cache
def reference_fields(model: type[Record]) -> dict[tuple[str, ...], str]:
    """Field path (list indexes left out) -> the section its ids must be in."""
    found: dict[tuple[str, ...], str] = {}
    for ref in _probe(model, ()).references():  # type: ignore[attr-defined]
        if ref.id.startswith("\x00"):
            found[tuple(ref.id[1:].split("."))] = ref.section
    return found


def field_at(model: type[BaseModel], path: Path_) -> tuple[type[BaseModel], FieldInfo] | None:
    """The (sub-)model and field a value at `path` of a `model` record belongs to."""
    owner: Any = model
    info: FieldInfo | None = None
    for part in path:
        if isinstance(part, int):
            continue
        if info is not None:
            owner = unwrap(item_type(info.annotation) or info.annotation)
        if not is_model(owner) or part not in owner.model_fields:
            return None
        info = owner.model_fields[part]
    return (owner, info) if info is not None else None


def model_at(model: type[BaseModel], path: Path_) -> type[BaseModel]:
    """The (sub-)model of the mapping at `path` of a `model` record."""
    found = field_at(model, path) if path else None
    if found is None:
        return model
    return unwrap(item_type(found[1].annotation) or found[1].annotation)  # type: ignore[no-any-return]


def _constraint(info: FieldInfo, kind: type) -> Any:
    return next((m for m in info.metadata if isinstance(m, kind)), None)


def _pattern(info: FieldInfo) -> str | None:
    return next((getattr(m, "pattern", None) for m in info.metadata if hasattr(m, "pattern")),
                None)  # fmt: skip


# --- values as clerks write them ------------------------------------------------------------

# Text with a bit of everything a file can hold: Chinese, ASCII, YAML-significant characters,
# full-width forms, emoji and, now and then, anything but a lone surrogate.
_ALPHABET = st.sampled_from(
    [*"县政府办公室会议纪要通知李明王建国abcXYZ019 -_:#&*!|>'\"%@`{}[],.?，。、（）",
     "\u3000", "\uff21", "\u00e9", "\U0001f600", "\t", "\u200b", "\\"]
)  # fmt: skip
_TEXT = st.text(_ALPHABET, min_size=1, max_size=12) | st.text(
    st.characters(exclude_categories=["Cs"]), min_size=1, max_size=6
)
# A text field keeps a character that is not whitespace (the models strip it).
TEXT = _TEXT.map(lambda s: s if s.strip() else s + "文")
DATES = st.dates(FIRST_DAY, LAST_DAY)


def spelt_date(day: dt.date) -> st.SearchStrategy[str]:
    """A date in one of the forms the reader accepts (README, "Case files")."""
    y, m, d = day.year, day.month, day.day
    forms = [day.isoformat(), f"{y}/{m:02}/{d:02}", f"{y}.{m:02}.{d:02}", f"{y}-{m}-{d}",
             f"{y}年{m}月{d}日", f"{y}年{m}月{d}号",
             day.isoformat().translate(_FULL_WIDTH)]  # fmt: skip
    return st.sampled_from(forms[:1] * 6 + forms[1:])  # mostly ISO


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def spelt_code(code: str, allowed: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A code as written: itself, loosely (`County Head`), or by its Chinese name when that
    names it alone."""
    forms = [code] * 4 + [code.replace("_", " ").title()]
    name = bundled_aliases().label(code)
    if name is not None and bundled_aliases().code_for(name, allowed) == code:
        forms.append(name)
    return st.sampled_from(forms)


# --- records ------------------------------------------------------------------------------

Pools = Mapping[str, tuple[str, ...]]


def _value(info: FieldInfo, annotation: Any, path: tuple[str, ...], model: type[Record],
           pools: Pools) -> st.SearchStrategy[Any] | None:  # fmt: skip
    """What a field (or an item of a list field) holds; None: leave it out."""
    annotation = unwrap(annotation)
    inner = item_type(annotation)
    if inner is not None:
        item = _value(info, inner, path, model, pools)
        if item is None:
            return None
        least = _constraint(info, MinLen)
        # Items are unique: the models refuse an id or a code listed twice.
        unique = not is_model(unwrap(inner))
        return st.lists(item, min_size=least.min_length if least else 0, max_size=3,
                        unique=unique)  # fmt: skip
    if is_model(annotation):
        return _fields(annotation, path, model, pools)
    if is_enum(annotation):
        return st.sampled_from([m.value for m in annotation])
    if annotation is dt.date:
        return DATES.map(dt.date.isoformat)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low, high = _constraint(info, Ge), _constraint(info, Le)
        low_value = low.ge if low else 0
        return st.integers(low_value, high.le if high else low_value + 20_000)
    if annotation is str:
        section = reference_fields(model).get(path)
        if section is not None:
            ids = pools.get(section, ())
            # An empty section is not checked (a meeting-only file needs no organisation
            # chart): any id will do there.
            return st.sampled_from(ids) if ids else st.just(f"{PREFIX.get(section, 'X')}-0")
        pattern = _pattern(info)
        return st.from_regex(pattern, fullmatch=True) if pattern else TEXT
    return None  # `Any`: nothing a clerk writes


def _fields(model: type[BaseModel], prefix: tuple[str, ...], record: type[Record],
            pools: Pools) -> st.SearchStrategy[dict[str, Any]]:  # fmt: skip
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        if name == "id" and not prefix:
            continue  # given by the case, unique in its section
        value = _value(info, info.annotation, (*prefix, name), record, pools)
        if value is not None:
            (required if info.is_required() else optional)[name] = value
    return st.fixed_dictionaries(required, optional=optional)


@lru_cache(maxsize=512)
def _record_fields(section: str, pools: tuple[tuple[str, tuple[str, ...]], ...]
                   ) -> st.SearchStrategy[dict[str, Any]]:  # fmt: skip
    model = SECTIONS[section]
    return _fields(model, (), model, dict(pools))


def _fix_up(section: str, item: dict[str, Any], pools: Pools) -> None:
    """The invariants the models check across fields that dropping a field cannot mend."""
    if section == "absences" and item["end"] < item["start"]:
        item["start"], item["end"] = item["end"], item["start"]
    elif section == "meetings":
        if item["kind"] in ("department_system", "higher_level"):
            item.setdefault("organizing_department", pools["departments"][0])
        if item["kind"] == "higher_level":
            item.setdefault("higher_body", "市教育局")
        expected = item.get("expected_members")
        if expected and "attendees" in item:
            item["attendees"] = [a for a in item["attendees"] if a in expected]
        if expected and "invited" in item:
            item["invited"] = [a for a in item["invited"] if a not in expected]
    elif section == "documents" and item.get("city_required"):
        item.setdefault("city_notice_received_on", item.get("issued_on", "2026-03-02"))
    elif section == "submissions" and "direct_ground" in item:
        item["route"] = "direct"
        if item["direct_ground"] == "leader_assigned":
            item.setdefault("assigned_by", pools["officials"][0])
    elif section == "agenda_items" and item.get("disputed"):
        lead = item.get("lead_department")
        if not item.get("objecting_departments"):
            item["objecting_departments"] = [next(d for d in pools["departments"] if d != lead)]


def _mend(model: type[Record], item: dict[str, Any]) -> bool:
    """Drop the optional fields the model refuses until it accepts the record. A field
    refused for being absent (`approved_by` without `approved_on`) is mended by dropping
    the fields its message names, or else, for a date, by giving one."""
    for _ in range(10):
        validated, errors, _used = validate_repaired(model, item)
        if validated is not None:
            return True
        changed = False
        for err in errors:
            name = err["loc"][0] if err["loc"] else None
            if not isinstance(name, str) or model.model_fields[name].is_required():
                continue
            if name in item:
                del item[name]
                changed = True
                continue
            named = [f for f in item if not model.model_fields[f].is_required()
                     and re.search(rf"\b{f}\b", err["msg"])]  # fmt: skip
            for field in named:
                del item[field]
            if not named and unwrap(model.model_fields[name].annotation) is dt.date:
                item[name] = "2026-06-01"
            changed = changed or bool(named) or name in item
        if not changed:
            return False
    return False


def _respell(draw: st.DrawFn, model: type[BaseModel], value: Any) -> Any:
    """The same record with some dates and codes written as clerks write them."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for name, item in value.items():
        info = model.model_fields.get(name)
        if info is None:
            out[name] = item
            continue
        out[name] = _respell_value(draw, info.annotation, item)
    return out


def _respell_value(draw: st.DrawFn, annotation: Any, item: Any) -> Any:
    inner = item_type(annotation)
    if inner is not None and isinstance(item, list):
        return [_respell_value(draw, inner, one) for one in item]
    annotation = unwrap(annotation)
    if is_model(annotation):
        return _respell(draw, annotation, item)
    if annotation is dt.date and isinstance(item, str):
        return draw(spelt_date(dt.date.fromisoformat(item)))
    if is_enum(annotation) and isinstance(item, str):
        return draw(spelt_code(item, tuple(m.value for m in annotation)))
    return item


@dataclass(frozen=True)
class RecordDraw:
    section: str
    index: int
    item: dict[str, Any]


@st.composite
def valid_cases(draw: st.DrawFn, most: int = 3) -> dict[str, Any]:
    """A valid case file: the roster, then up to `most` records of each generated section
    (at least one record in all)."""
    case: dict[str, Any] = copy.deepcopy(ROSTER)
    pools: dict[str, tuple[str, ...]] = {
        "officials": tuple(o["id"] for o in ROSTER["officials"]),
        "departments": tuple(d["id"] for d in ROSTER["departments"]),
    }
    counts = draw(st.lists(st.integers(0, most), min_size=len(GENERATED),
                           max_size=len(GENERATED)))  # fmt: skip
    if not any(counts):  # at least one record besides the roster
        counts[draw(st.integers(0, len(GENERATED) - 1))] = 1
    for section, count in zip(GENERATED, counts, strict=True):
        model = SECTIONS[section]
        strategy = _record_fields(section, tuple(sorted(pools.items())))
        records: list[dict[str, Any]] = []
        for _ in range(count):
            item = draw(strategy)
            _fix_up(section, item, pools)
            ident = f"{PREFIX[section]}-{len(records) + 1}" + draw(
                st.sampled_from(["", "", "", "号", "/甲", " 乙"])
            )
            item = {"id": ident, **item}
            if _mend(model, item):
                records.append(_respell(draw, model, item))
        assume(records or not count)  # a record the mending could not save: draw again
        if records:
            case[section] = records
            pools[section] = tuple(r["id"].strip() for r in records)
    if draw(st.integers(0, 3)) == 0:
        start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2026, 11, 1)))
        end = start + dt.timedelta(days=draw(st.integers(0, 120)))
        case["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    if draw(st.booleans()):
        case = {"case": draw(TEXT), **case}
    return case


def generated_records(case: Mapping[str, Any]) -> Iterator[RecordDraw]:
    for section in GENERATED:
        for index, item in enumerate(case.get(section, ())):
            yield RecordDraw(section, index, item)


# --- one targeted mutation ----------------------------------------------------------------

KINDS = ("enum", "missing", "date", "unknown", "reference", "type")
BAD_DATES = ("2026-02-30", "2026-13-01", "2026-00-10", "2026年2月30日", "下周一", "30/11/2026",
             "2026-11", "", "2026-11-24T10:00:00x")  # fmt: skip
UNKNOWN_FIELDS = ("remarks", "备注", "signer", "meeting_date", "Title", "zz")
GHOSTS = ("nobody", "查无此人", "lm2", "X-404")


def _other_enum_values() -> tuple[str, ...]:
    from pingyin_rules import records

    values = {m.value for name in records.__all__ if is_enum(e := getattr(records, name))
              for m in e}  # fmt: skip
    return (*sorted(values), "bogus", "不存在的值", "executive meeting!")


@dataclass(frozen=True)
class Mutation:
    """One record broken on purpose: where, how, and what the reader should name."""

    section: str
    index: int
    record_id: str  # its id before the mutation (other records may refer to it)
    path: Path_  # the field broken, as written (list indexes included)
    kind: str
    value: Any = None

    @property
    def names(self) -> set[str]:
        """What the reader may call the record: its subject, or its place in the file
        (when its id is what was broken)."""
        record_type = SECTIONS[self.section].record_type
        return {f"{record_type}:{self.record_id}", f"{self.section}[{self.index}]"}

    @property
    def subject(self) -> str:
        """The record's subject before it was broken."""
        return f"{SECTIONS[self.section].record_type}:{self.record_id}"

    @property
    def field(self) -> tuple[str, ...]:
        return tuple(p for p in self.path if isinstance(p, str))

    def named_by(self, field: str | None) -> bool:
        """Whether an error's field names the broken one: the same path (indexes aside),
        or the field that holds it (a list the model checks as a whole)."""
        if field is None:
            return False
        written = tuple(p for p in field.split(".") if not p.isdigit())
        return bool(written) and self.field[: len(written)] == written


def _paths(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in a record, with its path (mappings and lists included)."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _candidates(section: str, item: dict[str, Any], pools: Pools
                ) -> list[tuple[str, Path_]]:  # fmt: skip
    """Every (kind, path) one mutation of this record can take."""
    model = SECTIONS[section]
    refs = reference_fields(model)
    found: list[tuple[str, Path_]] = []
    for path, value in _paths(item):
        if isinstance(value, dict):
            found.append(("unknown", path))
        if not path:
            continue
        owner_field = field_at(model, path)
        if owner_field is None:
            continue
        _owner, info = owner_field
        at_item = isinstance(path[-1], int)
        annotation = unwrap(item_type(info.annotation) if at_item else info.annotation)
        if not at_item:
            found.append(("type", path))
            if info.is_required():
                found.append(("missing", path))
        if is_enum(annotation) and isinstance(value, str):
            found.append(("enum", path))
        if annotation is dt.date and isinstance(value, str):
            found.append(("date", path))
        names = tuple(p for p in path if isinstance(p, str))
        section_of = refs.get(names)
        # A list that names someone already (an id is appended), or one id; not an item of a
        # list: replacing an id listed elsewhere too (expected_members, attendees) would
        # break another field, and so would naming someone in an empty list (a
        # countersignature then needs its date).
        whole = (isinstance(value, list) and bool(value)) or (
            isinstance(value, str) and not at_item
        )
        if section_of is not None and pools.get(section_of) and whole:
            found.append(("reference", path))
    return found


def _set(item: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        item = item[part]
    item[path[-1]] = value


def _get(item: Any, path: Path_) -> Any:
    for part in path:
        item = item[part]
    return item


@dataclass(frozen=True)
class Broken:
    """A valid case, the same case with some of its records broken, and how."""

    valid: dict[str, Any]
    case: dict[str, Any]
    mutations: tuple[Mutation, ...]

    def dependents(self) -> set[str]:
        """Subjects of the records that name a broken record, directly or through another
        such record (an agenda item naming a decision that names a broken meeting): the
        reader reports those as naming an unknown record, or, when no record of the section
        is left, judges them without it. Either way, no property is claimed about them."""
        records = [(SECTIONS[d.section], d.item) for d in generated_records(self.valid)]
        gone = {(m.section, m.record_id) for m in self.mutations}
        grown = True
        while grown:
            grown = False
            for model, item in records:
                key = (_SECTION_OF[model.record_type], str(item["id"]).strip())
                if key in gone:
                    continue
                if any(ref in gone for ref in _referenced(model, item)):
                    gone.add(key)
                    grown = True
        broken = {(m.section, m.record_id) for m in self.mutations}
        return {f"{SECTIONS[s].record_type}:{i}" for s, i in gone - broken}


_SECTION_OF = {model.record_type: section for section, model in SECTIONS.items()}


def _referenced(model: type[Record], item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(section, id) of each record a valid record as written names."""
    validated, _errors, _used = validate_repaired(model, item)
    assert validated is not None, item
    for ref in validated.references():  # type: ignore[attr-defined]
        yield ref.section, ref.id


def _mutate(draw: st.DrawFn, target: RecordDraw, pools: Pools) -> Mutation:
    """Break one record (in place) by one mutation drawn among those it allows."""
    candidates = _candidates(target.section, target.item, pools)
    record_id = str(target.item["id"]).strip()  # before the mutation: others refer to it
    # The kind first, so that each kind is tried as often as the record allows it.
    kind = draw(st.sampled_from(sorted({k for k, _ in candidates}, key=KINDS.index)))
    path = draw(st.sampled_from([p for k, p in candidates if k == kind]))
    model = SECTIONS[target.section]
    item = target.item
    value: Any = None
    if kind == "unknown":
        owner = _get(item, path)
        known = model_at(model, path).model_fields
        name = draw(st.sampled_from([n for n in UNKNOWN_FIELDS if n not in known]))
        value = draw(TEXT)
        owner[name] = value
        path = (*path, name)
    elif kind == "missing":
        del _get(item, path[:-1])[path[-1]]
    elif kind == "type":
        _owner, info = field_at(model, path)  # type: ignore[misc]
        # Nothing the model accepts: a list where it expects one value, a number where it
        # expects a list (pydantic reads 0 as a date and "yes" as true, so not those).
        value = 7 if item_type(info.annotation) is not None else [7]
        _set(item, path, value)
    elif kind == "enum":
        _owner, info = field_at(model, path)  # type: ignore[misc]
        annotation = unwrap(item_type(info.annotation) or info.annotation)
        allowed = tuple(m.value for m in annotation)
        aliases = bundled_aliases()
        wrong = [v for v in _other_enum_values()
                 if v not in allowed and aliases.code_for(v, allowed) is None]  # fmt: skip
        value = draw(st.sampled_from(wrong))
        _set(item, path, value)
    elif kind == "date":
        value = draw(st.sampled_from(BAD_DATES))
        _set(item, path, value)
    elif kind == "reference":
        value = draw(st.sampled_from(GHOSTS))
        current = _get(item, path)
        if isinstance(current, list):  # appended: a replaced id could break another field
            current.append(value)
        else:
            _set(item, path, value)
    return Mutation(target.section, target.index, record_id, path, kind, value)


@st.composite
def invalid_cases(draw: st.DrawFn, most: int = 3) -> Broken:
    """A valid case with one to `most` of its generated records broken, each by one
    mutation."""
    valid = draw(valid_cases())
    case = copy.deepcopy(valid)
    records = list(generated_records(case))
    chosen = draw(st.lists(st.integers(0, len(records) - 1), min_size=1,
                           max_size=min(most, len(records)), unique=True))  # fmt: skip
    targets = [records[i] for i in sorted(chosen)]
    # A reference is checked only against a section that has valid records (a case without
    # meetings need not name them): a ghost id is put only where some record of the section
    # it points at stays valid.
    broken = Counter(t.section for t in targets)
    pools = {section: tuple(str(r["id"]).strip() for r in case.get(section, ()))
             for section in SECTIONS
             if len(case.get(section, ())) > broken[section]}  # fmt: skip
    mutations = tuple(_mutate(draw, target, pools) for target in targets)
    return Broken(valid, case, mutations)


# --- files --------------------------------------------------------------------------------

FORMATS = ("yaml", "json", "jsonl")


def dump(case: Mapping[str, Any], form: str) -> bytes:
    """The case as a file in `form` (YAML, JSON, or JSON Lines with a header line)."""
    if form == "yaml":
        text = yaml.safe_dump(dict(case), allow_unicode=True, sort_keys=False)
        if yaml.safe_load(text) != case:
            # PyYAML writes U+0085 (NEL) as is in a single-quoted scalar, and reads it back
            # as a space: such a case is written with escapes ("\N"), which read back.
            text = yaml.safe_dump(dict(case), allow_unicode=False, sort_keys=False)
        return text.encode()
    if form == "json":
        return json.dumps(case, ensure_ascii=False, indent=1).encode()
    header = {k: case[k] for k in ("case", "period") if k in case}
    lines = [json.dumps(header, ensure_ascii=False)] if header else []
    for section in SECTIONS:
        for record in case.get(section, ()):
            lines.append(json.dumps({"section": section, **record}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()
