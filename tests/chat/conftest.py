"""Chat against a real MCP server: uvicorn on 127.0.0.1 serving one database per module,
and the api (in-process, over ASGI) pointed at it through MCP_SERVER_URL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import make_settings, sign_up
from tests.mcp.serving import RunningServer, module_db_url, serve_in_thread
from todo_chatbot.api.app import create_app
from todo_chatbot.mcp.app import create_mcp_app
from todo_chatbot.settings import Settings

__all__ = ["module_db_url"]

Headers = dict[str, str]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def mcp_server(module_db_url: str, data_dir: Path) -> Iterator[RunningServer]:
    with serve_in_thread(create_mcp_app(make_settings(module_db_url, data_dir))) as server:
        yield server


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


@pytest.fixture
def settings(module_db_url: str, data_dir: Path, mcp_server: RunningServer) -> Settings:
    return api_settings(module_db_url, data_dir, mcp_server.mcp_url)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_api(settings) as client:
        yield client


async def new_account(client: httpx.AsyncClient) -> Headers:
    return await sign_up(client, f"{uuid.uuid4().hex[:12]}@example.com")


@pytest.fixture
async def auth(client: httpx.AsyncClient) -> Headers:
    return await new_account(client)
