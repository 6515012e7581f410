"""Driving task changes straight through the services (fast, one transaction each), and
reading back what the workers did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from todo_chatbot.events import topics
from todo_chatbot.services import auth, tasks
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import Notification, OutboxEvent, ProcessedEvent, Task

DAILY: dict[str, Any] = {
    "title": "Stretch",
    "due": "2026-11-24T07:00:00Z",
    "recurrence": "FREQ=DAILY",
}


async def local_user(database: Database, email: str = "kafka@example.com") -> int:
    async with database.transaction() as session:
        return (await auth.ensure_local_user(session, email=email)).id


async def create_tasks(database: Database, user_id: int, count: int, **fields: Any) -> list[int]:
    """`count` tasks like DAILY with `fields`; a `remind_at` in the past is set as if the
    reminder had been set before it came due (the API refuses a past reminder)."""
    remind_at = fields.pop("remind_at", None)
    ids = []
    for index in range(count):
        async with database.transaction() as session:
            values = {**DAILY, "title": f"{DAILY['title']} {index}", **fields}
            ids.append((await tasks.create_task(session, user_id=user_id, fields=values)).id)
    if remind_at is not None:
        await set_reminders(database, ids, remind_at)
    return ids


async def set_reminders(database: Database, task_ids: list[int], remind_at: str) -> None:
    """Give tasks a reminder time directly in the store: how a reminder that has come due
    while no scheduler ran looks, which the API cannot create (it refuses past times)."""
    async with database.transaction() as session:
        for task in await session.scalars(select(Task).where(Task.id.in_(task_ids))):
            task.remind_at = datetime.fromisoformat(remind_at)


async def change(database: Database, user_id: int, task_id: int, action: str) -> None:
    async with database.transaction() as session:
        if action == "complete":
            await tasks.complete_task(session, user_id=user_id, task_id=task_id)
        elif action == "reopen":
            await tasks.reopen_task(session, user_id=user_id, task_id=task_id)
        else:
            await tasks.update_task(
                session, user_id=user_id, task_id=task_id, changes={"description": action}
            )


def past(seconds: float = 1.0) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat()


async def scalar(database: Database, statement: Any) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(statement) or 0)


async def next_instances(database: Database) -> int:
    return await scalar(database, select(func.count()).where(Task.previous_id.is_not(None)))


async def notifications(database: Database) -> int:
    return await scalar(database, select(func.count()).select_from(Notification))


async def pending_outbox(database: Database) -> int:
    return await scalar(database, select(func.count()).where(OutboxEvent.published_at.is_(None)))


async def outbox_ids(database: Database, topic: str) -> list[str]:
    async with database.transaction() as session:
        rows = await session.scalars(
            select(OutboxEvent.event_id).where(OutboxEvent.topic == topic).order_by(OutboxEvent.id)
        )
        return list(rows.all())


async def processed(database: Database, consumer: str) -> int:
    return await scalar(database, select(func.count()).where(ProcessedEvent.consumer == consumer))


async def all_task_events_processed(database: Database, consumer: str = "recurring") -> bool:
    """Every event on `task-events` has been applied by the consumer (none missing)."""
    return await processed(database, consumer) == len(
        await outbox_ids(database, topics.TASK_EVENTS)
    )
