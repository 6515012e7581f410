"""Fresh migrated databases per test: clones of a migrated template on PostgreSQL, copies of
a migrated file on SQLite. Nothing is cleaned up between tests; every test has its own."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from tests.support.external import require
from tests.support.postgres import PostgresServer, find_bin_dir, running_server
from todo_chatbot.store.migrate import run_migrations

TEMPLATE_DB = "todo_template"
_names = itertools.count()


def admin(server: PostgresServer, statement: str) -> None:
    """Run one statement as the server's superuser."""

    async def run() -> None:
        connection = await asyncpg.connect(server.sync_url())
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


@contextmanager
def server_with_database(options: str, database: str) -> Iterator[PostgresServer]:
    """A throwaway server of its own, started with `options`, holding one migrated database."""
    bin_dir = find_bin_dir()
    require(bin_dir is not None, "PostgreSQL server binaries (initdb, pg_ctl) not installed")
    assert bin_dir is not None
    with running_server(bin_dir, options=options) as server:
        admin(server, f"CREATE DATABASE {database}")
        run_migrations(server.url(database))
        yield server


def fresh_pg_database(server: PostgresServer) -> str:
    """Clone the migrated template into a new database; returns its URL."""
    name = f"t_{next(_names)}"
    admin(server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    return server.url(name)


def fresh_sqlite_database(template: Path, directory: Path) -> str:
    target = directory / "todo.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"
