"""Shared fixtures: fresh migrated databases on SQLite and on a real PostgreSQL server,
the API app over ASGI, and signed-up users."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from tests.support.external import require
from tests.support.postgres import PostgresServer, find_bin_dir, running_server
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import AppEnv, Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations

TEST_SECRET = "test-secret-" + "x" * 40
TEMPLATE_DB = "todo_template"
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    require(bin_dir is not None, "PostgreSQL server binaries (initdb, pg_ctl) not installed")
    assert bin_dir is not None
    with running_server(bin_dir) as server:
        yield server


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> PostgresServer:
    """A database with the real migrations applied, cloned for every test."""
    _admin(pg_server, f"CREATE DATABASE {TEMPLATE_DB}")
    run_migrations(pg_server.url(TEMPLATE_DB))
    return pg_server


def _admin(server: PostgresServer, statement: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(server.sync_url())
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


def fresh_pg_database(server: PostgresServer) -> str:
    """Clone the migrated template: a new database per test, no cleanup between tests."""
    name = f"t_{next(_names)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    return server.url(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    run_migrations(f"sqlite+aiosqlite:///{path}")
    return path


def fresh_sqlite_database(template: Path, directory: Path) -> str:
    target = directory / "todo.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database of the parametrised backend."""
    if backend == "postgres":
        server: PostgresServer = request.getfixturevalue("pg_template")
        return fresh_pg_database(server)
    template: Path = request.getfixturevalue("sqlite_template")
    return fresh_sqlite_database(template, tmp_path)


@pytest.fixture
def pg_url(pg_template: PostgresServer) -> str:
    """A fresh, migrated PostgreSQL database (for tests that need PostgreSQL only)."""
    return fresh_pg_database(pg_template)


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": AppEnv.development,
        "database_url": database_url,
        "data_dir": data_dir,
        "jwt_secret": TEST_SECRET,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path)


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.async_database_url)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def sign_up(client: httpx.AsyncClient, email: str = "ada@example.com") -> dict[str, str]:
    """Register a user and return the Authorization header for them."""
    response = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": "correct horse battery"}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def auth(client: httpx.AsyncClient) -> dict[str, str]:
    return await sign_up(client)
