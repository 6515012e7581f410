"""The `created` events of a task are drafted before the insert gives its id (on PostgreSQL
they go in with the task, in one statement): what the outbox stores must be, byte for byte,
the events as they would be written once the id is known."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.events.driving import local_user
from tests.support.clock import days_ahead
from todo_chatbot.events import topics
from todo_chatbot.events.envelope import SOURCE, SPEC_VERSION
from todo_chatbot.events.types import TASK_CREATED, TASK_UPDATED
from todo_chatbot.events.validation import validate_event
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent
from todo_chatbot.store.repositories import outbox

DUE_DAY = days_ahead(30).isoformat()  # ahead of any run's clock: the reminder is not past
# Quotes, a backslash and non-ASCII text: what JSON escapes, where a spliced id must not go.
FIELDS: dict[str, Any] = {
    "title": 'Pay "rent" \\ loyer dû 💶',
    "description": "first line\nsecond: 1, 2",
    "priority": "high",
    "tags": ["home", "argent"],
    "due": f"{DUE_DAY}T09:30:00+05:30",
    "remind_at": f"{DUE_DAY}T08:30:00+05:30",
    "recurrence": "FREQ=MONTHLY",
}


def expected_event(row: OutboxEvent, time: str, user_id: int, task: TaskOut) -> dict[str, Any]:
    """The event new_event writes for `task` (its id and time are the row's own)."""
    return {
        "specversion": SPEC_VERSION,
        "id": row.event_id,
        "source": SOURCE,
        "type": TASK_CREATED,
        "subject": str(task.id),
        "time": time,
        "datacontenttype": "application/json",
        "partitionkey": str(task.id),
        "data": {"user_id": user_id, "task": task.model_dump(mode="json")},
    }


async def stored_events(
    database: Database, task_id: int, event_type: str = TASK_CREATED
) -> list[tuple[OutboxEvent, str]]:
    """The task's events of `event_type`, in id order, each with its payload as stored."""
    async with database.transaction(read_only=True) as session:
        rows = await session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.partition_key == str(task_id), OutboxEvent.event_type == event_type)
            .order_by(OutboxEvent.id)
        )
        found = []
        for row in rows:
            stored = await session.scalar(
                text("SELECT CAST(payload AS TEXT) FROM outbox WHERE id = :id"), {"id": row.id}
            )
            found.append((row, str(stored)))
        return found


async def assert_created_events(database: Database, user_id: int, task: TaskOut) -> None:
    async with database.transaction(read_only=True) as session:
        assert await tasks.get_task(session, user_id=user_id, task_id=task.id) == task
    events = await stored_events(database, task.id)
    assert [row.topic for row, _ in events] == [topics.TASK_EVENTS, topics.TASK_UPDATES]
    for row, stored in events:
        expected = expected_event(row, json.loads(stored)["time"], user_id, task)
        # json.dumps is what the JSON column stores for a payload given in Python.
        assert stored == json.dumps(expected)
        assert row.payload == expected and list(row.payload) == list(expected)
        assert row.partition_key == str(task.id) and row.attempts == 0
        validate_event(row.payload)


async def test_a_created_task_has_its_events_with_its_id(database: Database) -> None:
    user_id = await local_user(database)
    async with database.transaction() as session:
        first = await tasks.create_task(session, user_id=user_id, fields={"title": "First"})
        second = await tasks.create_task(session, user_id=user_id, fields=FIELDS)
    assert second.id != first.id
    for created in (first, second):
        await assert_created_events(database, user_id, created)


async def test_drafted_and_recorded_events_are_stored_alike(database: Database) -> None:
    """An update's events take the separate INSERT: stored as json.dumps writes them too."""
    user_id = await local_user(database)
    async with database.transaction() as session:
        created = await tasks.create_task(session, user_id=user_id, fields=FIELDS)
        await tasks.update_task(
            session, user_id=user_id, task_id=created.id, changes={"description": "changed"}
        )
    (row, stored), _ = await stored_events(database, created.id, TASK_UPDATED)
    assert stored == json.dumps(row.payload)


async def test_an_imported_task_reads_back_as_its_event_shows_it(database: Database) -> None:
    """A completion time given in another offset is stored, read back and sent in UTC."""
    user_id = await local_user(database)
    done_at = datetime(2031, 4, 30, 23, 15, 1, 250, tzinfo=timezone(timedelta(hours=-7)))
    async with database.transaction() as session:
        imported = await tasks.import_task(
            session, user_id=user_id, fields=FIELDS, completed_at=done_at, series_id=None
        )
    assert imported.completed_at == done_at and imported.completed_at.tzinfo == UTC
    await assert_created_events(database, user_id, imported)


async def test_a_next_instance_has_its_events_with_its_id(database: Database) -> None:
    user_id = await local_user(database)
    async with database.transaction() as session:
        created = await tasks.create_task(session, user_id=user_id, fields=FIELDS)
        await tasks.complete_task(session, user_id=user_id, task_id=created.id)
        following = await tasks.create_next_instance(session, task_id=created.id)
    assert following is not None and following.id != created.id
    await assert_created_events(database, user_id, following)


async def test_a_create_wakes_the_commit_listeners_once_committed(database: Database) -> None:
    user_id = await local_user(database)
    woken: list[bool] = []

    def wake() -> None:
        woken.append(True)

    outbox.add_commit_listener(wake)
    try:
        async with database.transaction() as session:
            created = await tasks.create_task(session, user_id=user_id, fields=FIELDS)
            assert not woken
        assert woken == [True]
        with pytest.raises(RuntimeError):
            async with database.transaction() as session:
                await tasks.create_task(session, user_id=user_id, fields=FIELDS)
                raise RuntimeError("rolled back")
        async with database.transaction() as session:  # writes no event: wakes no one
            await tasks.get_task(session, user_id=user_id, task_id=created.id)
    finally:
        outbox.remove_commit_listener(wake)
    assert woken == [True]
