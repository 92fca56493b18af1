"""The optional bearer token (`serve --token-env VAR`): when the operator sets one, every
`/v1/` endpoint but health and readiness asks for `Authorization: Bearer <token>`.

Left open on purpose: `/v1/health` and `/v1/ready` (a load balancer's probes carry no
token), `/metrics` (counts and latencies only, no record content; restrict it at the network
if that matters), the OpenAPI schema (no data), and the page with its files
(static; the page sends the token a clerk enters with its API calls)."""

from __future__ import annotations

import hmac

from fastapi import Request

from .problems import Problem


async def require_token(request: Request) -> None:
    """A FastAPI dependency: 401 unless the request carries the configured token (async:
    a plain function would be run in the thread pool, a hop on every request)."""
    token: str | None = request.app.state.service.token
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return
    raise Problem(
        401,
        "unauthorized",
        "缺少或错误的访问令牌：请在请求头中加入 Authorization: Bearer <令牌>",
        "missing or wrong token: send the header Authorization: Bearer <token>",
        headers={"WWW-Authenticate": 'Bearer realm="pingyin-rules"'},
    )
