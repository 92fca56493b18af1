"""What the operator chose when starting the service: the pack and its parameters, the named
contexts, the limits, the token. Built from `pingyin-rules serve`'s flags over the project
configuration file, as `check` builds its run; with several workers each worker builds the
same settings from the same arguments (`ARGS_ENV`), so no setting needs serialising."""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cli.errors import UsageError
from ..cli.packs import Override, parse_set

# The serve command's arguments (argparse's namespace as JSON), for workers started by uvicorn.
ARGS_ENV = "PINGYIN_RULES_SERVE_ARGS"
DEFAULT_MAX_BODY_KB = 2048
DEFAULT_MAX_RECORDS = 10_000
# Bound checkers kept (named and inline contexts, per evaluation date): each holds its
# context's verdicts, so a few dozen are plenty for a roster or two over a few days.
DEFAULT_BOUND_CACHE = 32
_CONTEXT_NAME = re.compile(r"[\w.-]{1,64}")


@dataclass(frozen=True)
class Settings:
    pack: str | None = None  # a pack directory; None: the bundled pack
    overrides: Mapping[str, Override] = field(default_factory=dict)  # --set, the config's set
    calendars: tuple[str, ...] = ()  # official schedule files (--calendar)
    contexts: Mapping[str, str] = field(default_factory=dict)  # name -> case file, read at start
    token_env: str | None = None  # the environment variable holding the bearer token
    max_body_bytes: int = DEFAULT_MAX_BODY_KB * 1024
    max_records: int = DEFAULT_MAX_RECORDS
    allow_pack_requests: bool = False  # may a request send its own parameters (`set`)?
    bound_cache: int = DEFAULT_BOUND_CACHE

    def token(self) -> str | None:
        """The bearer token, read from the operator's variable; a variable named but unset
        or empty refuses the start rather than serving without the protection asked for."""
        if self.token_env is None:
            return None
        value = os.environ.get(self.token_env, "").strip()
        if not value:
            raise UsageError(
                f"--token-env {self.token_env}: the environment variable is unset or empty"
            )
        return value


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings of `pingyin-rules serve ARGS`: flags over the configuration file."""
    from ..cli.settings import pack_dir, project_config

    config = project_config(args)
    overrides = {
        name: Override(value, f"set {name!r} in {config.where}")
        for name, value in config.set.items()
    }
    overrides.update(parse_set(args.overrides))  # flags win over the file
    contexts: dict[str, str] = {}
    for pair in args.contexts:
        name, sep, path = pair.partition("=")
        name = name.strip()
        if not sep or not path.strip():
            raise UsageError(f"--context takes NAME=CASEFILE, got {pair!r}")
        if not _CONTEXT_NAME.fullmatch(name):
            raise UsageError(
                f"--context {pair}: a name is letters, digits, '_', '.' or '-' (64 at most)"
            )
        if name in contexts:
            raise UsageError(f"--context {name}: given twice")
        contexts[name] = str(Path(path.strip()).resolve())
    pack = pack_dir(args, config)
    return Settings(
        pack=str(Path(pack).resolve()) if pack else None,
        overrides=overrides,
        calendars=tuple(str(Path(c).resolve()) for c in args.calendar or config.calendar),
        contexts=contexts,
        token_env=args.token_env,
        max_body_bytes=args.max_body_kb * 1024,
        max_records=args.max_records,
        allow_pack_requests=args.allow_pack_requests,
    )


def settings_from_env() -> Settings:
    """The settings a worker started by uvicorn runs with: the serve command's arguments in
    `ARGS_ENV` (read in the same directory, so with the same configuration file)."""
    return settings_from_args(argparse.Namespace(**json.loads(os.environ[ARGS_ENV])))
