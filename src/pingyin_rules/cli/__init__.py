"""The `pingyin-rules` command. Exit 0 when ok, 1 when a rule fails under --fail-on, 2 for
invalid input or usage. Problems are reported as messages, never as tracebacks.

Each command's module is imported when that command runs, so a command pays only for what
it uses: `rules` never imports the case-file reader, `check` never the pack linter.
"""

from __future__ import annotations

import gc
import signal
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from .errors import EXIT_FAIL, EXIT_INPUT, EXIT_OK, UsageError
from .parser import build_parser

__all__ = ["EXIT_FAIL", "EXIT_INPUT", "EXIT_OK", "UsageError", "collect_from_here", "main"]

# command -> (module, function)
HANDLERS = {
    "check": ("check", "run"),
    "rules": ("commands", "rules"),
    "explain": ("commands", "explain"),
    "lint": ("commands", "lint"),
    "test": ("commands", "test"),
    "schema": ("commands", "schema"),
    "coverage": ("commands", "coverage"),
    "docs": ("commands", "docs"),
    "calendar": ("commands", "calendar"),
    "config": ("commands", "config"),
    "serve": ("commands", "serve"),
}


def _handler(command: str) -> Callable[..., int]:
    module, function = HANDLERS[command]
    handler: Callable[..., int] = getattr(import_module(f".{module}", __name__), function)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `pingyin-rules schema | head`: stop quietly, like cat
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = build_parser().parse_args(argv)
    # What a command builds before its real work (the modules, the pack, the checker's
    # closures) lives until the process ends; the cyclic collector would only traverse it,
    # again and again: a third of a small check's time. A command turns collection back on
    # with `collect_from_here()` before work that grows with its input.
    global _paused
    collecting = gc.isenabled()
    gc.disable()
    _paused = collecting
    try:
        return _handler(args.command)(args)
    except Exception as exc:
        print(f"pingyin-rules: {_message(exc)}", file=sys.stderr)
    finally:
        _paused = False
        if collecting:
            gc.enable()
    return EXIT_INPUT


_paused = False  # whether main() has turned the collector off for a command's set-up


def collect_from_here() -> None:
    """Resume cyclic garbage collection, if main() paused it, for work that grows with the
    input (checking case files)."""
    if _paused:
        gc.enable()


def _message(exc: Exception) -> str:
    """What a refused run says. The error types are imported here, on the way out, so that a
    run that raises none of them never pays for their modules."""
    from ..config import ConfigError
    from ..pack.yaml_source import SourceError

    if isinstance(exc, ConfigError):
        return f"configuration file refused: {exc}"
    if isinstance(exc, SourceError):
        # A refused rule pack (PackError) or calendar file (CalendarFileError): both carry
        # their file and line.
        what = "calendar file" if exc.code == "calendar" else "rule pack"
        return f"the {what} is refused:\n{exc}"
    if isinstance(exc, UsageError | ValueError):
        return str(exc)
    # A bug of ours: say so in one line rather than a traceback.
    return f"internal error ({type(exc).__name__}: {exc}); please report it"
