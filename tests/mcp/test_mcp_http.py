"""The MCP server over real streamable HTTP (uvicorn), driven by the official MCP client."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select

from tests.support.app import TEST_SECRET, make_settings
from tests.support.clock import days_ahead, next_weekday
from tests.support.mcp_client import data_of, headers_for, mcp_session, new_user, text_of
from tests.support.serving import RunningServer, serve_in_thread
from todo_chatbot.mcp.app import create_mcp_app
from todo_chatbot.security import MCP_AUDIENCE, issue_token
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent

TOOLS = {"add_task", "list_tasks", "update_task", "complete_task", "reopen_task", "delete_task"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "raw", "version": "0"},
    },
}
ACCEPT = {"Accept": "application/json, text/event-stream"}


@pytest.fixture(scope="module")
def mcp_settings(module_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir: Path = tmp_path_factory.mktemp("data")
    return make_settings(module_db_url, data_dir, mcp_allowed_hosts="todo-mcp,mcp.example.com:443")


@pytest.fixture(scope="module")
def replicas(mcp_settings: Settings) -> Iterator[tuple[RunningServer, RunningServer]]:
    """Two MCP server processes' worth of app on one database, like two pods."""
    with (
        serve_in_thread(create_mcp_app(mcp_settings)) as first,
        serve_in_thread(create_mcp_app(mcp_settings)) as second,
    ):
        yield first, second


@pytest.fixture
def db_url(mcp_settings: Settings) -> str:
    return mcp_settings.async_database_url


@pytest.fixture
def server(replicas: tuple[RunningServer, RunningServer]) -> RunningServer:
    return replicas[0]


async def test_tools_are_listed_with_schemas_and_annotations(
    server: RunningServer, db_url: str
) -> None:
    user = await new_user(db_url)
    async with mcp_session(server.mcp_url, headers_for(user)) as session:
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
    assert set(tools) == TOOLS
    assert tools["list_tasks"].annotations.read_only_hint is True  # type: ignore[union-attr]
    assert tools["delete_task"].annotations.destructive_hint is True  # type: ignore[union-attr]
    assert tools["complete_task"].annotations.idempotent_hint is True  # type: ignore[union-attr]
    assert tools["add_task"].annotations.idempotent_hint is False  # type: ignore[union-attr]
    for tool in tools.values():
        assert tool.output_schema is not None and tool.description
        assert "user_id" in tool.input_schema["properties"]
    assert tools["add_task"].input_schema["required"] == ["title"]
    assert tools["update_task"].input_schema["required"] == ["task_id"]
    schema = tools["add_task"].input_schema
    priority = json.dumps(schema["properties"]["priority"])
    for name, definition in schema.get("$defs", {}).items():  # enums may sit in $defs
        priority = priority.replace(f'"#/$defs/{name}"', json.dumps(definition))
    assert all(f'"{level}"' in priority for level in ("low", "medium", "high"))


