"""Recurring tasks: a completed occurrence gets exactly one next occurrence (SPEC §7)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.events import types
from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut


async def on_task_event(session: AsyncSession, event: CloudEvent) -> TaskOut | None:
    """Create the next instance when a recurring task was completed.

    Safe to run for every completion event, also stale or repeated ones: the task service
    reads the task's current state under a row lock and creates nothing when the task is no
    longer completed or its next instance exists (`previous_id` is unique as well).
    """
    if event["type"] != types.TASK_COMPLETED:
        return None
    task = event["data"]["task"]
    if not task.get("recurrence"):
        return None
    return await tasks.create_next_instance(session, task_id=int(task["id"]))
