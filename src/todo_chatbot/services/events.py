"""Outbox writes: the event for a change is stored in the change's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.events import topics
from todo_chatbot.events.envelope import new_event
from todo_chatbot.events.types import TASK_EVENT_TYPES
from todo_chatbot.events.validation import validate_event
from todo_chatbot.services.views import TaskOut
from todo_chatbot.store.repositories import outbox


async def record(
    session: AsyncSession, *, topic: str, event_type: str, key: str, data: dict[str, Any]
) -> dict[str, Any]:
    event = new_event(event_type=event_type, subject=key, data=data)
    validate_event(event)  # producers validate: a bad event never reaches the outbox
    await outbox.add(
        session,
        event_id=event["id"],
        topic=topic,
        event_type=event_type,
        partition_key=key,
        payload=event,
    )
    return event


async def record_task_event(
    session: AsyncSession, *, kind: str, user_id: int, task: TaskOut
) -> None:
    """A task change goes to `task-events` (workers) and `task-updates` (live UI)."""
    data = {"user_id": user_id, "task": task.model_dump(mode="json")}
    event_type = TASK_EVENT_TYPES[kind]
    for topic in (topics.TASK_EVENTS, topics.TASK_UPDATES):
        await record(session, topic=topic, event_type=event_type, key=str(task.id), data=data)