async def test_every_tool_end_to_end(server: RunningServer, db_url: str) -> None:
    user = await new_user(db_url)
    tuesday = next_weekday(days_ahead(7), 1)
    async with mcp_session(server.mcp_url, headers_for(user)) as session:
        added = await session.call_tool(
            "add_task",
            {
                "title": "  Buy   milk ",
                "description": "2 litres",
                "priority": "high",
                "tags": ["Home", "#errands"],
                "due": f"{tuesday}T17:00:00-05:00",
                "remind_at": f"{tuesday}T16:30:00-05:00",
                "recurrence": "FREQ=WEEKLY;BYDAY=TU",
            },
        )
        task = data_of(added)
        assert task["title"] == "Buy milk" and task["priority"] == "high"
        assert task["tags"] == ["home", "errands"]
        assert task["due"] == f"{tuesday}T17:00:00-05:00"
        assert "Added task" in text_of(added) and "Buy milk" in text_of(added)
        task_id = task["id"]

        other = data_of(await session.call_tool("add_task", {"title": "Call mom"}))
        listed = data_of(await session.call_tool("list_tasks", {"tag": "home"}))
        assert [item["id"] for item in listed["items"]] == [task_id] and listed["total"] == 1
        found = data_of(await session.call_tool("list_tasks", {"q": "mom", "status": "pending"}))
        assert [item["id"] for item in found["items"]] == [other["id"]]
        by_due = data_of(
            await session.call_tool(
                "list_tasks", {"due_before": str(tuesday + timedelta(days=6)), "sort": "due"}
            )
        )
        assert [item["id"] for item in by_due["items"]] == [task_id]

        updated = data_of(
            await session.call_tool(
                "update_task",
                {"task_id": task_id, "title": "Buy oat milk", "due": None, "recurrence": None},
            )
        )
        assert updated["title"] == "Buy oat milk" and updated["due"] is None
        assert updated["recurrence"] is None and updated["remind_at"] == task["remind_at"]
        assert updated["priority"] == "high"  # fields left out stay as they were

        done = await session.call_tool("complete_task", {"task_id": task_id})
        assert data_of(done)["completed"] is True and "Completed" in text_of(done)
        again = data_of(await session.call_tool("complete_task", {"task_id": task_id}))
        assert again["completed"] is True  # idempotent
        reopened = data_of(await session.call_tool("reopen_task", {"task_id": task_id}))
        assert reopened["completed"] is False

        deleted = data_of(await session.call_tool("delete_task", {"task_id": other["id"]}))
        assert deleted["deleted"] is True and deleted["id"] == other["id"]
        remaining = data_of(await session.call_tool("list_tasks", {}))
        assert [item["id"] for item in remaining["items"]] == [task_id]

    # Same transaction rules as REST: every change wrote its events to the outbox.
    database = Database(db_url)
    try:
        async with database.transaction() as db:
            events = await db.scalar(
                select(func.count())
                .select_from(OutboxEvent)
                .where(OutboxEvent.partition_key == str(task_id))
            )
    finally:
        await database.dispose()
    assert events == 2 * 4  # created, updated, completed, reopened; on two topics each


@pytest.mark.parametrize(
    ("tool", "args", "message"),
    [
        ("complete_task", {"task_id": "abc"}, "task_id: Input should be a valid integer"),
        ("complete_task", {}, "task_id: is required"),
        ("add_task", {}, "title: is required"),
        ("add_task", {"title": "x", "priority": "urgent"}, "priority: must be one of"),
        ("add_task", {"title": "x", "due": "tomorrow"}, "due: must be YYYY-MM-DD"),
        ("add_task", {"title": "x", "recurrence": "EVERY DAY"}, "recurrence"),
        ("add_task", {"title": "   "}, "title: must not be empty"),
        ("list_tasks", {"limit": 100000}, "limit: Input should be less than or equal to 200"),
        ("update_task", {"task_id": 1, "remind_at": "5pm"}, "remind_at"),
        ("no_such_tool", {}, "Unknown tool"),
    ],
)
async def test_bad_arguments_are_clear_tool_errors(
    server: RunningServer, db_url: str, tool: str, args: dict[str, object], message: str
) -> None:
    user = await new_user(db_url)
    async with mcp_session(server.mcp_url, headers_for(user)) as session:
        result = await session.call_tool(tool, args)
    text = text_of(result)
    assert result.is_error and message in text, text
    assert "Traceback" not in text and "errors.pydantic.dev" not in text


async def test_users_are_isolated_and_unknown_ids_are_not_found(
    server: RunningServer, db_url: str
) -> None:
    ada, bob = await new_user(db_url), await new_user(db_url)
    async with mcp_session(server.mcp_url, headers_for(ada)) as session:
        task_id = data_of(await session.call_tool("add_task", {"title": "Ada's secret"}))["id"]
    async with mcp_session(server.mcp_url, headers_for(bob)) as session:
        assert data_of(await session.call_tool("list_tasks", {}))["items"] == []
        for tool in ("complete_task", "update_task", "reopen_task", "delete_task"):
            result = await session.call_tool(tool, {"task_id": task_id, "title": "mine"})
            assert result.is_error and f"task {task_id} not found" in text_of(result)
        missing = await session.call_tool("delete_task", {"task_id": 987654})
        assert missing.is_error and "task 987654 not found" in text_of(missing)
    async with mcp_session(server.mcp_url, headers_for(ada)) as session:
        [task] = data_of(await session.call_tool("list_tasks", {}))["items"]
        assert task["title"] == "Ada's secret" and task["completed"] is False


