"""In-app notifications: stored from `reminder due` events, listed and marked read."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import NotFound
from todo_chatbot.domain.tasks import parse_due
from todo_chatbot.domain.wording import describe_due
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.services.events import record
from todo_chatbot.services.preferences import user_zone
from todo_chatbot.services.views import RowView
from todo_chatbot.store.models import Notification
from todo_chatbot.store.repositories import notifications as repo
from todo_chatbot.store.repositories import users

LIST_LIMIT_MAX = 200


class NotificationOut(RowView):
    id: int
    task_id: int | None
    title: str
    message: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    unread: int


class Delivered(BaseModel):
    """A stored notification and whose it is, for the log and webhook after commit."""

    user_id: int
    notification: NotificationOut


async def on_reminder(session: AsyncSession, event: CloudEvent) -> Delivered | None:
    """Store the in-app notification for a `reminder due` event and announce it on
    `task-updates` (through the outbox) so open pages show it at once."""
    if event["type"] != types.REMINDER_DUE:
        return None
    data = event["data"]
    user_id = int(data["user_id"])
    if await users.get(session, user_id) is None:
        return None  # the account is gone; nobody to tell
    now = datetime.now(UTC)
    due = parse_due(data.get("due"))
    message = describe_due(due, now=now, where=await user_zone(session, user_id))
    row = await repo.add(
        session,
        Notification(
            user_id=user_id,
            task_id=int(data["task_id"]),
            title=data["title"],
            message=message,
            source_event_id=event["id"],
            created_at=now,
        ),
    )
    out = NotificationOut.of(row)
    await record(
        session,
        topic=topics.TASK_UPDATES,
        event_type=types.NOTIFICATION_CREATED,
        key=str(data["task_id"]),
        data={"user_id": user_id, "notification": out.model_dump(mode="json")},
    )
    return Delivered(user_id=user_id, notification=out)


async def list_notifications(
    session: AsyncSession, *, user_id: int, limit: int = 50, unread_only: bool = False
) -> NotificationPage:
    limit = max(1, min(limit, LIST_LIMIT_MAX))
    rows, unread = await repo.list_page(
        session, user_id=user_id, limit=limit, unread_only=unread_only
    )
    return NotificationPage(items=[NotificationOut.of(row) for row in rows], unread=unread)


async def mark_read(
    session: AsyncSession, *, user_id: int, notification_id: int
) -> NotificationOut:
    row = await repo.get_for_user(session, user_id=user_id, notification_id=notification_id)
    if row is None:
        raise NotFound("notification", notification_id)
    repo.mark_read(row, at=datetime.now(UTC))
    await session.flush()
    return NotificationOut.of(row)
