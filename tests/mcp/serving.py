"""Real servers for MCP and chat tests: uvicorn on 127.0.0.1 in a thread, a migrated
database per module, users, and the official MCP client over streamable HTTP."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, TextContent
from starlette.types import ASGIApp

from tests.conftest import TEST_SECRET, fresh_pg_database, fresh_sqlite_database
from tests.support.postgres import free_port
from todo_chatbot.mcp.identity import identity_headers
from todo_chatbot.services.auth import ensure_local_user
from todo_chatbot.store.db import Database

_emails = itertools.count()


@dataclass
class RunningServer:
    server: uvicorn.Server
    thread: threading.Thread
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mcp_url(self) -> str:
        return f"{self.base_url}/mcp"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@contextmanager
def serve_in_thread(app: ASGIApp, port: int | None = None) -> Iterator[RunningServer]:
    """Serve `app` with uvicorn (lifespan included) until the block ends."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.01)
    running = RunningServer(server=server, thread=thread, port=port)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database shared by one test module (tests isolate by user)."""
    if request.param == "postgres":
        return fresh_pg_database(request.getfixturevalue("pg_template"))
    template: Path = request.getfixturevalue("sqlite_template")
    return fresh_sqlite_database(template, tmp_path_factory.mktemp("db"))


async def new_user(db_url: str) -> int:
    database = Database(db_url)
    try:
        async with database.transaction() as session:
            user = await ensure_local_user(session, email=f"user{next(_emails)}@example.com")
        return user.id
    finally:
        await database.dispose()


def headers_for(user_id: int, secret: str = TEST_SECRET) -> dict[str, str]:
    return identity_headers(user_id=user_id, secret=secret, ttl_seconds=60)


@asynccontextmanager
async def mcp_session(
    url: str,
    headers: dict[str, str] | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> AsyncIterator[ClientSession]:
    """The official client: streamable HTTP transport plus an initialised ClientSession."""
    async with (
        httpx2.AsyncClient(headers=headers, transport=transport) as http,
        streamable_http_client(url, http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


def data_of(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, text_of(result)
    assert isinstance(result.structured_content, dict)
    return result.structured_content
