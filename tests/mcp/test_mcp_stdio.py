"""`todo mcp --stdio` as a desktop MCP client runs it: a subprocess driven by the official
stdio client, acting as the configured local user."""

from __future__ import annotations

import sys
from pathlib import Path

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.support.mcp_client import data_of, text_of
from todo_chatbot.services import tasks
from todo_chatbot.services.auth import ensure_local_user
from todo_chatbot.store.db import Database

TODO = str(Path(sys.executable).with_name("todo"))
LOCAL_USER = "desk@example.com"


async def test_stdio_server_acts_as_the_local_user(db_url: str, tmp_path: Path) -> None:
    params = StdioServerParameters(
        command=TODO,
        args=["mcp", "--stdio"],
        env={
            "DATABASE_URL": db_url,
            "DATA_DIR": str(tmp_path),
            "TODO_USER": LOCAL_USER,
            "APP_ENV": "development",
        },
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        names = {tool.name for tool in (await session.list_tools()).tools}
        assert names == {
            "add_task",
            "list_tasks",
            "update_task",
            "complete_task",
            "reopen_task",
            "delete_task",
        }
        added = data_of(
            await session.call_tool("add_task", {"title": "Water plants", "due": "2026-12-01"})
        )
        assert added["due"] == "2026-12-01"
        done = data_of(await session.call_tool("complete_task", {"task_id": added["id"]}))
        assert done["completed"] is True
        listed = data_of(await session.call_tool("list_tasks", {"status": "completed"}))
        assert [item["id"] for item in listed["items"]] == [added["id"]]

        bad = await session.call_tool("update_task", {"task_id": added["id"], "priority": "max"})
        assert bad.is_error and "priority" in text_of(bad)
        missing = await session.call_tool("reopen_task", {"task_id": 424242})
        assert missing.is_error and "task 424242 not found" in text_of(missing)
        other = await session.call_tool("list_tasks", {"user_id": "999999"})
        assert other.is_error and "does not match" in text_of(other)

    database = Database(db_url)
    try:
        async with database.transaction() as session_:
            user = await ensure_local_user(session_, email=LOCAL_USER)
            page = await tasks.list_tasks(session_, user_id=user.id, query={})
    finally:
        await database.dispose()
    assert [task.title for task in page.items] == ["Water plants"]
