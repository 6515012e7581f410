"""Reminder queries over tasks: what has come due, and when the next one will."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import Task


def _due(now: datetime) -> list[ColumnElement[bool]]:
    return [Task.remind_at_utc <= now, Task.reminded_at.is_(None), Task.completed.is_(False)]


async def claim_due(session: AsyncSession, *, now: datetime, limit: int) -> list[Task]:
    """Mark up to `limit` due reminders as sent and return their tasks.

    One atomic UPDATE ... WHERE reminded_at IS NULL: of several schedulers racing for a
    reminder exactly one updates the row (PostgreSQL re-checks the condition after waiting
    for the other's lock, and SKIP LOCKED lets the others move on to different rows).
    """
    candidates = (
        select(Task.id)
        .where(*_due(now))
        .order_by(Task.remind_at_utc, Task.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.scalars(
        update(Task)
        .where(Task.id.in_(candidates), Task.reminded_at.is_(None))
        .values(reminded_at=now)
        .returning(Task.id)
        .execution_options(synchronize_session=False)
    )
    ids = list(claimed.all())
    if not ids:
        return []
    tasks = await session.scalars(
        select(Task).where(Task.id.in_(ids)).order_by(Task.remind_at_utc, Task.id),
        execution_options={"populate_existing": True},
    )
    return list(tasks.all())


async def next_due_at(session: AsyncSession) -> datetime | None:
    """The earliest reminder still to be sent, if any."""
    moment = await session.scalar(
        select(func.min(Task.remind_at_utc)).where(
            Task.reminded_at.is_(None), Task.completed.is_(False)
        )
    )
    return moment
