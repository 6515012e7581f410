"""What every chat engine offers and returns. Engines import this, never the factory in
`engine`, so the factory can pick an engine without an import cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from todo_chatbot.services.conversations import ChatMessage


class AssistantUnavailable(Exception):
    """The assistant cannot act: its MCP server (or model) is unreachable or too slow."""


@dataclass(frozen=True)
class ToolCallRecord:
    tool: str
    args: dict[str, Any]
    result: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "args": self.args, "result": self.result}


@dataclass(frozen=True)
class EngineReply:
    text: str
    tool_calls: list[ToolCallRecord] = field(default_factory=list)


class ChatEngine(Protocol):
    async def reply(
        self,
        *,
        user_id: int,
        text: str,
        now: datetime,
        history: Sequence[ChatMessage],
        locale: str | None = None,
    ) -> EngineReply:
        """Answer one message, acting on the user's tasks only through MCP tools.
        `now` is the user's clock (aware); `locale` (e.g. "en-GB") orders day and month in
        dates like 3/12. Raises AssistantUnavailable."""
