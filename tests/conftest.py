"""Shared fixtures: fresh migrated databases on SQLite and on a real PostgreSQL server,
the API app over ASGI, and signed-up users. Helpers live in tests/support."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from tests.support.app import make_settings, sign_up
from tests.support.databases import (
    TEMPLATE_DB,
    admin,
    fresh_pg_database,
    fresh_sqlite_database,
)
from tests.support.external import require
from tests.support.postgres import PostgresServer, find_bin_dir, running_server
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations

# A developer's own `todo login` must never send the suite's CLI runs to their server.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="todo-test-config-")


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
    admin(pg_server, f"CREATE DATABASE {TEMPLATE_DB}")
    run_migrations(pg_server.url(TEMPLATE_DB))
    return pg_server


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    run_migrations(f"sqlite+aiosqlite:///{path}")
    return path


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


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database shared by one test module (tests isolate by user)."""
    if request.param == "postgres":
        return fresh_pg_database(request.getfixturevalue("pg_template"))
    template: Path = request.getfixturevalue("sqlite_template")
    return fresh_sqlite_database(template, tmp_path_factory.mktemp("db"))


@pytest.fixture
def pg_url(pg_template: PostgresServer) -> str:
    """A fresh, migrated PostgreSQL database (for tests that need PostgreSQL only)."""
    return fresh_pg_database(pg_template)


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


@pytest.fixture
async def auth(client: httpx.AsyncClient) -> dict[str, str]:
    return await sign_up(client)
