"""A create costs little more than its SQL (issue #13): on PostgreSQL, `POST /api/{uid}/tasks`
is three statements as pg_stat_statements counts them: BEGIN, one INSERT of the task with
its tags and its outbox events, COMMIT."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from bench.common import COUNT_STATEMENTS
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.support.app import make_settings, sign_up
from tests.support.clock import days_ahead
from tests.support.databases import server_with_database
from tests.support.postgres import PostgresServer
from todo_chatbot.api.app import create_app
from todo_chatbot.store.models import OutboxEvent, TaskTag

pytestmark = pytest.mark.postgres

DATABASE = "counted"
CREATES = 5


@pytest.fixture(scope="module")
def counted_server() -> Iterator[PostgresServer]:
    """A server of its own: pg_stat_statements must be preloaded, which the shared one is not."""
    with server_with_database(COUNT_STATEMENTS, DATABASE) as server:
        # Installed where the counting runs, so none of its statements count.
        asyncio.run(_fetch(server, "CREATE EXTENSION pg_stat_statements", database="postgres"))
        yield server


async def _fetch(server: PostgresServer, query: str, *args: object, database: str) -> object:
    connection = await asyncpg.connect(server.sync_url(database))
    try:
        return await connection.fetchval(query, *args)
    finally:
        await connection.close()


async def _statements(server: PostgresServer) -> int:
    """Statements run in the counted database since the last reset, as the bench counts
    them."""
    total = await _fetch(
        server,
        "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
        "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)",
        DATABASE,
        database="postgres",
    )
    return int(str(total))


@pytest.fixture
async def counted_app(counted_server: PostgresServer, tmp_path: Path) -> AsyncIterator[FastAPI]:
    application = create_app(make_settings(counted_server.url(DATABASE), tmp_path))
    async with application.router.lifespan_context(application):
        yield application


async def test_a_create_costs_three_statements(
    counted_server: PostgresServer, counted_app: FastAPI
) -> None:
    transport = httpx.ASGITransport(app=counted_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        auth = await sign_up(client, "counted@example.com")
        user_id = (await client.get("/api/v1/auth/me", headers=auth)).json()["id"]
        base = f"/api/{user_id}/tasks"
        body = {
            "title": "Pay rent",
            "tags": ["home", "money"],
            "due": f"{days_ahead(30).isoformat()}T09:00:00+02:00",
            "recurrence": "FREQ=MONTHLY",
        }
        # The first write also sets its connection up (the dialect's and asyncpg's queries).
        assert (await client.post(base, json=body, headers=auth)).status_code == 201
        await _fetch(counted_server, "SELECT pg_stat_statements_reset()", database="postgres")
        ids = []
        for _ in range(CREATES):
            response = await client.post(base, json=body, headers=auth)
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        statements = await _statements(counted_server)
    assert statements <= 3 * CREATES, f"{statements / CREATES:.1f} statements per create"

    async with counted_app.state.database.transaction(read_only=True) as session:
        per_key = select(OutboxEvent.partition_key, func.count()).group_by(
            OutboxEvent.partition_key
        )
        events: dict[str, int] = dict((await session.execute(per_key)).all())
        tags = await session.scalar(
            select(func.count()).select_from(TaskTag).where(TaskTag.task_id.in_(ids))
        )
    assert all(events[str(task_id)] == 2 for task_id in ids)  # task-events, task-updates
    assert tags == 2 * CREATES
