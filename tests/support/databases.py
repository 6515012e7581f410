"""Fresh migrated databases per test: clones of a migrated template on PostgreSQL, copies of
a migrated file on SQLite. Nothing is cleaned up between tests; every test has its own."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from pathlib import Path

import asyncpg

from tests.support.postgres import PostgresServer

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


def fresh_pg_database(server: PostgresServer) -> str:
    """Clone the migrated template into a new database; returns its URL."""
    name = f"t_{next(_names)}"
    admin(server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    return server.url(name)


def fresh_sqlite_database(template: Path, directory: Path) -> str:
    target = directory / "todo.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"
