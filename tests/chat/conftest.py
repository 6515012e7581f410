"""Chat against a real MCP server: uvicorn on 127.0.0.1 serving one database per module,
and the api (in-process, over ASGI) pointed at it through MCP_SERVER_URL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from tests.chat.helpers import Headers, api_settings, new_account, running_api
from tests.support.app import make_settings
from tests.support.serving import RunningServer, serve_in_thread
from todo_chatbot.mcp.app import create_mcp_app
from todo_chatbot.settings import Settings


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def mcp_server(module_db_url: str, data_dir: Path) -> Iterator[RunningServer]:
    with serve_in_thread(create_mcp_app(make_settings(module_db_url, data_dir))) as server:
        yield server


@pytest.fixture
def settings(module_db_url: str, data_dir: Path, mcp_server: RunningServer) -> Settings:
    return api_settings(module_db_url, data_dir, mcp_server.mcp_url)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_api(settings) as client:
        yield client


@pytest.fixture
async def auth(client: httpx.AsyncClient) -> Headers:
    return await new_account(client)
