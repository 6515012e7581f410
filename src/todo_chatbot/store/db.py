"""Engine and transactions. Entry points open a transaction; services work inside it.

On PostgreSQL with DATABASE_URL mounted as a secret file, every new connection reads the
user and password from that file as it is now, so rotated credentials are used without a
restart; pooled connections are retired within `pool_recycle` (4 minutes).

Pool sizing per process: `pool_size` connections kept, `max_overflow` more in a burst
(DB_POOL_SIZE, DB_MAX_OVERFLOW); the chart's README shows how replicas x workers x pool
must fit the database's connection limit."""

from __future__ import annotations

import asyncio
import errno
import os
import socket
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from todo_chatbot.domain.errors import Unavailable
from todo_chatbot.mounted_files import FileVersion, file_version
from todo_chatbot.observability.tracing import trace_engine
from todo_chatbot.settings import Settings, normalise_database_url, secret_file

# SQLSTATE classes and codes that mean "the server is not there right now", not "this
# request is wrong": connection exceptions (08), operator intervention such as a shutdown
# or a server still starting (57P01-57P03), insufficient resources (53).
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53")
_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
}
# How long a new connection may take before the request is answered 503 instead of hanging.
CONNECT_TIMEOUT_SECONDS = 5
# As long as the pool itself waits for a free connection (SQLAlchemy's pool_timeout).
POOL_TIMEOUT_SECONDS = 30


