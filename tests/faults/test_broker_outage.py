"""Kafka down for a minute while recurring tasks are completed, with `todo api`, `todo worker
relay` and `todo worker recurring` as their own processes: every completion is answered while
the broker is away, and once it is back each completed task gets exactly one next instance
(0 events lost, 0 duplicates). The time to catch up is printed."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.faults.conftest import DATABASE, process_env, running
from tests.faults.load import register
from tests.support.kafka import KafkaBroker, running_broker, wait_until_serving
from tests.support.postgres import PostgresServer

pytestmark = [pytest.mark.faults, pytest.mark.postgres, pytest.mark.kafka]

DOWN_SECONDS = float(os.environ.get("FAULT_BROKER_DOWN_SECONDS", "60"))
SERIES = 30  # recurring tasks: a third completed before the outage, two thirds during it
CATCH_UP = 120.0  # after the broker is back, every next instance exists within this


@pytest.fixture
def broker() -> Iterator[KafkaBroker]:
    with running_broker() as started:
        yield started


async def series_counts(server: PostgresServer) -> dict[str, tuple[int, int]]:
    """Per title: (tasks in the series, open ones)."""
    connection = await asyncpg.connect(server.sync_url(DATABASE))
    try:
        rows = await connection.fetch(
            "SELECT title, count(*) AS total, count(*) FILTER (WHERE NOT completed) AS open"
            " FROM tasks WHERE title LIKE 'outage-%' GROUP BY title"
        )
        return {row["title"]: (row["total"], row["open"]) for row in rows}
    finally:
        await connection.close()


async def pending_events(server: PostgresServer) -> int:
    connection = await asyncpg.connect(server.sync_url(DATABASE))
    try:
        return int(
            await connection.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        )
    finally:
        await connection.close()


async def wait_until(check: Callable[[], Awaitable[bool]], timeout: float) -> float:
    """Seconds until the async `check()` is true (fails after `timeout`)."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout:.0f} s")
        await asyncio.sleep(0.25)
    return time.monotonic() - started


async def complete_through_an_outage(
    base_url: str, token: str, broker: KafkaBroker, server: PostgresServer
) -> dict[str, float]:
    due = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0).isoformat()
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=15
    ) as http:
        ids = []
        for index in range(SERIES):
            body = {"title": f"outage-{index}", "due": due, "recurrence": "FREQ=DAILY"}
            created = await http.post("/api/v1/tasks", json=body)
            assert created.status_code == 201, created.text
            ids.append(created.json()["id"])

        async def complete(task_ids: list[int]) -> None:
            for task_id in task_ids:
                done = await http.post(f"/api/v1/tasks/{task_id}/complete")
                assert done.status_code == 200, done.text

        before, during = ids[: SERIES // 3], ids[SERIES // 3 :]
        await complete(before)

        async def first_ones_rolled_over() -> bool:
            counts = await series_counts(server)
            return all(counts.get(f"outage-{i}", (0, 0))[0] == 2 for i in range(len(before)))

        await wait_until(first_ones_rolled_over, CATCH_UP)

        down_at = time.monotonic()
        await asyncio.to_thread(broker.stop)
        await complete(during)
        waiting = await pending_events(server)
        await asyncio.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down_at)))
        await asyncio.to_thread(broker.start)
        await wait_until_serving(broker.bootstrap)
        up_at = time.monotonic()

        async def all_rolled_over() -> bool:
            counts = await series_counts(server)
            return (
                len(counts) == SERIES
                and all(total >= 2 for total, _ in counts.values())
                and await pending_events(server) == 0
            )

        caught_up = await wait_until(all_rolled_over, CATCH_UP)
        await asyncio.sleep(3)  # room for a duplicate to show, were one coming
        return {
            "down": up_at - down_at,
            "caught_up": caught_up,
            "waiting": float(waiting),
            "during": float(len(during)),
        }


def test_broker_down_a_minute_loses_no_event_and_makes_no_duplicate(
    durable_pg: PostgresServer, broker: KafkaBroker, tmp_path: Path
) -> None:
    env = process_env(
        durable_pg, tmp_path, EVENT_BUS="kafka", KAFKA_BOOTSTRAP_SERVERS=broker.bootstrap
    )
    with contextlib.ExitStack() as processes:
        api = processes.enter_context(running(["api"], env, tmp_path / "api.log"))
        workers = [
            processes.enter_context(running(["worker", role], env, tmp_path / f"{role}.log"))
            for role in ("relay", "recurring")
        ]
        token = register(api.base_url, "outage@example.com")
        figures = asyncio.run(complete_through_an_outage(api.base_url, token, broker, durable_pg))
        logs = "\n".join(p.log_text()[-2000:] for p in (api, *workers))
        for process in (api, *workers):
            assert process.process.poll() is None, logs

    counts = asyncio.run(series_counts(durable_pg))
    assert counts == {f"outage-{i}": (2, 1) for i in range(SERIES)}, logs
    assert figures["waiting"] > 0  # the outage held events back
    print(
        f"\n[broker outage] {SERIES} recurring tasks completed, {figures['during']:.0f} of them "
        f"with the broker down ({figures['down']:.0f} s, {figures['waiting']:.0f} events held in "
        f"the outbox): 0 lost, 0 duplicate next instances; caught up "
        f"{figures['caught_up']:.1f} s after the broker was back"
    )
