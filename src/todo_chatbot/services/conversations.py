"""Chat history (SPEC §3, §4): conversations and their messages, owned by one user.

Every turn is stored as it happens, so any replica can continue any conversation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import NotFound
from todo_chatbot.services.views import RowView
from todo_chatbot.store.models import Conversation
from todo_chatbot.store.repositories import conversations as repo

TITLE_MAX = 60
MESSAGES_MAX = 1000
CONVERSATIONS_MAX = 100


class ConversationOut(RowView):
    id: int
    title: str
    created_at: datetime
    updated_at: datetime


class MessageOut(RowView):
    id: int
    role: str
    content: str
    tool_calls: list[dict[str, Any]]
    created_at: datetime


class ChatMessage(BaseModel):
    """An earlier message as an engine sees it."""

    role: str
    content: str


def title_from(text: str) -> str:
    title = " ".join(text.split())
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


async def _owned(
    session: AsyncSession, *, user_id: int, conversation_id: int, for_update: bool = False
) -> Conversation:
    row = await repo.get_for_user(
        session, user_id=user_id, conversation_id=conversation_id, for_update=for_update
    )
    if row is None:
        raise NotFound("conversation", conversation_id)
    return row


async def list_conversations(
    session: AsyncSession, *, user_id: int, limit: int = CONVERSATIONS_MAX
) -> list[ConversationOut]:
    rows = await repo.list_for_user(session, user_id=user_id, limit=limit)
    return [ConversationOut.of(row) for row in rows]


async def list_messages(
    session: AsyncSession, *, user_id: int, conversation_id: int, limit: int = MESSAGES_MAX
) -> list[MessageOut]:
    await _owned(session, user_id=user_id, conversation_id=conversation_id)
    rows = await repo.messages(session, conversation_id=conversation_id, limit=limit)
    return [MessageOut.of(row) for row in rows]


async def recent_messages(
    session: AsyncSession, *, user_id: int, conversation_id: int, limit: int
) -> list[ChatMessage]:
    """The last `limit` messages, oldest first. Another user's conversation is NotFound."""
    await _owned(session, user_id=user_id, conversation_id=conversation_id)
    rows = await repo.messages(session, conversation_id=conversation_id, limit=limit, latest=True)
    return [ChatMessage(role=row.role, content=row.content) for row in rows]


async def record_turn(
    session: AsyncSession,
    *,
    user_id: int,
    conversation_id: int | None,
    user_text: str,
    reply: str,
    tool_calls: list[dict[str, Any]],
) -> ConversationOut:
    """Append the user's message and the reply, starting a conversation if none is given."""
    now = datetime.now(UTC)
    if conversation_id is None:
        conversation = await repo.add(
            session,
            Conversation(
                user_id=user_id, title=title_from(user_text), created_at=now, updated_at=now
            ),
        )
    else:
        conversation = await _owned(
            session, user_id=user_id, conversation_id=conversation_id, for_update=True
        )
        conversation.updated_at = now
    for role, content, calls in (("user", user_text, []), ("assistant", reply, tool_calls)):
        await repo.add_message(
            session,
            conversation_id=conversation.id,
            role=role,
            content=content,
            tool_calls=calls,
            created_at=now,
        )
    await session.flush()
    return ConversationOut.of(conversation)
