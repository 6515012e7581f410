"""The api's MCP client: one short session per turn, and clear failures when the server is
away, including coming back after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app import TEST_SECRET, make_settings
from tests.support.mcp_client import new_user
from tests.support.processes import free_port
from tests.support.serving import serve_in_thread
from todo_chatbot.agent.tool_client import McpToolClient, ToolServerUnavailable
from todo_chatbot.mcp.app import create_mcp_app


def client_for(url: str, secret: str = TEST_SECRET) -> McpToolClient:
    return McpToolClient(url, secret=secret, token_ttl_seconds=60, timeout_seconds=5)


async def test_sessions_survive_a_server_restart(module_db_url: str, tmp_path: Path) -> None:
    settings = make_settings(module_db_url, tmp_path)
    user = await new_user(module_db_url)
    port = free_port()
    tools = client_for(f"http://127.0.0.1:{port}/mcp")

    with serve_in_thread(create_mcp_app(settings), port=port):
        for title in ("first", "second"):  # the second session reuses the handshake
            async with tools.session(user) as session:
                outcome = await session.call("add_task", {"title": title})
                assert outcome.ok and outcome.data["title"] == title
        async with tools.session(user) as session:
            failed = await session.call("complete_task", {"task_id": 10**9})
        assert not failed.ok and failed.text == f"task {10**9} not found"
        assert failed.as_record() == {"error": failed.text}

    with pytest.raises(ToolServerUnavailable):
        async with tools.session(user) as session:
            await session.call("list_tasks", {})

    with serve_in_thread(create_mcp_app(settings), port=port):
        async with tools.session(user) as session:
            listed = await session.call("list_tasks", {})
        await tools.ping()
    assert [item["title"] for item in listed.data["items"]] == ["first", "second"]


async def test_a_server_with_another_secret_is_unavailable(
    module_db_url: str, tmp_path: Path
) -> None:
    user = await new_user(module_db_url)
    with serve_in_thread(create_mcp_app(make_settings(module_db_url, tmp_path))) as server:
        tools = client_for(server.mcp_url, secret="not-the-servers-secret-" + "z" * 30)
        with pytest.raises(ToolServerUnavailable):
            async with tools.session(user):
                pass
        with pytest.raises(ToolServerUnavailable):
            await tools.ping()


async def test_errors_inside_a_session_are_not_mistaken_for_outages(
    module_db_url: str, tmp_path: Path
) -> None:
    user = await new_user(module_db_url)
    with serve_in_thread(create_mcp_app(make_settings(module_db_url, tmp_path))) as server:
        tools = client_for(server.mcp_url)
        with pytest.raises(KeyError):
            async with tools.session(user):
                raise KeyError("a bug in the caller")
