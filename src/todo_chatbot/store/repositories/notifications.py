from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import Notification


async def add(session: AsyncSession, notification: Notification) -> Notification:
    session.add(notification)
    await session.flush()
    return notification


async def list_for_user(
    session: AsyncSession, *, user_id: int, limit: int, unread_only: bool = False
) -> list[Notification]:
    statement = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        statement = statement.where(Notification.read_at.is_(None))
    statement = statement.order_by(Notification.id.desc()).limit(limit)
    return list((await session.scalars(statement)).all())


async def unread_count(session: AsyncSession, *, user_id: int) -> int:
    count = await session.scalar(
        select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(count or 0)


async def get_for_user(
    session: AsyncSession, *, user_id: int, notification_id: int
) -> Notification | None:
    statement = select(Notification).where(
        Notification.id == notification_id, Notification.user_id == user_id
    )
    return (await session.scalars(statement.with_for_update())).one_or_none()


def mark_read(notification: Notification, *, at: datetime) -> None:
    if notification.read_at is None:
        notification.read_at = at
