"""Many clients hammering one task on PostgreSQL: no lost update, no 500."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import select

from tests.support.app import make_settings, sign_up
from tests.support.processes import free_port
from todo_chatbot.api.app import create_app
from todo_chatbot.store.models import OutboxEvent

pytestmark = pytest.mark.postgres


@pytest.fixture
async def live_server(pg_url: str, tmp_path: Path) -> AsyncIterator[tuple[str, FastAPI]]:
    """The API on a real socket, so parallel clients really run in parallel."""
    app = create_app(make_settings(pg_url, tmp_path))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        await serving


async def test_fifty_concurrent_updates_and_completes_on_one_task(
    live_server: tuple[str, FastAPI],
) -> None:
    base_url, app = live_server
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as setup:
        auth = await sign_up(setup)
        created = await setup.post("/api/v1/tasks", json={"title": "Contended"}, headers=auth)
        task_id = created.json()["id"]

    async def one_client(index: int) -> httpx.Response:
        # Each client has its own connection pool: 50 parallel clients, not one.
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            path = f"/api/v1/tasks/{task_id}"
            if index % 5 == 0:
                return await client.post(f"{path}/complete", headers=auth)
            if index % 5 == 1:
                return await client.post(f"{path}/reopen", headers=auth)
            # Disjoint fields per client: a lost update would drop one of them.
            tags = {"tags": [f"t{index}"]} if index % 5 == 2 else {}
            return await client.patch(
                path, json={"description": f"edit {index}", **tags}, headers=auth
            )

    responses = await asyncio.gather(*(one_client(i) for i in range(50)))
    assert sorted({r.status_code for r in responses}) == [200]

    async with httpx.AsyncClient(base_url=base_url, timeout=30) as check:
        final = (await check.get(f"/api/v1/tasks/{task_id}", headers=auth)).json()
        listed = (await check.get("/api/v1/tasks?status=all", headers=auth)).json()
    assert listed["total"] == 1
    assert final["title"] == "Contended"
    assert final["description"].startswith("edit ")
    assert len(final["tags"]) == 1 and final["tags"][0].startswith("t")
    assert final["completed"] == (final["completed_at"] is not None)
    # Every accepted change wrote exactly one event, in commit order; replaying them
    # ends in the state the API reports, so no write overwrote another unseen.
    async with app.state.database.transaction() as session:
        rows = await session.execute(
            select(OutboxEvent).where(OutboxEvent.topic == "task-events").order_by(OutboxEvent.id)
        )
        events = [row.payload for row in rows.scalars()]
    patches = sum(1 for i in range(50) if i % 5 not in (0, 1))
    updated = [e for e in events if e["type"].endswith(".updated")]
    assert len(updated) == patches
    flips = [e for e in events if e["type"].endswith((".completed", ".reopened"))]
    kinds = [e["type"].rsplit(".", 1)[1] for e in flips]
    assert all(a != b for a, b in itertools.pairwise(kinds))  # strictly alternating
    last = events[-1]["data"]["task"]
    assert {k: last[k] for k in ("description", "tags", "completed")} == {
        k: final[k] for k in ("description", "tags", "completed")
    }
