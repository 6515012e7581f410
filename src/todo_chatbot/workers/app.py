"""`todo worker <role>`: one worker as a small FastAPI app with /health, /ready, /metrics
and the routes Dapr calls (subscriptions, jobs)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from todo_chatbot.bus.base import Bus
from todo_chatbot.observability.logging import VERSION
from todo_chatbot.observability.metrics import metrics_endpoint
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.runtime import EventRuntime, Role

log = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 3.0


def create_worker_app(
    role: Role,
    settings: Settings,
    *,
    database: Database | None = None,
    bus: Bus | None = None,
) -> FastAPI:
    database = database or Database(settings.async_database_url)
    runtime = EventRuntime(settings, database, roles={role}, bus=bus)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            async with runtime:
                yield
        finally:
            await database.dispose()

    app = FastAPI(title=f"Todo Chatbot {role} worker", version=VERSION, lifespan=lifespan)
    app.state.runtime = runtime

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "worker": role.value}

    @app.get("/ready")
    async def ready() -> JSONResponse:
        results = {}
        for name, check in runtime.readiness_checks().items():
            try:
                await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
                results[name] = "ok"
            except Exception as exc:  # any failure means "not ready", reported by name
                log.warning("readiness check failed", extra={"check": name, "error": str(exc)})
                results[name] = "failing"
        ok = all(value == "ok" for value in results.values())
        body = {"status": "ready" if ok else "not ready", "checks": results}
        return JSONResponse(body, status_code=200 if ok else 503)

    app.add_api_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    for router in runtime.routers():
        app.include_router(router)
    return app
