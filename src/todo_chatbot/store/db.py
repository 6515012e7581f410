"""Engine and transactions. Entry points open a transaction; services work inside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from todo_chatbot.observability.tracing import trace_engine


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        options: dict[str, Any] = {}
        if self.is_sqlite:
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            options["connect_args"] = {"timeout": 30}
        else:
            # A network database may drop idle connections (Neon does after a few minutes):
            # check each one out with a ping, and retire connections before they go stale.
            options.update(
                pool_size=pool_size,
                max_overflow=pool_size * 2,
                pool_pre_ping=True,
                pool_recycle=240,
            )
        self.engine = create_async_engine(url, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine.sync_engine)
        trace_engine(self.engine)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(
            self.engine.execution_options(todo_read_only=True), expire_on_commit=False
        )

    @asynccontextmanager
    async def transaction(self, *, read_only: bool = False) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits when the block ends, rolls back if it raises.

        `read_only` lets SQLite readers run beside a writer instead of queueing for the
        write lock; it changes nothing on PostgreSQL."""
        factory = self._read_sessions if read_only else self.sessions
        async with factory() as session, session.begin():
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def _configure_sqlite(sync_engine: Any) -> None:
    """WAL for concurrent readers; BEGIN IMMEDIATE so writers queue instead of failing
    with "database is locked" when a read transaction upgrades to a write."""

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get("todo_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
