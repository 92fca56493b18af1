"""`pingyin-rules serve`: the rules as an HTTP service for systems not written in Python
(docs/service.md). Needs the `server` extra (FastAPI, uvicorn, prometheus-client); nothing
here is imported by the rest of the package.

One module, one job: `settings` (what the operator chose), `state` (the pack, the checker,
the named contexts and what is computed once from them), `bodies` (reading a request within
its limits), `problems` (every refusal as a bilingual JSON body), `auth` (the optional bearer
token), `metrics` (Prometheus), `checking` and `reference` (the routes), `pages` (the page),
`app` (putting it together) and `run` (uvicorn)."""

from __future__ import annotations

from .settings import Settings

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> object:
    if name == "create_app":  # FastAPI only when the app is built
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
