"""The one stand-in for a hosted model: an OpenAI-compatible server answering
`POST /v1/chat/completions` in the documented Chat Completions wire format, each answer
decided by a test's script. It records every request it got."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.serving import RunningServer, serve_in_thread

# The tools a chat engine offers the model (the assistant's MCP tools).
CHAT_TOOLS = frozenset(
    {"add_task", "list_tasks", "update_task", "complete_task", "reopen_task", "delete_task"}
)
# The conversation so far -> the assistant's message: {"content": …} and/or {"tool_calls": …}.
Script = Callable[[list[dict[str, Any]]], dict[str, Any]]


def tool_call(call_id: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


class ScriptedModel:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []

    async def completions(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.requests.append(body)
        message = {"role": "assistant", "content": None, **self.script(body["messages"])}
        return JSONResponse(
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 1_764_000_000,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "finish_reason": "tool_calls" if message.get("tool_calls") else "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
            }
        )


@contextlib.contextmanager
def scripted_model(script: Script) -> Iterator[tuple[ScriptedModel, RunningServer]]:
    """The stub served on a free loopback port until the block ends."""
    model = ScriptedModel(script)
    app = Starlette(routes=[Route("/v1/chat/completions", model.completions, methods=["POST"])])
    with serve_in_thread(app) as server:
        yield model, server
