"""POST /api/v1/chat and the conversation history, with the rules engine acting through a
real MCP server over streamable HTTP."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.chat.helpers import Headers, api_settings, new_account, running_api
from tests.support.app import make_settings
from tests.support.clock import midday_offset
from tests.support.serving import RunningServer, serve_in_thread
from todo_chatbot.mcp.app import create_mcp_app
from todo_chatbot.settings import Settings


async def say(
    client: httpx.AsyncClient, auth: Headers, message: str, **extra: Any
) -> dict[str, Any]:
    response = await client.post("/api/v1/chat", json={"message": message, **extra}, headers=auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"conversation_id", "response", "tool_calls"}
    return body


async def tasks_of(client: httpx.AsyncClient, auth: Headers) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/tasks", params={"sort": "created"}, headers=auth)
    assert response.status_code == 200
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_turns_act_through_mcp_and_the_conversation_is_stored(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    offset, zone = midday_offset()
    first = await say(client, auth, "remind me to buy milk tomorrow at 5pm #home", timezone=offset)
    [call] = first["tool_calls"]
    assert call["tool"] == "add_task" and call["args"]["title"].lower() == "buy milk"
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    expected_due = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 17, tzinfo=zone)
    assert datetime.fromisoformat(call["result"]["due"]) == expected_due
    assert call["result"]["tags"] == ["home"] and call["result"]["id"] > 0
    assert "buy milk" in first["response"].lower()
    conversation = first["conversation_id"]

    second = await say(client, auth, "add call mom on friday", conversation_id=conversation)
    assert second["conversation_id"] == conversation
    assert date.fromisoformat(second["tool_calls"][0]["result"]["due"]).weekday() == 4

    done = await say(client, auth, "mark the milk task done", conversation_id=conversation)
    [complete] = done["tool_calls"]
    assert complete["tool"] == "complete_task"
    assert complete["args"]["task_id"] == call["result"]["id"]
    assert complete["result"]["completed"] is True

    listing = await say(client, auth, "what's still pending?", conversation_id=conversation)
    assert listing["tool_calls"][0]["tool"] == "list_tasks"
    assert "call mom" in listing["response"].lower()
    assert "buy milk" not in listing["response"].lower()

    stored = await tasks_of(client, auth)
    assert [(task["title"].lower(), task["completed"]) for task in stored] == [
        ("buy milk", True),
        ("call mom", False),
    ]

    conversations = (await client.get("/api/v1/conversations", headers=auth)).json()["items"]
    assert [c["id"] for c in conversations] == [conversation]
    assert conversations[0]["title"].startswith("remind me to buy milk")
    assert set(conversations[0]) == {"id", "title", "created_at", "updated_at"}
    messages = (
        await client.get(f"/api/v1/conversations/{conversation}/messages", headers=auth)
    ).json()["items"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 4
    assert messages[0]["content"].startswith("remind me") and messages[0]["tool_calls"] == []
    assert messages[1]["tool_calls"] == first["tool_calls"]
    assert set(messages[0]) == {"id", "role", "content", "tool_calls", "created_at"}


async def test_clarify_and_small_talk_call_no_tools(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    for title in ("Write report", "Review report draft"):
        await client.post("/api/v1/tasks", json={"title": title}, headers=auth)
    before = await tasks_of(client, auth)

    ambiguous = await say(client, auth, "complete the report task")
    assert ambiguous["tool_calls"] == []
    assert "?" in ambiguous["response"] and "report" in ambiguous["response"].lower()
    hello = await say(client, auth, "hello!")
    assert hello["tool_calls"] == [] and hello["response"]
    assert await tasks_of(client, auth) == before


async def test_new_conversations_list_newest_first(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    older = (await say(client, auth, "hello"))["conversation_id"]
    newer = (await say(client, auth, "add water plants"))["conversation_id"]
    assert newer != older
    await say(client, auth, "thanks", conversation_id=older)  # the older one is now newest
    items = (await client.get("/api/v1/conversations", headers=auth)).json()["items"]
    assert [c["id"] for c in items] == [older, newer]


async def test_conversation_continues_after_an_api_restart(settings: Settings) -> None:
    async with running_api(settings) as client:
        auth = await new_account(client)
        first = await say(client, auth, "add renew passport")
    async with running_api(settings) as restarted:
        second = await say(
            restarted, auth, "mark the passport task done", conversation_id=first["conversation_id"]
        )
        assert second["tool_calls"][0]["tool"] == "complete_task"
        messages = (
            await restarted.get(
                f"/api/v1/conversations/{first['conversation_id']}/messages", headers=auth
            )
        ).json()["items"]
    assert len(messages) == 4 and messages[2]["content"] == "mark the passport task done"


async def test_another_users_conversation_is_not_found(client: httpx.AsyncClient) -> None:
    ada, bob = await new_account(client), await new_account(client)
    conversation = (await say(client, ada, "add ada's task"))["conversation_id"]
    continued = await client.post(
        "/api/v1/chat", json={"message": "hi", "conversation_id": conversation}, headers=bob
    )
    assert continued.status_code == 404 and continued.json()["error"]["code"] == "not_found"
    listed = await client.get(f"/api/v1/conversations/{conversation}/messages", headers=bob)
    assert listed.status_code == 404
    assert (await client.get("/api/v1/conversations", headers=bob)).json()["items"] == []
    assert await tasks_of(client, bob) == []


async def test_compat_route_answers_for_the_callers_own_id_only(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    me = (await client.get("/api/v1/auth/me", headers=auth)).json()["id"]
    own = await client.post(f"/api/{me}/chat", json={"message": "add feed cat"}, headers=auth)
    assert own.status_code == 200
    assert own.json()["tool_calls"][0]["result"]["title"].lower() == "feed cat"
    other = await client.post(f"/api/{me + 1}/chat", json={"message": "add x"}, headers=auth)
    assert other.status_code == 403 and other.json()["error"]["code"] == "forbidden"
    assert len(await tasks_of(client, auth)) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "   \n "}, "message"),
        ({"message": "x" * 4001}, "message"),
        ({"message": 42}, "message"),
        ({}, "message"),
        ({"message": "hi", "timezone": "Mars/Olympus"}, "timezone"),
        ({"message": "hi", "timezone": "+25:00"}, "timezone"),
        ({"message": "hi", "locale": "no such locale"}, "locale"),
        ({"message": "hi", "conversation_id": "one"}, "conversation_id"),
        ({"message": "hi", "extra": True}, "extra"),
    ],
)
async def test_bad_requests_get_422_naming_the_field(
    client: httpx.AsyncClient, auth: Headers, body: dict[str, Any], field: str
) -> None:
    response = await client.post("/api/v1/chat", json=body, headers=auth)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in {detail["field"] for detail in error["details"]}


async def test_chat_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/chat", json={"message": "add x"})
    assert response.status_code == 401
    assert (await client.get("/api/v1/conversations")).status_code == 401


async def test_timezone_offsets_are_accepted(client: httpx.AsyncClient, auth: Headers) -> None:
    body = await say(client, auth, "add stretch tomorrow at 7am", timezone="+05:30")
    due = datetime.fromisoformat(body["tool_calls"][0]["result"]["due"])
    assert due.utcoffset() == timedelta(hours=5, minutes=30) and due.hour == 7


@pytest.fixture
def own_mcp_server(module_db_url: str, data_dir: Path) -> Iterator[RunningServer]:
    """An MCP server this test may stop."""
    with serve_in_thread(create_mcp_app(make_settings(module_db_url, data_dir))) as server:
        yield server


async def test_mcp_server_down_answers_503_and_changes_nothing(
    module_db_url: str, data_dir: Path, own_mcp_server: RunningServer
) -> None:
    settings = api_settings(module_db_url, data_dir, own_mcp_server.mcp_url)
    async with running_api(settings) as client:
        auth = await new_account(client)
        conversation = (await say(client, auth, "add first task"))["conversation_id"]
        assert (await client.get("/ready")).json()["checks"]["mcp"] == "ok"
        own_mcp_server.stop()

        response = await client.post(
            "/api/v1/chat",
            json={"message": "add second task", "conversation_id": conversation},
            headers=auth,
        )
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "assistant_unavailable"
        assert "unavailable" in error["message"] and "Traceback" not in response.text

        assert [task["title"] for task in await tasks_of(client, auth)] == ["first task"]
        messages = await client.get(f"/api/v1/conversations/{conversation}/messages", headers=auth)
        assert len(messages.json()["items"]) == 2  # the failed turn left no trace
        ready = await client.get("/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["mcp"] == "failing"


async def test_a_hanging_mcp_server_times_out_with_503(module_db_url: str, data_dir: Path) -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/mcp"
        settings = api_settings(module_db_url, data_dir, url, mcp_timeout_seconds=0.5)
        async with running_api(settings) as client:
            auth = await new_account(client)
            started = datetime.now()
            response = await client.post("/api/v1/chat", json={"message": "add x"}, headers=auth)
            elapsed = datetime.now() - started
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "assistant_unavailable"
            assert elapsed < timedelta(seconds=3)
            assert await tasks_of(client, auth) == []
