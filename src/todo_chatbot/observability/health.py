"""Liveness, readiness and metrics: the same routes on every process (api, mcp, workers).

Each app lists its checks in `app.state.readiness_checks` (name -> async callable)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from todo_chatbot.observability.metrics import metrics_endpoint

log = logging.getLogger(__name__)
router = APIRouter(tags=["operations"])

ReadinessCheck = Callable[[], Awaitable[None]]
CHECK_TIMEOUT_SECONDS = 3.0


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


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
