"""The factory that picks a chat engine by AGENT_ENGINE, and one chat turn from loading the
conversation to storing its answer (what an engine offers: `contract`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from todo_chatbot.agent.contract import AssistantUnavailable, ChatEngine, EngineReply
from todo_chatbot.agent.tool_client import McpToolClient, ToolServerUnavailable
from todo_chatbot.services import conversations
from todo_chatbot.services.conversations import ChatMessage, ConversationOut
from todo_chatbot.settings import AgentEngine, Settings
from todo_chatbot.store.db import Database

HISTORY_TURNS = 20  # messages an engine sees from earlier in the conversation


def build_engine(settings: Settings, tools: McpToolClient) -> ChatEngine:
    if settings.agent_engine is AgentEngine.openai:
        from todo_chatbot.agent.openai_engine import OpenAIAgentsEngine

        return OpenAIAgentsEngine(settings, tools)
    from todo_chatbot.agent.rules_engine import RulesEngine

    return RulesEngine(tools)


@dataclass(frozen=True)
class ChatTurn:
    conversation: ConversationOut
    reply: EngineReply


async def chat_turn(
    database: Database,
    engine: ChatEngine,
    *,
    user_id: int,
    message: str,
    conversation_id: int | None,
    now: datetime,
    locale: str | None = None,
) -> ChatTurn:
    """Load the history, let the engine answer, then store both messages.

    No transaction is open while the engine works: its MCP calls write through their own
    transactions (on SQLite a held write lock would block them). If the assistant is
    unavailable nothing of the turn is stored.
    """
    history: list[ChatMessage] = []
    if conversation_id is not None:
        async with database.transaction() as session:
            history = await conversations.recent_messages(
                session, user_id=user_id, conversation_id=conversation_id, limit=HISTORY_TURNS
            )
    try:
        reply = await engine.reply(
            user_id=user_id, text=message, now=now, history=history, locale=locale
        )
    except ToolServerUnavailable as exc:
        raise AssistantUnavailable(str(exc)) from exc
    async with database.transaction() as session:
        conversation = await conversations.record_turn(
            session,
            user_id=user_id,
            conversation_id=conversation_id,
            user_text=message,
            reply=reply.text,
            tool_calls=[call.as_dict() for call in reply.tool_calls],
        )
    return ChatTurn(conversation=conversation, reply=reply)
