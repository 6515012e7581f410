"""The official MCP client over streamable HTTP, and users it can act as."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, TextContent

from tests.support.app import TEST_SECRET
from todo_chatbot.security import identity_headers
from todo_chatbot.services.auth import ensure_local_user
from todo_chatbot.store.db import Database

_emails = itertools.count()


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
