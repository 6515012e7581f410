"""The reminder scheduler's use case: emit `reminder due` once per reminder (SPEC §7)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.events import topics, types
from todo_chatbot.events.metrics import REMINDER_LAG, REMINDERS_EMITTED
from todo_chatbot.services.events import record
from todo_chatbot.store.models import Task
from todo_chatbot.store.repositories import reminders as repo

BATCH = 200


class ReminderDue(BaseModel):
    user_id: int
    task_id: int
    title: str
    due: str | None
    remind_at: str

    @classmethod
    def of(cls, task: Task) -> ReminderDue:
        due, remind_at = task.due, task.remind_at
        assert remind_at is not None
        return cls(
            user_id=task.user_id,
            task_id=task.id,
            title=task.title,
            due=due.isoformat() if due is not None else None,
            remind_at=remind_at.isoformat(),
        )


async def emit_due_reminders(
    session: AsyncSession, *, now: datetime, limit: int = BATCH
) -> list[ReminderDue]:
    """Claim reminders whose time has come and write their events to the outbox, in one
    transaction: either both happen or neither, so a reminder is neither lost nor doubled."""
    emitted = []
    for task in await repo.claim_due(session, now=now, limit=limit):
        reminder = ReminderDue.of(task)
        await record(
            session,
            topic=topics.REMINDERS,
            event_type=types.REMINDER_DUE,
            key=str(task.id),
            data=reminder.model_dump(),
        )
        if task.remind_at_utc is not None:
            REMINDER_LAG.observe(max(0.0, (now - task.remind_at_utc).total_seconds()))
        REMINDERS_EMITTED.inc()
        emitted.append(reminder)
    return emitted


async def next_reminder_at(session: AsyncSession) -> datetime | None:
    return await repo.next_due_at(session)
