"""`todo worker <role>`: one worker as a small FastAPI app with /health, /ready, /metrics
and the routes Dapr calls (subscriptions, jobs)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from todo_chatbot.bus.base import Bus
from todo_chatbot.observability import health
from todo_chatbot.observability.logging import VERSION
from todo_chatbot.observability.tracing import instrument_app
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.runtime import EventRuntime


def create_worker_app(
    role: Role,
    settings: Settings,
    *,
    database: Database | None = None,
    bus: Bus | None = None,
) -> FastAPI:
    database = database or Database.for_settings(settings)
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

    app.state.readiness_checks = runtime.readiness_checks()
    app.include_router(health.router)
    for router in runtime.routers():
        app.include_router(router)
    instrument_app(app, service=settings.service_name)
    return app
