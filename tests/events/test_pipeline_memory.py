"""The whole event pipeline inside one process (the `todo serve` topology), on SQLite and
PostgreSQL: API → outbox → relay → memory bus → recurring / scheduler / notifier."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.events import driving
from tests.events.helpers import eventually, processed_count
from tests.support.app import sign_up
from tests.support.clock import days_ahead, today
from todo_chatbot.domain.wording import describe_due
from todo_chatbot.events import topics, types
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import Notification, OutboxEvent, Task

# A reminder years ahead: it never fires during a test, on any date.
REMIND_YEAR = today().year + 4
DAILY = {
    "title": "Water plants",
    "due": "2026-11-24T09:00:00-05:00",
    "remind_at": f"{REMIND_YEAR}-11-24T08:30:00-05:00",
    "recurrence": "FREQ=DAILY",
    "tags": ["home"],
    "priority": "high",
}


async def pending_tasks(client: httpx.AsyncClient, auth: dict[str, str]) -> list[dict]:
    response = await client.get("/api/v1/tasks?status=pending&sort=due", headers=auth)
    assert response.status_code == 200
    return list(response.json()["items"])


async def completion_event_ids(database: Database, task_id: int) -> list[str]:
    async with database.transaction() as session:
        rows = await session.scalars(
            select(OutboxEvent.event_id).where(
                OutboxEvent.partition_key == str(task_id),
                OutboxEvent.topic == topics.TASK_EVENTS,
                OutboxEvent.event_type == types.TASK_COMPLETED,
            )
        )
        return list(rows.all())


async def instances_after(database: Database, task_id: int) -> int:
    async with database.transaction() as session:
        count = await session.scalar(select(func.count()).where(Task.previous_id == task_id))
    return int(count or 0)


async def test_completing_a_recurring_task_creates_its_next_instance(
    event_app: FastAPI, event_client: httpx.AsyncClient
) -> None:
    auth = await sign_up(event_client)
    created = (await event_client.post("/api/v1/tasks", json=DAILY, headers=auth)).json()
    done = await event_client.post(f"/api/v1/tasks/{created['id']}/complete", headers=auth)
    assert done.status_code == 200

    items = await eventually(lambda: pending_tasks(event_client, auth), until=lambda i: len(i) == 1)
    following = items[0]
    assert following["id"] != created["id"]
    assert following["due"] == "2026-11-25T09:00:00-05:00"  # from the rule and previous due
    assert following["remind_at"] == f"{REMIND_YEAR}-11-25T08:30:00-05:00"  # same lead time
    assert following["series_id"] == created["series_id"]
    for field in ("title", "description", "priority", "tags", "recurrence"):
        assert following[field] == created[field]


async def test_complete_reopen_complete_leaves_exactly_one_next_instance(
    event_app: FastAPI, event_client: httpx.AsyncClient
) -> None:
    database: Database = event_app.state.database
    auth = await sign_up(event_client)
    task_id = (await event_client.post("/api/v1/tasks", json=DAILY, headers=auth)).json()["id"]
    for action in ("complete", "reopen", "complete"):
        response = await event_client.post(f"/api/v1/tasks/{task_id}/{action}", headers=auth)
        assert response.status_code == 200

    completions = await completion_event_ids(database, task_id)
    assert len(completions) == 2
    await eventually(
        lambda: processed_count(database, "recurring", completions), until=lambda n: n == 2
    )
    assert await instances_after(database, task_id) == 1
    assert len(await pending_tasks(event_client, auth)) == 1


async def test_a_due_reminder_becomes_one_notification(
    event_app: FastAPI, event_client: httpx.AsyncClient
) -> None:
    database: Database = event_app.state.database
    auth = await sign_up(event_client)
    other = await sign_up(event_client, "bob@example.com")
    soon = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    task = await event_client.post(
        "/api/v1/tasks",
        json={"title": "Call mom", "due": days_ahead(3).isoformat(), "remind_at": soon},
        headers=auth,
    )
    task_id = task.json()["id"]

    async def listing() -> dict:
        return dict((await event_client.get("/api/v1/notifications", headers=auth)).json())

    page = await eventually(listing, until=lambda p: p["unread"] == 1)
    [note] = page["items"]
    assert note["task_id"] == task_id
    assert note["title"] == "Call mom"
    # Worded like the UI, not a raw date (the wording itself: tests/domain/test_days.py).
    assert note["message"] == describe_due(days_ahead(3), now=datetime.now(UTC))
    assert note["read_at"] is None

    assert (await event_client.get("/api/v1/notifications", headers=other)).json() == {
        "items": [],
        "unread": 0,
    }
    refused = await event_client.post(f"/api/v1/notifications/{note['id']}/read", headers=other)
    assert refused.status_code == 404
    read = await event_client.post(f"/api/v1/notifications/{note['id']}/read", headers=auth)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert (await listing())["unread"] == 0

    await event_app.state.event_runtime.scheduler.scan()  # a later scan sends nothing again
    async with database.transaction() as session:
        stored = await session.scalar(select(func.count()).select_from(Notification))
    assert stored == 1


async def test_notifications_need_a_token(event_client: httpx.AsyncClient) -> None:
    assert (await event_client.get("/api/v1/notifications")).status_code == 401
    assert (await event_client.get("/api/v1/events/stream")).status_code == 401


async def test_each_new_instance_of_a_recurring_task_gets_its_own_reminder(
    event_app: FastAPI, event_client: httpx.AsyncClient
) -> None:
    auth = await sign_up(event_client)
    overdue = {"title": "Take pills", "due": "2026-01-05T09:00:00Z", "recurrence": "FREQ=DAILY"}
    first = (await event_client.post("/api/v1/tasks", json=overdue, headers=auth)).json()
    database: Database = event_app.state.database
    await driving.set_reminders(database, [first["id"]], "2026-01-05T08:30:00+00:00")

    async def reminded() -> list[int]:
        page = (await event_client.get("/api/v1/notifications", headers=auth)).json()
        return sorted(item["task_id"] for item in page["items"])

    await eventually(reminded, until=lambda ids: ids == [first["id"]])
    await event_client.post(f"/api/v1/tasks/{first['id']}/complete", headers=auth)
    [second] = await eventually(
        lambda: pending_tasks(event_client, auth), until=lambda i: len(i) == 1
    )
    assert second["remind_at"] == "2026-01-06T08:30:00Z"  # already past, so it fires now
    await eventually(reminded, until=lambda ids: ids == sorted([first["id"], second["id"]]))


async def test_reopening_takes_back_the_untouched_next_instance(
    event_client: httpx.AsyncClient,
) -> None:
    """One series, one open instance: reopening a completed instance withdraws the next one
    its completion made, unless that one was changed meanwhile."""
    auth = await sign_up(event_client)
    first = (
        await event_client.post("/api/v1/tasks", json={**DAILY, "title": "Stand-up"}, headers=auth)
    ).json()
    await event_client.post(f"/api/v1/tasks/{first['id']}/complete", headers=auth)
    [following] = await eventually(
        lambda: pending_tasks(event_client, auth), until=lambda items: len(items) == 1
    )
    reopened = await event_client.post(f"/api/v1/tasks/{first['id']}/reopen", headers=auth)
    assert reopened.status_code == 200
    assert [task["id"] for task in await pending_tasks(event_client, auth)] == [first["id"]]
    gone = await event_client.get(f"/api/v1/tasks/{following['id']}", headers=auth)
    assert gone.status_code == 404

    await event_client.post(f"/api/v1/tasks/{first['id']}/complete", headers=auth)
    [again] = await eventually(
        lambda: pending_tasks(event_client, auth), until=lambda items: len(items) == 1
    )
    await event_client.patch(
        f"/api/v1/tasks/{again['id']}", json={"description": "agenda"}, headers=auth
    )
    await event_client.post(f"/api/v1/tasks/{first['id']}/reopen", headers=auth)
    open_ids = {task["id"] for task in await pending_tasks(event_client, auth)}
    assert open_ids == {first["id"], again["id"]}  # the edited one is the user's now
