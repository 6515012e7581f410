"""The offline engine: the rules planner decides, MCP tools act, confirmations answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from todo_chatbot.agent.contract import EngineReply, ToolCallRecord
from todo_chatbot.agent.plan import TaskRef
from todo_chatbot.agent.rules import describe_result, plan_turn
from todo_chatbot.agent.tool_client import McpToolClient, ToolSession
from todo_chatbot.domain.queries import LIMIT_MAX
from todo_chatbot.services.conversations import ChatMessage


class RulesEngine:
    def __init__(self, tools: McpToolClient) -> None:
        self._tools = tools

    async def reply(
        self,
        *,
        user_id: int,
        text: str,
        now: datetime,
        history: Sequence[ChatMessage],
        locale: str | None = None,
    ) -> EngineReply:
        async with self._tools.session(user_id) as tools:
            plan = plan_turn(text, now=now, tasks=await _open_tasks(tools), locale=locale)
            if plan.kind != "tools":
                return EngineReply(text=plan.reply)
            records: list[ToolCallRecord] = []
            lines: list[str] = []
            for call in plan.calls:
                outcome = await tools.call(call.tool, dict(call.args))
                records.append(ToolCallRecord(call.tool, dict(call.args), outcome.as_record()))
                lines.append(describe_result(call, outcome.as_record()))
                if not outcome.ok:
                    break  # later calls may depend on this one
        return EngineReply(
            text="\n".join(line for line in lines if line) or plan.reply, tool_calls=records
        )


async def _open_tasks(tools: ToolSession) -> list[TaskRef]:
    """The user's open tasks, so "the milk task" can be resolved; read through MCP too."""
    outcome = await tools.call("list_tasks", {"status": "pending", "limit": LIMIT_MAX})
    items = outcome.data.get("items", []) if outcome.ok else []
    return [
        TaskRef(
            id=int(item["id"]),
            title=str(item["title"]),
            due=str(item["due"]) if item.get("due") else None,
            tags=tuple(str(tag) for tag in item.get("tags") or ()),
        )
        for item in items
    ]
