"""The connection pool without a ping per checkout: a connection the server closed is
replaced, not handed to a request; reads send no BEGIN/COMMIT."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from sqlalchemy import text

from tests.support.databases import fresh_pg_database
from tests.support.postgres import PostgresServer
from todo_chatbot.domain.errors import Unavailable
from todo_chatbot.settings import Settings
from todo_chatbot.store import db
from todo_chatbot.store.db import Database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(pg_template: PostgresServer) -> str:
    return fresh_pg_database(pg_template)


async def _backend_pid(database: Database, *, read_only: bool = False) -> int:
    async with database.transaction(read_only=read_only) as session:
        return int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_connection_the_server_closed_is_replaced_at_checkout(
    pg_template: PostgresServer, pg_url: str
) -> None:
    database = Database(pg_url)
    try:
        first = await _backend_pid(database)
        admin = await asyncpg.connect(pg_template.sync_url())
        try:
            await admin.execute("SELECT pg_terminate_backend($1)", first)
            gone = "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $1"
            for _ in range(100):  # the backend exits a moment after the signal
                if await admin.fetchval(gone, first):
                    break
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.05)  # and this loop reads the closed socket
        finally:
            await admin.close()
        for _ in range(3):  # the pooled connection is gone; every request still succeeds
            assert await _backend_pid(database) != first
    finally:
        await database.dispose()


async def _transaction_ids(database: Database, *, read_only: bool) -> set[int]:
    async with database.transaction(read_only=read_only) as session:
        query = text("SELECT txid_current()")
        return {int((await session.execute(query)).scalar_one()) for _ in range(2)}


async def test_reads_run_outside_a_transaction(pg_url: str) -> None:
    """Each statement of a read is its own transaction: no BEGIN/COMMIT round trips."""
    database = Database(pg_url)
    try:
        assert len(await _transaction_ids(database, read_only=True)) == 2
        assert len(await _transaction_ids(database, read_only=False)) == 1
    finally:
        await database.dispose()


async def test_transactions_get_a_connection_in_the_order_they_asked(pg_url: str) -> None:
    """One connection, two waiting, and a newcomer arriving as it frees: the newcomer goes
    last, rather than taking the freed connection from the first waiter."""
    database = Database(pg_url, pool_size=1, max_overflow=0)
    order: list[str] = []
    release = asyncio.Event()

    async def use(name: str, *, hold: bool = False) -> None:
        async with database.transaction() as session:
            order.append(name)
            await session.execute(text("SELECT 1"))
            if hold:
                await release.wait()

    try:
        holder = asyncio.create_task(use("holder", hold=True))
        while not order:
            await asyncio.sleep(0.01)
        waiters = [asyncio.create_task(use(name)) for name in ("first", "second")]
        await asyncio.sleep(0.1)  # both are queued
        release.set()
        await holder
        newcomer = asyncio.create_task(use("newcomer"))
        await asyncio.gather(*waiters, newcomer)
        assert order == ["holder", "first", "second", "newcomer"]
    finally:
        await database.dispose()


async def test_no_free_connection_in_time_is_unavailable(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "POOL_TIMEOUT_SECONDS", 0.2)
    database = Database(pg_url, pool_size=1, max_overflow=0)
    try:
        async with database.transaction() as session:
            await session.execute(text("SELECT 1"))
            with pytest.raises(Unavailable):
                async with database.transaction():
                    pass
        async with database.transaction() as session:  # and the next one, later, works
            assert (await session.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await database.dispose()


async def _hold_all_at_once(database: Database, count: int) -> set[int]:
    """`count` transactions holding their connections at the same moment; their backends."""
    all_out = asyncio.Barrier(count)

    async def hold() -> int:
        async with database.transaction() as session:
            pid = int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())
            await all_out.wait()
            return pid

    return set(await asyncio.gather(*(hold() for _ in range(count))))


async def test_busy_rounds_reuse_the_connections_the_pool_opened(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the default sizing, every connection a process may use stays open: round after
    round of a full pool's worth of transactions opens no new server connection (a burst
    connection would be closed as it came back to a full pool, then opened again)."""
    for variable in ("DB_POOL_SIZE", "DB_MAX_OVERFLOW"):
        monkeypatch.delenv(variable, raising=False)
    settings = Settings(database_url=pg_url)
    database = Database.for_settings(settings)
    busy = settings.db_pool_size + settings.db_max_overflow
    try:
        pids: set[int] = set()
        for _ in range(4):
            pids |= await _hold_all_at_once(database, busy)
        assert len(pids) == busy
    finally:
        await database.dispose()
