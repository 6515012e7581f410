"""Outbox writes: the event for a change is stored in the change's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.events import topics
from todo_chatbot.events.envelope import new_event
from todo_chatbot.events.types import TASK_CREATED, TASK_EVENT_TYPES
from todo_chatbot.events.validation import validate_event
from todo_chatbot.services.views import TaskOut
from todo_chatbot.store.repositories import outbox

TASK_TOPICS = (topics.TASK_EVENTS, topics.TASK_UPDATES)


def _new(topic: str, event_type: str, key: str, data: dict[str, Any]) -> outbox.NewEvent:
    event = new_event(event_type=event_type, subject=key, data=data)
    validate_event(event)  # producers validate: a bad event never reaches the outbox
    return outbox.NewEvent(event["id"], topic, event_type, key, event)


async def record(
    session: AsyncSession, *, topic: str, event_type: str, key: str, data: dict[str, Any]
) -> dict[str, Any]:
    stored = _new(topic, event_type, key, data)
    await outbox.add(session, [stored])
    return stored.payload


async def record_task_event(
    session: AsyncSession, *, kind: str, user_id: int, task: TaskOut
) -> None:
    """A task change goes to `task-events` (workers) and `task-updates` (live UI)."""
    data = _task_data(user_id, task)
    event_type, key = TASK_EVENT_TYPES[kind], str(task.id)
    events = [_new(topic, event_type, key, data) for topic in TASK_TOPICS]
    await outbox.add(session, events)


def draft_task_created(*, user_id: int, task: TaskOut) -> list[outbox.DraftEvent]:
    """The `created` events of a task not inserted yet, for the repository to store with
    it. They are validated with `task.id` as a stand-in (any id the database gives
    validates the same), then name it as outbox.NEW_ID(_TEXT), for the database to fill in."""
    data = _task_data(user_id, task)
    drafts = []
    for topic in TASK_TOPICS:
        event = _new(topic, TASK_CREATED, str(task.id), data).payload
        event["subject"] = event["partitionkey"] = outbox.NEW_ID_TEXT
        drafts.append(outbox.DraftEvent(event["id"], topic, TASK_CREATED, event))
    data["task"]["id"] = outbox.NEW_ID  # after validating: the events share `data`
    return drafts


def _task_data(user_id: int, task: TaskOut) -> dict[str, Any]:
    return {"user_id": user_id, "task": task.model_dump(mode="json")}
