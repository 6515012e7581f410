from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import Notification


async def add(session: AsyncSession, notification: Notification) -> Notification:
    session.add(notification)
    await session.flush()
    return notification


async def list_page(
    session: AsyncSession, *, user_id: int, limit: int, unread_only: bool = False
) -> tuple[list[Notification], int]:
    """The newest notifications and the unread count, read in one statement so both come
    from one snapshot (two statements could straddle a notifier's commit)."""
    unread = (
        select(func.count())
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )
    statement = select(Notification, unread).where(Notification.user_id == user_id)
    if unread_only:
        statement = statement.where(Notification.read_at.is_(None))
    statement = statement.order_by(Notification.id.desc()).limit(limit)
    rows = (await session.execute(statement)).all()
    # No rows means no notifications (or no unread ones) in that snapshot.
    return [row[0] for row in rows], int(rows[0][1]) if rows else 0


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
