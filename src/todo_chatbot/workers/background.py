"""Event pieces as background services of the api app (entered in its lifespan)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

from todo_chatbot.events.live import live_hub_of
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.runtime import EventRuntime


def in_process_workers(app: FastAPI) -> AbstractAsyncContextManager[None]:
    """`todo serve`: relay, recurring, scheduler and notifier in the api process, on the
    bus EVENT_BUS names (memory by default), feeding this process's live updates."""
    return _run(app, roles=set(Role))


def live_updates(app: FastAPI) -> AbstractAsyncContextManager[None]:
    """An api process in the cluster: only the `task-updates` feed for its SSE streams."""
    return _run(app, roles=set())


@asynccontextmanager
async def _run(app: FastAPI, *, roles: set[Role]) -> AsyncIterator[None]:
    runtime = EventRuntime(
        app.state.settings, app.state.database, roles=roles, hub=live_hub_of(app.state)
    )
    for router in runtime.routers():
        app.include_router(router)
    app.state.readiness_checks["event bus"] = runtime.bus.check
    app.state.event_runtime = runtime
    async with runtime:
        yield
