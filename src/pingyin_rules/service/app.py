"""`create_app(settings)`: the service as an ASGI application. Everything is loaded here,
before the server accepts a connection: the pack compiled, the contexts read and bound for
today, the reference data computed; `/v1/ready` answers once that is done."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from .._version import __version__
from . import checking, pages, problems, reference
from .metrics import Metrics, MetricsMiddleware
from .problems import JSON
from .settings import Settings, settings_from_env
from .state import ServiceState

DESCRIPTION = """\
The working rules of the Pingyin County People's Government (《平阴县人民政府工作规则》) as a
decision service: send a case file or one record, get cited verdicts (the report contract of
`pingyin-rules check --format json`). See docs/service.md for examples (curl, Java)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    service = ServiceState(settings)
    metrics = Metrics()
    # No /docs or /redoc: FastAPI's pages load Swagger's scripts from a CDN into this origin,
    # where the page keeps a clerk's token (and a county network may not reach the CDN).
    # The OpenAPI document itself is at /openapi.json, for any viewer the integrator trusts.
    app = FastAPI(
        title="pingyin-rules", version=__version__, description=DESCRIPTION,
        default_response_class=JSON, docs_url=None, redoc_url=None,
    )  # fmt: skip
    app.state.service = service
    app.state.metrics = metrics
    problems.install(app)
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    @app.get("/v1/health", tags=["operations"], summary="The process answers")
    def health() -> JSON:
        return JSON({"status": "ok"})

    @app.get("/v1/ready", tags=["operations"], summary="The pack and contexts are loaded")
    def ready(request: Request) -> JSON:
        state: ServiceState = request.app.state.service
        return JSON(
            {"status": "ready", "rules": len(state.pack.rules), "contexts": list(state.contexts)}
        )

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics")
    def prometheus() -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    app.include_router(checking.router)
    app.include_router(reference.router)
    app.include_router(pages.router)
    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker (`serve --workers N`)."""
    return create_app(settings_from_env())