async def test_user_id_argument_must_match_the_token(server: RunningServer, db_url: str) -> None:
    ada, bob = await new_user(db_url), await new_user(db_url)
    async with mcp_session(server.mcp_url, headers_for(ada)) as session:
        mine = await session.call_tool("add_task", {"title": "ok", "user_id": str(ada)})
        assert data_of(mine)["title"] == "ok"
        also_mine = await session.call_tool("list_tasks", {"user_id": ada})
        assert data_of(also_mine)["total"] == 1
        theirs = await session.call_tool("add_task", {"title": "sneaky", "user_id": str(bob)})
        assert theirs.is_error and "does not match" in text_of(theirs)
    async with mcp_session(server.mcp_url, headers_for(bob)) as session:
        assert data_of(await session.call_tool("list_tasks", {}))["total"] == 0


def _tokens(user: int) -> dict[str, dict[str, str]]:
    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    return {
        "missing": {},
        "garbage": bearer("not-a-token"),
        "forged": headers_for(user, secret="another-secret-" + "y" * 40),
        "expired": bearer(
            issue_token(
                subject=user, secret=TEST_SECRET, ttl=timedelta(seconds=-5), audience=MCP_AUDIENCE
            )
        ),
        "login token": bearer(issue_token(subject=user, secret=TEST_SECRET, ttl=timedelta(1))),
    }


async def test_missing_or_forged_identity_is_refused(server: RunningServer, db_url: str) -> None:
    user = await new_user(db_url)
    async with httpx2.AsyncClient() as http:
        for name, headers in _tokens(user).items():
            response = await http.post(server.mcp_url, json=INITIALIZE, headers=ACCEPT | headers)
            assert response.status_code == 401, name
            assert "tasks" not in response.text
        good = await http.post(server.mcp_url, json=INITIALIZE, headers=ACCEPT | headers_for(user))
        assert good.status_code == 200
    with pytest.raises(Exception):  # noqa: B017 - the client surfaces the 401 as an error group
        async with mcp_session(server.mcp_url, _tokens(user)["forged"]):
            pass


class RoundRobin(httpx2.AsyncBaseTransport):
    """A load balancer in front of the replicas: each request goes to the next one."""

    def __init__(self, ports: list[int]) -> None:
        self._ports = itertools.cycle(ports)
        self._inner = httpx2.AsyncHTTPTransport()
        self.used: list[int] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        port = next(self._ports)
        self.used.append(port)
        request.url = request.url.copy_with(port=port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def test_any_replica_serves_any_call(
    replicas: tuple[RunningServer, RunningServer], db_url: str
) -> None:
    first, second = replicas
    user = await new_user(db_url)
    balancer = RoundRobin([first.port, second.port])
    async with mcp_session(first.mcp_url, headers_for(user), transport=balancer) as session:
        ids = [
            data_of(await session.call_tool("add_task", {"title": f"task {n}"}))["id"]
            for n in range(3)
        ]
        listed = data_of(await session.call_tool("list_tasks", {}))
        done = data_of(await session.call_tool("complete_task", {"task_id": ids[1]}))
    assert [item["id"] for item in listed["items"]] == ids and done["completed"] is True
    assert {first.port, second.port} <= set(balancer.used)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("evil.example.com", False),
        ("evil.example.com:8001", False),
        ("todo-mcp", True),
        ("todo-mcp:8001", True),
        ("mcp.example.com:443", True),
        ("localhost:8001", True),
    ],
)
async def test_host_header_is_checked_against_allowed_hosts(
    server: RunningServer, db_url: str, host: str, allowed: bool
) -> None:
    user = await new_user(db_url)
    headers = ACCEPT | headers_for(user) | {"Host": host}
    async with httpx2.AsyncClient() as http:
        response = await http.post(server.mcp_url, json=INITIALIZE, headers=headers)
    assert (response.status_code == 200) is allowed, response.text
    if not allowed:
        assert response.status_code == 421


async def test_health_readiness_and_metrics(server: RunningServer, db_url: str) -> None:
    user = await new_user(db_url)
    async with mcp_session(server.mcp_url, headers_for(user)) as session:
        await session.call_tool("add_task", {"title": "counted"})
        await session.call_tool("no_such_tool", {})
    async with httpx2.AsyncClient(base_url=server.base_url) as http:
        assert (await http.get("/health")).json() == {"status": "ok"}
        ready = await http.get("/ready")
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok"}
        metrics = await http.get("/metrics")
    assert metrics.status_code == 200 and "http_requests_total" in metrics.text
    assert 'mcp_tool_calls_total{outcome="ok",tool="add_task"}' in metrics.text
    assert 'mcp_tool_calls_total{outcome="error",tool="unknown"}' in metrics.text
    assert "mcp_tool_call_duration_seconds_bucket" in metrics.text
