"""Prometheus metrics at `/metrics`: requests and their latency by route (the route's
template, `/v1/rules/{rule_id}`, so that ids in paths do not multiply the series), and the
verdicts the service gave, by rule and status.

With several workers each is a process of its own: `serve --workers N` points
`PROMETHEUS_MULTIPROC_DIR` at a fresh directory (unless the operator set one) and
`/metrics` adds up every worker's counts, whichever worker answers the scrape."""

from __future__ import annotations

import os
import time
from collections import Counter as Tally

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..report import Report

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
# One validation takes about a millisecond, a whole case file up to seconds.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


# The `_created` timestamp series double the output and say nothing a scrape needs.
disable_created_metrics()  # type: ignore[no-untyped-call]


class Metrics:
    def __init__(self) -> None:
        # A registry of the app's own: several apps in one process (tests) do not collide.
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "pingyin_rules_requests", "HTTP requests answered, by route, method and status",
            ["route", "method", "status"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "pingyin_rules_request_duration_seconds", "Time to answer a request, by route",
            ["route", "method"], buckets=BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.verdicts = Counter(
            "pingyin_rules_verdicts", "Verdicts given, by rule and status",
            ["rule_id", "status"], registry=self.registry,
        )  # fmt: skip
        self.input_errors = Counter(
            "pingyin_rules_input_errors", "Input errors found in checked records",
            registry=self.registry,
        )  # fmt: skip

    def count(self, report: Report) -> None:
        # A case file can give thousands of verdicts: add them up before touching the counters.
        for (rule_id, status), n in Tally((v.rule_id, v.status) for v in report.verdicts).items():
            self.verdicts.labels(rule_id, status).inc(n)
        if report.errors:
            self.input_errors.inc(len(report.errors))

    def exposition(self) -> tuple[bytes, str]:
        if os.environ.get(MULTIPROCESS_ENV):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Times every HTTP request and counts it under its route's template once routed."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app fails before it answers

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            # FastAPI's routes name themselves; Starlette's plain ones (/openapi.json) only
            # leave their endpoint: their path is then the route. Anything else: unmatched.
            route = getattr(scope.get("route"), "path", None) or (
                scope.get("path") if "endpoint" in scope else None
            ) or "unmatched"
            method = scope.get("method", "")
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route, method).observe(time.perf_counter() - started)
