"""Each worker process: /health, /ready (database and bus), /metrics with the event metrics."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.events import driving
from tests.events.helpers import eventually
from tests.support.app import make_settings
from tests.support.serving import serving
from todo_chatbot.store.db import Database
from todo_chatbot.workers.app import create_worker_app
from todo_chatbot.workers.roles import Role


@pytest.mark.parametrize("role", list(Role))
async def test_worker_serves_health_readiness_and_metrics(
    role: Role, db_url: str, tmp_path: Path
) -> None:
    settings = make_settings(db_url, tmp_path)
    async with (
        serving(create_worker_app(role, settings)) as base,
        httpx.AsyncClient(base_url=base) as http,
    ):
        assert (await http.get("/health")).json() == {"status": "ok"}
        ready = await http.get("/ready")
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"database": "ok", "event bus": "ok"}
        metrics = (await http.get("/metrics")).text
    assert "outbox_pending_events" in metrics and "events_published_total" in metrics


async def test_relay_worker_reports_outbox_lag(db_url: str, tmp_path: Path) -> None:
    settings = make_settings(db_url, tmp_path)
    database = Database(settings.async_database_url)
    user = await driving.local_user(database)
    await driving.create_tasks(database, user, 2)
    async with (
        serving(create_worker_app(Role.relay, settings)) as base,
        httpx.AsyncClient(base_url=base) as http,
    ):
        await eventually(lambda: driving.pending_outbox(database), until=lambda n: n == 0)
        metrics = (await http.get("/metrics")).text
    await database.dispose()
    assert "outbox_oldest_pending_age_seconds" in metrics


async def test_not_ready_when_the_database_is_down(tmp_path: Path) -> None:
    settings = make_settings("postgresql+asyncpg://postgres@127.0.0.1:9/none", tmp_path)
    app = create_worker_app(Role.recurring, settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://worker") as http:
        ready = await http.get("/ready")
    assert ready.status_code == 503 and ready.json()["checks"]["database"] == "failing"
