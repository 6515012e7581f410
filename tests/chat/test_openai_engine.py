"""AGENT_ENGINE=openai: the OpenAI Agents SDK drives the real MCP server; only the model is a
stub, an OpenAI-compatible HTTP server answering in the Chat Completions wire format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chat.helpers import api_settings, new_account, running_api
from tests.support.openai_stub import CHAT_TOOLS, ScriptedModel, scripted_model, tool_call
from tests.support.processes import free_port
from tests.support.serving import RunningServer

MODEL = "stub-model"


def add_then_confirm(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """First asks for add_task, then answers with the id the tool returned."""
    last = messages[-1]
    if last["role"] == "tool":
        task = json.loads(last["content"])
        return {"content": f"Added '{task['title']}' as task {task['id']}, due {task['due']}."}
    arguments = {"title": "Buy milk", "due": "2026-11-24", "tags": ["home"]}
    return {"tool_calls": [tool_call("call_1", "add_task", arguments)]}


@pytest.fixture
def model() -> Iterator[tuple[ScriptedModel, RunningServer]]:
    with scripted_model(add_then_confirm) as running:
        yield running


async def test_the_agents_sdk_calls_mcp_tools_and_returns_the_reply(
    module_db_url: str,
    data_dir: Path,
    mcp_server: RunningServer,
    model: tuple[ScriptedModel, RunningServer],
) -> None:
    scripted, model_server = model
    settings = api_settings(
        module_db_url,
        data_dir,
        mcp_server.mcp_url,
        agent_engine="openai",
        openai_api_key="sk-test-not-a-real-key",
        openai_base_url=f"{model_server.base_url}/v1",
        openai_model=MODEL,
    )
    async with running_api(settings) as client:
        auth = await new_account(client)
        response = await client.post(
            "/api/v1/chat",
            json={"message": "please add buy milk for tomorrow", "timezone": "-05:00"},
            headers=auth,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        tasks = (await client.get("/api/v1/tasks", headers=auth)).json()["items"]

    [task] = tasks
    assert task["title"] == "Buy milk" and task["due"] == "2026-11-24" and task["tags"] == ["home"]
    [call] = body["tool_calls"]
    assert call["tool"] == "add_task" and call["args"]["title"] == "Buy milk"
    assert call["result"]["id"] == task["id"]
    assert body["response"] == f"Added 'Buy milk' as task {task['id']}, due 2026-11-24."

    first, second = scripted.requests
    assert first["model"] == MODEL
    offered = {tool["function"]["name"] for tool in first["tools"]}
    assert offered == CHAT_TOOLS
    system = first["messages"][0]
    assert system["role"] == "system" and "-05:00" in system["content"]
    assert first["messages"][-1] == {"role": "user", "content": "please add buy milk for tomorrow"}
    assert second["messages"][-1]["role"] == "tool"


async def test_history_is_sent_to_the_model_on_later_turns(
    module_db_url: str,
    data_dir: Path,
    mcp_server: RunningServer,
    model: tuple[ScriptedModel, RunningServer],
) -> None:
    scripted, model_server = model
    settings = api_settings(
        module_db_url,
        data_dir,
        mcp_server.mcp_url,
        agent_engine="openai",
        openai_api_key="sk-test-not-a-real-key",
        openai_base_url=f"{model_server.base_url}/v1",
    )
    async with running_api(settings) as client:
        auth = await new_account(client)
        first = (
            await client.post("/api/v1/chat", json={"message": "add milk"}, headers=auth)
        ).json()
        await client.post(
            "/api/v1/chat",
            json={"message": "and again", "conversation_id": first["conversation_id"]},
            headers=auth,
        )
    third_request = scripted.requests[2]  # the second turn's first model call
    contents = [m.get("content") for m in third_request["messages"]]
    assert "add milk" in contents and first["response"] in contents
    assert contents[-1] == "and again"


async def test_an_unreachable_model_answers_503(
    module_db_url: str, data_dir: Path, mcp_server: RunningServer
) -> None:
    settings = api_settings(
        module_db_url,
        data_dir,
        mcp_server.mcp_url,
        agent_engine="openai",
        openai_api_key="sk-test-not-a-real-key",
        openai_base_url=f"http://127.0.0.1:{free_port()}/v1",
    )
    async with running_api(settings) as client:
        auth = await new_account(client)
        response = await client.post("/api/v1/chat", json={"message": "add x"}, headers=auth)
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "assistant_unavailable"
        assert (await client.get("/api/v1/conversations", headers=auth)).json()["items"] == []


def test_openai_engine_without_a_key_is_refused_at_startup(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        api_settings("sqlite:///x.db", tmp_path, "http://mcp/mcp", agent_engine="openai")
