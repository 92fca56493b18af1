"""`pingyin-rules serve`: the app on uvicorn. One worker serves the app built here; several
are started by uvicorn from the import string of `app.app_from_env`, each building the same
settings from the same arguments (passed as JSON in `settings.ARGS_ENV`)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

from ..cli import collect_from_here
from ..cli.errors import EXIT_OK, UsageError
from .settings import ARGS_ENV, settings_from_args

EXTRA = "pip install 'pingyin-rules[server]'"


def serve(args: argparse.Namespace) -> int:
    """Run the service until it is stopped."""
    try:
        import fastapi  # noqa: F401
        import prometheus_client  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise UsageError(f"serve needs the server extra ({exc.name} is missing): {EXTRA}") from None
    from .app import create_app

    # A server runs for weeks: cyclic garbage collection back on (main() pauses it for the
    # short commands' start-up).
    collect_from_here()
    settings = settings_from_args(args)
    # Built here in any case: a refused pack, context or token stops the start with its
    # reason, before a worker is started (a worker that fails would be started again).
    app = create_app(settings)
    options = {
        "host": args.host, "port": args.port, "log_level": args.log_level,
        "server_header": False, "proxy_headers": False,
    }  # fmt: skip
    print(
        f"pingyin-rules serve: {len(app.state.service.pack.rules)} rules, contexts: "
        f"{', '.join(app.state.service.contexts) or 'none'}; http://{args.host}:{args.port}/",
        file=sys.stderr,
    )
    if args.workers == 1:
        uvicorn.run(app, **options)  # type: ignore[arg-type]
        return EXIT_OK
    del app
    os.environ[ARGS_ENV] = json.dumps(vars(args))
    metrics_dir = None
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker writes its counts here; /metrics adds them up (prometheus_client's
        # multiprocess mode). Set before any worker imports prometheus_client.
        metrics_dir = tempfile.mkdtemp(prefix="pingyin-rules-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run(
            "pingyin_rules.service.app:app_from_env", factory=True, workers=args.workers,
            **options,  # type: ignore[arg-type]
        )  # fmt: skip
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return EXIT_OK
