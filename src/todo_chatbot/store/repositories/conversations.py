from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import Conversation, Message


async def get_for_user(
    session: AsyncSession, *, user_id: int, conversation_id: int, for_update: bool = False
) -> Conversation | None:
    statement = select(Conversation).where(
        Conversation.id == conversation_id, Conversation.user_id == user_id
    )
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def add(session: AsyncSession, conversation: Conversation) -> Conversation:
    session.add(conversation)
    await session.flush()
    return conversation


async def list_for_user(session: AsyncSession, *, user_id: int, limit: int) -> list[Conversation]:
    statement = (
        select(Conversation)
        .where(Conversation.user_id == user_id)
        .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars().all())


async def add_message(
    session: AsyncSession,
    *,
    conversation_id: int,
    role: str,
    content: str,
    tool_calls: list[dict[str, Any]],
    created_at: datetime,
) -> Message:
    message = Message(
        conversation_id=conversation_id,
        role=role,
        content=content,
        tool_calls=tool_calls,
        created_at=created_at,
    )
    session.add(message)
    await session.flush()
    return message


async def messages(
    session: AsyncSession, *, conversation_id: int, limit: int, latest: bool = False
) -> list[Message]:
    """Messages in the order they were written: the first `limit`, or with `latest` the
    last `limit`."""
    order = Message.id.desc() if latest else Message.id.asc()
    statement = (
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(order)
        .limit(limit)
    )
    rows = list((await session.execute(statement)).scalars().all())
    return rows[::-1] if latest else rows
