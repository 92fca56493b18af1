"""What the service computes once and shares between requests, all of it immutable: the
compiled pack and its checker, the named contexts, the reference data the CLI prints
(`rules --format json`, `schema NAME`, `coverage --format json`), and caches of bound
checkers. Nothing a request sends is kept: the service is stateless between requests, and
any worker or machine answers any request the same way."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from functools import cache, cached_property
from typing import Any, Generic, TypeVar

from ..aliases import ValueAliases
from ..calendar import OfficialCalendar
from ..case_files import read_case_file
from ..cli.errors import UsageError
from ..cli.packs import Override, checking_pack
from ..engine.checker import Checker
from ..engine.incremental import BoundChecker
from ..hooks import bind
from ..records import SECTIONS, CaseFile
from ..report import Report
from .settings import Settings

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
SCHEMAS = ("case", *SECTIONS, "rule-file")


class BuildOnce(Generic[K, V]):
    """A small LRU cache whose values are built once per key even when many threads ask at
    once (a roster bound when the day turns is bound by one request; the others wait)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[K, threading.Lock] = {}

    def get(self, key: K, build: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                value = build()
                with self._lock:  # in before the key's lock goes: no one builds it again
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


@cache
def _schema(name: str) -> Any:
    """What `schema NAME` prints: the same functions, called directly (thread-safe)."""
    if name == "rule-file":
        from ..pack.spec import rule_file_schema

        return json.loads(rule_file_schema())
    return (CaseFile if name == "case" else SECTIONS[name]).model_json_schema()


def _printed(command: Callable[[argparse.Namespace], int], **args: Any) -> str:
    """What a CLI command prints, so the service answers exactly what the command line
    does. Only at start-up, before any request: redirecting stdout is process-wide."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        command(argparse.Namespace(**args))
    return out.getvalue()


class ServiceState:
    def __init__(self, settings: Settings) -> None:
        from ..cli import commands

        self.settings = settings
        self.token = settings.token()
        self.checker = self._checker(settings.overrides)
        self.pack = self.checker.pack
        self.aliases = ValueAliases.from_pack(self.pack)
        self.contexts: dict[str, CaseFile] = {}
        for name, path in settings.contexts.items():
            loaded = read_case_file(path, aliases=self.aliases)
            if loaded.case is None or loaded.errors:
                listed = "\n".join(
                    f"  {e.record or ''} {e.field or ''}: {e.reason}".replace("  :", ":")
                    for e in loaded.errors
                )
                raise UsageError(f"--context {name}={path}: the case file is refused:\n{listed}")
            self.contexts[name] = loaded.case
        self.context_records = {
            name: sum(1 for _ in case.records()) for name, case in self.contexts.items()
        }
        no_config = {"config": None, "no_config": True, "pack": settings.pack}
        self.rules: list[dict[str, Any]] = json.loads(
            _printed(commands.rules, format="json", **no_config)
        )
        # Today's bindings of the named contexts apart from any other day's: requests asking
        # for other dates (or no context) cannot push today's out.
        self.bound: BuildOnce[tuple[Hashable, ...], BoundChecker] = BuildOnce(
            2 * max(len(settings.contexts), 1)
        )
        self.other_days: BuildOnce[tuple[Hashable, ...], BoundChecker] = BuildOnce(
            settings.bound_cache
        )
        # Contexts sent with requests, read and bound (with their input errors), by content.
        self.inline: BuildOnce[tuple[str, dt.date], tuple[BoundChecker, Report]] = BuildOnce(8)
        self._request_checkers: BuildOnce[Hashable, Checker] = BuildOnce(4)
        today = dt.date.today()
        for name in self.contexts:  # the first validation of the day need not bind
            self.bound_context(name, today)

    def _checker(self, overrides: Mapping[str, Override]) -> Checker:
        if self.settings.calendars:
            from ..calendar import load_calendar_files

            calendar = OfficialCalendar(load_calendar_files(list(self.settings.calendars)))
        else:
            calendar = OfficialCalendar()
        return Checker(checking_pack(self.settings.pack, overrides), calendar)

    def checker_for(self, overrides: Mapping[str, Any]) -> Checker:
        """The checker with a request's own parameters over the operator's (compiled once
        per set of parameters, a few kept). Raises UsageError for a parameter the pack does
        not have or a value it refuses."""
        merged = dict(self.settings.overrides)
        merged.update({n: Override(v, f"set {n!r} in the request") for n, v in overrides.items()})
        key = repr(sorted((n, repr(o.value)) for n, o in merged.items()))
        return self._request_checkers.get(key, lambda: self._checker(merged))

    def _bindings(self, on: dt.date) -> BuildOnce[tuple[Hashable, ...], BoundChecker]:
        return self.bound if on == dt.date.today() else self.other_days

    def bound_context(self, name: str, on: dt.date) -> BoundChecker:
        case = self.contexts[name]
        build = lambda: bind(case, on=on, checker=self.checker)  # noqa: E731
        return self._bindings(on).get(("name", name, on), build)

    def is_bound(self, name: str, on: dt.date) -> bool:
        """Whether the named context is bound for `on` already (validating against it then
        costs the record's own rules: about a millisecond)."""
        return ("name", name, on) in self._bindings(on)

    def schema(self, name: str) -> Any:
        """`schema NAME` (None for a name it does not take), built on first use: the JSON
        Schemas of every section take about a second to generate."""
        if name not in SCHEMAS:
            return None
        return _schema(name)

    @cached_property
    def coverage(self) -> list[dict[str, Any]]:
        """`coverage --format json`; read on first use (the full pack, with its test cases,
        is loaded for it)."""
        from ..coverage import render_coverage
        from ..pack.loader import load_pack

        rendered: list[dict[str, Any]] = json.loads(
            render_coverage(load_pack(self.settings.pack), "json")
        )
        return rendered
