"""Liveness, readiness and metrics: the same routes on every process (api, mcp, workers).

Each app lists its checks in `app.state.readiness_checks` (name -> async callable)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from todo_chatbot.observability.metrics import metrics_endpoint

log = logging.getLogger(__name__)
router = APIRouter(tags=["operations"])

ReadinessCheck = Callable[[], Awaitable[None]]
CHECK_TIMEOUT_SECONDS = 3.0


HEALTH_PATH = "/health"
_HEALTHY = b'{"status":"ok"}'


@router.get(HEALTH_PATH)
async def health() -> dict[str, str]:
    """Documents the route; RequestContextMiddleware answers it first (`answer_health`)."""
    return {"status": "ok"}


def is_health_check(scope: Scope) -> bool:
    return scope["path"] == HEALTH_PATH and scope.get("method") in {"GET", "HEAD"}


async def answer_health(_scope: Scope, _receive: Receive, send: Send) -> None:
    """The liveness answer as raw ASGI: probes come every few seconds from every kubelet
    and load balancer, and need none of the app's routing, dependencies or middleware."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"15")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _HEALTHY})


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    checks: dict[str, ReadinessCheck] = request.app.state.readiness_checks
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
            results[name] = "ok"
        except Exception as exc:  # any failure means "not ready", reported by name
            log.warning("readiness check failed", extra={"check": name, "error": str(exc)})
            results[name] = "failing"
    ok = all(value == "ok" for value in results.values())
    body = {"status": "ready" if ok else "not ready", "checks": results}
    return JSONResponse(body, status_code=200 if ok else 503)


router.add_api_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
