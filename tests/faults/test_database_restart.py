"""PostgreSQL restarted under a write load on `todo api`: while it is down the api answers
503 with Retry-After, quickly (no hang, no 500); it recovers by itself; and every write it
acknowledged (201) is in the database afterwards. Once with a clean restart, once with a
crash."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import asyncpg
import pytest

from tests.faults.conftest import DATABASE, process_env, running
from tests.faults.load import Load, register
from tests.support.postgres import PostgresServer

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

DOWN_SECONDS = float(os.environ.get("FAULT_DB_DOWN_SECONDS", "5"))
QUICK = 3.0  # an answer while the database is down comes within this many seconds
RECOVERY = 30.0  # after the database is back, writes succeed again within this


async def stored_titles(server: PostgresServer) -> set[str]:
    connection = await asyncpg.connect(server.sync_url(DATABASE))
    try:
        rows = await connection.fetch("SELECT title FROM tasks WHERE title LIKE 'load-%'")
        return {row["title"] for row in rows}
    finally:
        await connection.close()


async def restart_under_load(load: Load, server: PostgresServer, mode: str) -> dict[str, float]:
    running_load = asyncio.create_task(load.run())
    await asyncio.sleep(2)
    down_at = time.monotonic()
    await asyncio.to_thread(server.stop, mode)
    await asyncio.sleep(DOWN_SECONDS)
    await asyncio.to_thread(server.start)
    up_at = time.monotonic()
    deadline = up_at + RECOVERY
    while time.monotonic() < deadline:
        if any(a.status == 201 and a.started > up_at for a in load.answers):
            break
        await asyncio.sleep(0.1)
    recovered_at = min(
        (a.started + a.seconds for a in load.answers if a.status == 201 and a.started > up_at),
        default=float("inf"),
    )
    await asyncio.sleep(2)
    load.stopping = True
    await asyncio.wait_for(running_load, 60)
    return {"down_at": down_at, "up_at": up_at, "recovered_at": recovered_at}


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_database_restart_under_load(durable_pg: PostgresServer, tmp_path: Path, mode: str) -> None:
    env = process_env(durable_pg, tmp_path)
    with running(["api"], env, tmp_path / "api.log") as api:
        load = Load(api.base_url, register(api.base_url, f"restart-{mode}@example.com"))
        times = asyncio.run(restart_under_load(load, durable_pg, mode))
        assert api.process.poll() is None, api.log_text()

    statuses = sorted({a.status for a in load.answers}, key=str)
    failures = [a for a in load.answers if a.status not in (201, 503)]
    assert failures == [], (failures[:5], api.log_text()[-3000:])
    outage = [a for a in load.answers if a.status == 503]
    assert outage, "no request met the outage"
    assert all(a.retry_after == "2" for a in outage)
    slowest = max(a.seconds for a in outage)
    assert slowest < QUICK
    assert times["recovered_at"] - times["up_at"] < RECOVERY

    acknowledged = load.acknowledged()
    lost = acknowledged - asyncio.run(stored_titles(durable_pg))
    assert lost == set()
    print(
        f"\n[{mode} restart] {len(load.answers)} requests, statuses {statuses}: "
        f"{len(acknowledged)} acknowledged, 0 lost; {len(outage)} answered 503, the slowest "
        f"in {slowest:.2f} s; database down {times['up_at'] - times['down_at']:.1f} s; "
        f"writes succeed again {times['recovered_at'] - times['up_at']:.2f} s after it is up"
    )