def is_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be reached (down, restarting, the
    connection cut), as opposed to a bad statement or a constraint."""
    if isinstance(error, Unavailable) or _is_network_error(error):
        return True
    if isinstance(error, exc.DBAPIError):
        if error.connection_invalidated:
            return True
        original = error.orig
        sqlstate = str(getattr(original, "sqlstate", None) or getattr(original, "pgcode", ""))
        if sqlstate.startswith(_UNAVAILABLE_SQLSTATES):
            return True
        return any(
            _is_network_error(inner)
            for inner in (original, getattr(original, "__cause__", None))
            if inner is not None
        )
    return False


def _is_network_error(error: BaseException) -> bool:
    if isinstance(error, ConnectionError | TimeoutError | socket.gaierror):
        return True
    return isinstance(error, OSError) and error.errno in _NETWORK_ERRNOS


class RotatingCredentials:
    """The user and password in a mounted DATABASE_URL file, read again whenever the file
    changes (Kubernetes swaps a secret volume's files when the Secret is updated)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: FileVersion | None = None
        self._url: URL | None = None

    def current(self) -> URL | None:
        seen = file_version(self.path)
        if seen is None:
            return self._url  # mid-swap or gone: keep the last credentials
        if seen != self._seen:
            text_value = self.path.read_text().strip()
            if text_value:
                self._url = make_url(normalise_database_url(text_value))
                self._seen = seen
        return self._url

    @classmethod
    def for_url(cls, url: str) -> RotatingCredentials | None:
        """Credentials to follow for `url`, when it is the one mounted as a secret file."""
        path = secret_file("database_url")
        if path is None:
            return None
        credentials = cls(path)
        mounted = credentials.current()
        wanted = make_url(url)
        if mounted is None or _server(mounted) != _server(wanted):
            return None  # the file names another database: not this engine's source
        return credentials


def create_private_sqlite_file(url: str) -> None:
    """Create a SQLite database file readable by its owner only (0600, in a 0700 folder
    when it makes the folder): the tasks are as private as the signing key beside them.
    SQLite gives its -wal and -shm files the database file's mode."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _server(url: URL) -> tuple[object, ...]:
    return (url.drivername, url.host, url.port, url.database)


class Database:
    def __init__(self, url: str, *, pool_size: int = 6, max_overflow: int = 0) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        options: dict[str, Any] = {}
        if self.is_sqlite:
            create_private_sqlite_file(url)
            options["connect_args"] = {"timeout": 30}
        else:
            # A network database may drop idle connections (Neon does after 5 minutes):
            # connections are retired after 4 minutes, and one the server closed is
            # swapped at checkout (`_skip_closed`), instead of a ping at each checkout
            # (3 round trips on every request).
            options.update(
                connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
                pool_size=pool_size,
                max_overflow=max_overflow,
                pool_pre_ping=False,
                pool_recycle=240,
            )
        self.engine = create_async_engine(url, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine.sync_engine)
        else:
            _skip_closed(self.engine.sync_engine)
            credentials = RotatingCredentials.for_url(url)
            if credentials is not None:
                _follow_credentials(self.engine.sync_engine, credentials)
        trace_engine(self.engine)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Readers: on SQLite a plain BEGIN (a WAL snapshot beside the writer); on
        # PostgreSQL autocommit, so a read is its statements alone, without BEGIN and
        # COMMIT round trips (a read that needs one snapshot is one statement).
        reader = (
            self.engine.execution_options(todo_read_only=True)
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._read_sessions = async_sessionmaker(reader, expire_on_commit=False)
        # Transactions queue here, first come first served, for a connection: on SQLite the
        # writers for its one write lock (instead of its busy handler, which sleeps up to
        # 100 ms a try), on PostgreSQL all of them for the pool. The pool's own queue lets
        # a newcomer take a freed connection before the waiter it was meant for, which
        # sends that waiter to the back: hundreds of ms of tail under load.
        self._gate_size = 1 if self.is_sqlite else pool_size + max_overflow
        self._gates: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    @classmethod
    def for_settings(cls, settings: Settings) -> Database:
        return cls(
            settings.async_database_url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
        )

    @asynccontextmanager
    async def transaction(self, *, read_only: bool = False) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits when the block ends, rolls back if it raises.

        `read_only` promises the block only reads: it runs without a transaction on
        PostgreSQL and beside the writer on SQLite."""
        factory = self._read_sessions if read_only else self.sessions
        try:
            async with AsyncExitStack() as stack:
                if not (self.is_sqlite and read_only):
                    await stack.enter_async_context(self._turn())
                session = await stack.enter_async_context(factory())
                await stack.enter_async_context(session.begin())
                yield session
        except Exception as error:
            if not self.is_sqlite and is_unavailable(error) and not isinstance(error, Unavailable):
                raise Unavailable("the database is unavailable; retry shortly") from error
            raise

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        gate = self._gate()
        if self.is_sqlite or not gate.locked():
            await gate.acquire()  # free now: no timer to arm (one per request otherwise)
        else:
            try:
                async with asyncio.timeout(POOL_TIMEOUT_SECONDS):
                    await gate.acquire()
            except TimeoutError:
                raise Unavailable("no database connection came free; retry shortly") from None
        try:
            yield
        finally:
            gate.release()

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            for gone in [known for known in self._gates if known.is_closed()]:
                del self._gates[gone]
            gate = self._gates[loop] = asyncio.Semaphore(self._gate_size)
        return gate

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


async def core_connection(session: AsyncSession) -> AsyncConnection:
    """The session's connection, for a Core statement whose rows need no ORM identity map
    (cheaper per call); flushed first, as Session.execute would (nothing, when clean)."""
    await session.flush()
    return await session.connection()


def _skip_closed(sync_engine: Any) -> None:
    """A pooled connection the server has closed (a restart, pg_terminate_backend, a
    rotated password) is known to asyncpg without a round trip: its socket saw the end.
    The pool then discards it and checks out another, so no request fails on it."""

    @event.listens_for(sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise exc.DisconnectionError("the server closed this pooled connection")


def _follow_credentials(sync_engine: Any, credentials: RotatingCredentials) -> None:
    @event.listens_for(sync_engine, "do_connect")
    def _connect_with_current(_dialect: Any, _record: Any, _args: Any, params: Any) -> None:
        url = credentials.current()
        if url is not None:
            params["user"] = url.username
            params["password"] = url.password


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
