"""Rule packs for the command line: parameter overrides (`--set`, the configuration file's
`set`) checked against the pack with messages that name the valid parameters, and compiled
packs served from the cache (cli/pack_cache.py)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..pack.compiled import CompiledPack
from .errors import UsageError
from .pack_cache import load_checking_pack


@dataclass(frozen=True)
class Override:
    value: Any
    written: str  # how the user gave it, for messages: `--set NAME=VALUE`, or the file's key


def parse_set(pairs: list[str]) -> dict[str, Override]:
    """NAME=VALUE pairs; each value is read as a YAML scalar (2500, true, "2/3", 2026-01-01)."""
    import yaml

    result: dict[str, Override] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set takes NAME=VALUE, got {pair!r}")
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError:
            raise UsageError(f"--set {name.strip()}: cannot read the value {value!r}") from None
        result[name.strip()] = Override(parsed, f"--set {pair}")
    return result


def _close(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _listed(names: list[str]) -> str:
    return ", ".join(names) if names else "none"


def override_problem(pack: CompiledPack, name: str) -> str | None:
    """Why `name` is not a parameter `--set` can override in this pack, naming the valid
    ones; None when it is one."""
    pack_wide = sorted(pack.parameters)
    rule_id, sep, param = name.partition(":")
    if not sep:
        if name in pack.parameters:
            return None
        owners = [f"{r.id}:{name}" for r in pack.rules if name in _own(pack, r.id)]
        if owners:
            return f"{name!r} is a parameter of a rule: set it as {' or '.join(owners)}"
        return (
            f"no pack-wide parameter {name!r}{_close(name, pack_wide)}; pack-wide parameters: "
            f"{_listed(pack_wide)}; a rule's own parameter is set as RULE:NAME"
            " (`pingyin-rules explain RULE` lists them)"
        )
    ids = [r.id for r in pack.rules]
    if rule_id not in ids:
        return f"no rule {rule_id!r}{_close(rule_id, ids)} (`pingyin-rules rules` lists them)"
    own = sorted(_own(pack, rule_id))
    if param in own:
        return None
    shared = f"; pack-wide parameters, set without the rule: {_listed(pack_wide)}"
    if param in pack.parameters:
        return f"{param!r} is a pack-wide parameter: set it as {param}=VALUE"
    return (
        f"rule {rule_id} has no parameter {param!r}{_close(param, own)}; "
        f"its own parameters: {_listed(own)}{shared}"
    )


def _own(pack: CompiledPack, rule_id: str) -> set[str]:
    rule = pack.rule(rule_id)
    return {n for n in rule.parameters if n not in pack.parameters}


def checking_pack(root: str | None, overrides: Mapping[str, Override]) -> CompiledPack:
    """The pack `check`, `rules` and `explain` use, with the overrides applied. An override
    the pack does not have, or a value it refuses, is a usage error that says which."""
    pack = load_checking_pack(root, {})
    for name, override in overrides.items():
        problem = override_problem(pack, name)
        if problem is not None:
            raise UsageError(f"{override.written}: {problem}")
    if not overrides:
        return pack
    try:
        return load_checking_pack(root, {name: o.value for name, o in overrides.items()})
    except Exception as exc:
        from ..pack.loader import PackError  # only now: a cache hit never imports the loader

        if not isinstance(exc, PackError):
            raise
        # Name the override at fault rather than the pack file that declares the parameter
        # (which, for the bundled pack, is somewhere in site-packages).
        for refused in exc.problems:
            for name, override in overrides.items():
                prefix = f"parameter {name}: "
                if refused.reason.startswith(prefix):
                    reason = refused.reason.removeprefix(prefix)
                    raise UsageError(f"{override.written}: {reason}") from None
        raise
