"""The api pointed at a real MCP server, one replica's lifetime at a time, and accounts."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.support.app import make_settings, sign_up
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import Settings

Headers = dict[str, str]


def api_settings(db_url: str, data_dir: Path, mcp_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"mcp_server_url": mcp_url, "mcp_timeout_seconds": 5}
    return make_settings(db_url, data_dir, **(values | overrides))


@asynccontextmanager
async def running_api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """One api replica's lifetime: leaving the block is a restart's shutdown."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            yield client


async def new_account(client: httpx.AsyncClient) -> Headers:
    return await sign_up(client, f"{uuid.uuid4().hex[:12]}@example.com")
