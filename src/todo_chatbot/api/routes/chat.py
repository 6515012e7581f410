"""Chat (SPEC §3, §4): a stateless turn per request; history lives in the database."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, StrictStr, field_validator

from todo_chatbot.agent.contract import AssistantUnavailable, ChatEngine
from todo_chatbot.agent.engine import build_engine, chat_turn
from todo_chatbot.api.deps import DatabaseDep, IdPath, PathUserIdDep, SessionDep, UserIdDep
from todo_chatbot.api.errors import ApiError
from todo_chatbot.api.user_clock import UserClock
from todo_chatbot.domain.ids import RowId
from todo_chatbot.domain.tasks import plain_text
from todo_chatbot.services import conversations
from todo_chatbot.services.conversations import ConversationOut, MessageOut

router = APIRouter(tags=["chat"])

MESSAGE_MAX = 4000
UNAVAILABLE = (
    "The assistant is unavailable right now: its task tools cannot be reached. "
    "Nothing was changed; please try again in a moment."
)


class ChatIn(UserClock):
    message: StrictStr
    conversation_id: RowId | None = None

    @field_validator("message")
    @classmethod
    def _message(cls, value: str) -> str:
        value = plain_text(value, multiline=True).strip()
        if not value:
            raise ValueError("must not be empty")
        if len(value) > MESSAGE_MAX:
            raise ValueError(f"must be at most {MESSAGE_MAX} characters")
        return value


class ToolCallOut(BaseModel):
    tool: str
    args: dict[str, Any]
    result: dict[str, Any]


class ChatOut(BaseModel):
    conversation_id: int
    response: str
    tool_calls: list[ToolCallOut]


class ConversationList(BaseModel):
    items: list[ConversationOut]


class MessageList(BaseModel):
    items: list[MessageOut]


async def get_engine(request: Request) -> ChatEngine:
    """Built on first use from the app's MCP tool client (remote or in-process)."""
    state = request.app.state
    engine: ChatEngine | None = getattr(state, "chat_engine", None)
    if engine is None:
        tools = getattr(state, "tool_client", None)
        if tools is None:
            raise ApiError(503, "assistant_unavailable", "No MCP server is configured.")
        engine = state.chat_engine = build_engine(state.settings, tools)
    return engine


EngineDep = Annotated[ChatEngine, Depends(get_engine)]


async def _turn(body: ChatIn, user_id: int, database: DatabaseDep, engine: ChatEngine) -> ChatOut:
    try:
        turn = await chat_turn(
            database,
            engine,
            user_id=user_id,
            message=body.message,
            conversation_id=body.conversation_id,
            now=body.user_clock(),
            locale=body.locale,
        )
    except AssistantUnavailable:
        raise ApiError(503, "assistant_unavailable", UNAVAILABLE) from None
    return ChatOut(
        conversation_id=turn.conversation.id,
        response=turn.reply.text,
        tool_calls=[ToolCallOut(**call.as_dict()) for call in turn.reply.tool_calls],
    )


@router.post("/api/v1/chat")
async def chat(
    body: ChatIn, user_id: UserIdDep, database: DatabaseDep, engine: EngineDep
) -> ChatOut:
    return await _turn(body, user_id, database, engine)


@router.get("/api/v1/conversations")
async def list_conversations(session: SessionDep, user_id: UserIdDep) -> ConversationList:
    return ConversationList(items=await conversations.list_conversations(session, user_id=user_id))


@router.get("/api/v1/conversations/{conversation_id}/messages")
async def list_messages(
    conversation_id: IdPath, session: SessionDep, user_id: UserIdDep
) -> MessageList:
    items = await conversations.list_messages(
        session, user_id=user_id, conversation_id=conversation_id
    )
    return MessageList(items=items)


# After the /api/v1 routes, so "v1" is never taken for a user id.
@router.post("/api/{user_id}/chat", tags=["hackathon compatibility"])
async def compat_chat(
    body: ChatIn, user_id: PathUserIdDep, database: DatabaseDep, engine: EngineDep
) -> ChatOut:
    return await _turn(body, user_id, database, engine)
