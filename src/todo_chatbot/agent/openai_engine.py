"""The LLM engine: an OpenAI Agents SDK agent with the MCP server attached over streamable
HTTP. Any OpenAI-compatible Chat Completions server works (OPENAI_BASE_URL, OPENAI_MODEL)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import httpx2
import openai
from agents import Agent, RunConfig, Runner
from agents.exceptions import AgentsException
from agents.items import ToolCallItem, ToolCallOutputItem, TResponseInputItem
from agents.mcp import MCPServerStreamableHttp
from agents.models.openai_chatcompletions import OpenAIChatCompletionsModel

from todo_chatbot.agent.contract import AssistantUnavailable, EngineReply, ToolCallRecord
from todo_chatbot.agent.tool_client import McpToolClient, ToolServerUnavailable
from todo_chatbot.services.conversations import ChatMessage
from todo_chatbot.settings import Settings

log = logging.getLogger(__name__)

MAX_MODEL_TURNS = 8

INSTRUCTIONS = """You are a todo-list assistant. Act on the user's tasks only through the tools.
The user's current time is {now} ({weekday}); write dates as YYYY-MM-DD and times as ISO-8601
with the offset {offset}. Before changing a task named by title, find its id with list_tasks;
if several tasks match, ask which one. Confirm what you did in one or two short sentences."""


def instructions_for(now: datetime) -> str:
    """The system prompt for a turn at `now` (the user's clock); `todo agent eval` uses it too."""
    offset = now.strftime("%z")
    return INSTRUCTIONS.format(
        now=now.isoformat(timespec="minutes"),
        weekday=now.strftime("%A"),
        offset=f"{offset[:3]}:{offset[3:]}" if offset else "+00:00",
    )


class OpenAIAgentsEngine:
    def __init__(self, settings: Settings, tools: McpToolClient) -> None:
        if settings.openai_api_key is None:
            raise ValueError("AGENT_ENGINE=openai needs OPENAI_API_KEY")
        client = openai.AsyncOpenAI(
            api_key=settings.openai_api_key.get_secret_value(),
            base_url=settings.openai_base_url,
            max_retries=1,
        )
        self._model = OpenAIChatCompletionsModel(model=settings.openai_model, openai_client=client)
        self._tools = tools

    def _mcp_server(self, user_id: int) -> MCPServerStreamableHttp:
        return MCPServerStreamableHttp(
            params={
                "url": self._tools.url,
                "headers": self._tools.identity_headers(user_id),
                "timeout": self._tools.timeout_seconds,
                "terminate_on_close": False,
                "httpx_client_factory": self._tools.http_client,
            },
            name="todo-tasks",
            client_session_timeout_seconds=self._tools.timeout_seconds,
            use_structured_content=True,
        )

    async def reply(
        self,
        *,
        user_id: int,
        text: str,
        now: datetime,
        history: Sequence[ChatMessage],
        locale: str | None = None,
    ) -> EngineReply:
        instructions = instructions_for(now)
        messages: list[TResponseInputItem] = [
            {"role": "assistant" if m.role == "assistant" else "user", "content": m.content}
            for m in history
        ]
        messages.append({"role": "user", "content": text})
        try:
            async with self._mcp_server(user_id) as server:
                agent = Agent(
                    name="Todo assistant",
                    instructions=instructions,
                    mcp_servers=[server],
                    model=self._model,
                )
                result = await Runner.run(
                    agent,
                    messages,
                    max_turns=MAX_MODEL_TURNS,
                    run_config=RunConfig(tracing_disabled=True),
                )
        except (ToolServerUnavailable, openai.APIConnectionError, openai.APIStatusError) as exc:
            raise AssistantUnavailable(str(exc)) from exc
        except AgentsException as exc:
            log.warning("agent run failed", extra={"error": repr(exc)})
            raise AssistantUnavailable(str(exc)) from exc
        except Exception as exc:  # the SDK's MCP connect wraps transport failures variously
            if _is_connection_failure(exc):
                raise AssistantUnavailable(str(exc)) from exc
            raise
        return EngineReply(
            text=str(result.final_output or ""), tool_calls=_tool_calls(result.new_items)
        )


def _is_connection_failure(exc: BaseException) -> bool:
    if isinstance(exc, BaseExceptionGroup):
        return all(_is_connection_failure(inner) for inner in exc.exceptions)
    return isinstance(exc, httpx2.HTTPError | OSError | TimeoutError) or (
        exc.__cause__ is not None and _is_connection_failure(exc.__cause__)
    )


def _tool_calls(items: Sequence[Any]) -> list[ToolCallRecord]:
    """Pair each tool call the model made with its output, in order."""
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    records: list[ToolCallRecord] = []
    for item in items:
        if isinstance(item, ToolCallItem) and item.call_id is not None:
            raw = item.raw_item
            arguments = (
                raw.get("arguments") if isinstance(raw, dict) else getattr(raw, "arguments", "")
            )
            calls[item.call_id] = (item.tool_name or "", _json_object(arguments))
        elif isinstance(item, ToolCallOutputItem) and item.call_id in calls:
            tool, args = calls.pop(item.call_id)
            records.append(ToolCallRecord(tool=tool, args=args, result=_output(item.output)))
    return records


def _json_object(text: object) -> dict[str, Any]:
    try:
        value = json.loads(text) if isinstance(text, str) and text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _output(output: object) -> dict[str, Any]:
    """Structured content arrives as JSON; anything else is the tool's error text."""
    if isinstance(output, str):
        parsed = _json_object(output)
        return parsed if parsed else {"error": output}
    if isinstance(output, dict) and "text" in output:
        return {"error": str(output["text"])}
    return {"error": str(output)}
