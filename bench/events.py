"""Event pipeline benchmark: run by hand (`.venv/bin/python -m bench.events`), not a test.
Figures go to bench/results/events-*.json, with the load average during each phase.

1. Latency from the complete-task API call to the next recurring instance being readable,
   p50/p95 over a few hundred sequential completions: with the memory bus (the `todo serve`
   topology, SQLite) and with a real Kafka broker (PostgreSQL; api, relay and recurring
   worker in one process, each piece with its own Kafka client).
2. Throughput of outbox -> relay -> bus -> recurring consumer over 10 000 events.
3. Baseline in the same run: the broker's own produce -> consume round trip and throughput
   with a bare aiokafka producer and consumer.

Needs PostgreSQL server binaries and the Kafka jars (scripts/install-kafka.sh); without
them only the memory figures are printed. Every phase is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import func, select

from bench.common import Conditions, find_bin_dir, quantile, running_server, write_figures
from bench.kafka import KafkaBroker, find_libs
from todo_chatbot.api.app import create_app
from todo_chatbot.bus.base import Bus
from todo_chatbot.bus.kafka import KafkaBus
from todo_chatbot.bus.memory import MemoryBus
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import new_event
from todo_chatbot.services.events import record
from todo_chatbot.settings import AppEnv, Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations
from todo_chatbot.store.models import ProcessedEvent
from todo_chatbot.workers.runtime import EventRuntime, Role

PHASE_SECONDS = 120.0
T = TypeVar("T")
POLL_SECONDS = 0.001
TASK: dict[str, Any] = {
    "title": "Bench",
    "description": "",
    "priority": "medium",
    "tags": [],
    "due": "2026-11-24T07:00:00Z",
    "remind_at": None,
    "recurrence": "FREQ=DAILY",
    "completed": False,
    "completed_at": None,
    "created_at": "2026-11-23T10:00:00Z",
    "updated_at": "2026-11-23T10:00:00Z",
    "series_id": None,
}


FIGURES: list[dict[str, Any]] = []
_phase = Conditions.start()


def percentiles(samples: list[float]) -> str:
    p50, p95 = quantile(samples, 0.50) * 1000, quantile(samples, 0.95) * 1000
    FIGURES.append({"p50_ms": p50, "p95_ms": p95, "n": len(samples)})
    return f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})"


def rate_figure(rate: float, unit: str) -> str:
    FIGURES.append({"rate": rate, "unit": unit})
    return f"{rate:8.0f} {unit}"


def phase_starts() -> None:
    global _phase
    _phase = Conditions.start()


async def bounded(phase: Awaitable[T]) -> T:
    """Every phase ends by itself, also when something hangs."""
    return await asyncio.wait_for(phase, PHASE_SECONDS * 2)


def report(label: str, figures: str, target: str = "") -> None:
    """Print a phase's line; its figures (the last recorded) get its name and conditions."""
    conditions = _phase.stop().as_dict()
    FIGURES[-1].update(phase=label, target=target, conditions=conditions)
    load = f"load {conditions['load_start']:.2f}->{conditions['load_end']:.2f}"
    print(f"{label:<48} {figures}  {target}  ({load}, host {conditions['host_busy']:.0%})")
    phase_starts()


def settings_for(url: str, data_dir: Path, bus: str) -> Settings:
    return Settings(
        app_env=AppEnv.development,
        database_url=url,
        data_dir=data_dir,
        jwt_secret="bench-" + "x" * 40,
        event_bus=bus,
        log_level="WARNING",
    )


def runtimes(buses: Callable[[], Bus], roles: list[Role]) -> Callable[[FastAPI], Any]:
    @asynccontextmanager
    async def run(app: FastAPI) -> AsyncIterator[None]:
        settings, database = app.state.settings, app.state.database
        bus = buses()
        shared = isinstance(bus, MemoryBus)  # in-process: one bus for all pieces
        async with AsyncExitStack() as stack:
            for role in roles:
                runtime = EventRuntime(
                    settings, database, roles={role}, bus=bus if shared else buses()
                )
                await stack.enter_async_context(runtime)
            yield

    return run


class NextInstanceProbe:
    """Reads the database on its own connection, as another reader would."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._sqlite: sqlite3.Connection | None = None
        self._pg: asyncpg.Connection | None = None

    async def open(self) -> None:
        if self.url.startswith("sqlite"):
            self._sqlite = sqlite3.connect(self.url.split("///", 1)[1])
        else:
            self._pg = await asyncpg.connect(self.url.replace("postgresql+asyncpg", "postgresql"))

    async def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
        if self._pg is not None:
            await self._pg.close()

    async def exists(self, task_id: int) -> bool:
        query = "SELECT 1 FROM tasks WHERE previous_id = "
        if self._sqlite is not None:
            return self._sqlite.execute(query + "?", (task_id,)).fetchone() is not None
        assert self._pg is not None
        return await self._pg.fetchval(query + "$1", task_id) is not None


async def completion_latency(
    url: str, data_dir: Path, bus: str, buses: Callable[[], Bus], n: int
) -> list[float]:
    settings = settings_for(url, data_dir, bus)
    app = create_app(settings, background=[runtimes(buses, [Role.relay, Role.recurring])])
    probe = NextInstanceProbe(url)
    samples: list[float] = []
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http,
    ):
        await probe.open()
        registered = await http.post(
            "/api/v1/auth/register",
            json={"email": f"{uuid.uuid4().hex[:8]}@example.com", "password": "bench password"},
        )
        auth = {"Authorization": f"Bearer {registered.json()['access_token']}"}
        ids = []
        for index in range(n):
            body = {
                "title": f"Bench {index}",
                "due": "2026-11-24T07:00:00Z",
                "recurrence": "FREQ=DAILY",
            }
            ids.append((await http.post("/api/v1/tasks", json=body, headers=auth)).json()["id"])
        await asyncio.sleep(1.0)  # let the creations drain through the pipeline
        deadline = time.monotonic() + PHASE_SECONDS
        for task_id in ids:
            started = time.perf_counter()
            response = await http.post(f"/api/v1/tasks/{task_id}/complete", headers=auth)
            response.raise_for_status()
            while not await probe.exists(task_id):
                if time.monotonic() > deadline:
                    raise TimeoutError("next instance did not appear")
                await asyncio.sleep(POLL_SECONDS)
            samples.append(time.perf_counter() - started)
        await probe.close()
    return samples


async def fill_outbox(database: Database, count: int) -> None:
    per_transaction = 500
    for start in range(0, count, per_transaction):
        async with database.transaction() as session:
            for index in range(start, min(count, start + per_transaction)):
                task_id = index % 500 + 1
                await record(
                    session,
                    topic=topics.TASK_EVENTS,
                    event_type=types.TASK_UPDATED,
                    key=str(task_id),
                    data={"user_id": 1, "task": {**TASK, "id": task_id}},
                )


async def pipeline_throughput(
    url: str, data_dir: Path, buses: Callable[[], Bus], count: int
) -> float:
    settings = settings_for(url, data_dir, "memory")
    database = Database(settings.async_database_url)
    await fill_outbox(database, count)
    bus = buses()
    relay_bus = bus if isinstance(bus, MemoryBus) else buses()
    consumer = EventRuntime(settings, database, roles={Role.recurring}, bus=bus)
    relay = EventRuntime(settings, database, roles={Role.relay}, bus=relay_bus)
    started = time.perf_counter()
    async with consumer, relay:
        deadline = time.monotonic() + PHASE_SECONDS
        while await processed(database) < count:
            if time.monotonic() > deadline:
                raise TimeoutError("pipeline did not finish")
            await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - started
    await database.dispose()
    return count / elapsed


async def processed(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(ProcessedEvent)) or 0)


async def broker_baseline(bootstrap: str, rounds: int, count: int) -> tuple[list[float], float]:
    topic = f"bench-baseline-{uuid.uuid4().hex[:6]}"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=f"g-{topic}", auto_offset_reset="earliest"
    )
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up")
    await consumer.start()
    await consumer.getone()
    payload = new_event(
        event_type=types.TASK_UPDATED, subject="1", data={"user_id": 1, "task": {**TASK, "id": 1}}
    )
    value = str(payload).encode()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await producer.send_and_wait(topic, value, key=b"1")
        await consumer.getone()
        samples.append(time.perf_counter() - started)
    started = time.perf_counter()
    pending = [await producer.send(topic, value, key=str(i % 500).encode()) for i in range(count)]
    received = 0
    while received < count:
        batch = await consumer.getmany(timeout_ms=500, max_records=1000)
        received += sum(len(records) for records in batch.values())
    await asyncio.gather(*pending)
    rate = count / (time.perf_counter() - started)
    await consumer.stop()
    await producer.stop()
    return samples, rate


@contextlib.contextmanager
def postgres() -> Any:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        yield None
        return
    with running_server(bin_dir) as server:
        yield server


async def main(completions: int, events: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="todo-bench-events-"))

    def sqlite_db(name: str) -> str:
        url = f"sqlite+aiosqlite:///{root / name}.db"
        run_migrations(url)
        return url

    print(f"Event pipeline benchmark ({completions} completions, {events} events)")
    phase_starts()
    latency = await bounded(
        completion_latency(sqlite_db("latency"), root, "memory", MemoryBus, completions)
    )
    report(
        "complete -> next instance, memory bus, SQLite", percentiles(latency), "target p95 < 50 ms"
    )
    rate = await bounded(pipeline_throughput(sqlite_db("throughput"), root, MemoryBus, events))
    report("outbox -> memory bus -> consumer, SQLite", rate_figure(rate, "events/s"))

    libs = find_libs()
    with postgres() as server:
        if server is None or libs is None:
            print("Kafka figures skipped: needs PostgreSQL binaries and scripts/install-kafka.sh")
            return
        broker = KafkaBroker(libs)
        broker.prepare()
        broker.start()
        try:
            await wait_for_broker(broker.bootstrap)
            phase_starts()  # the broker's start is not part of a phase

            def kafka() -> Bus:
                return KafkaBus(
                    bootstrap_servers=broker.bootstrap, client_id="bench", topic_prefix=prefix
                )

            for name in ("latency", "throughput"):
                await admin(server.sync_url(), f"CREATE DATABASE {name}")
                run_migrations(server.url(name))
            prefix = "lat."
            latency = await bounded(
                completion_latency(server.url("latency"), root, "kafka", kafka, completions)
            )
            report(
                "complete -> next instance, Kafka, PostgreSQL",
                percentiles(latency),
                "target p95 < 200 ms",
            )
            prefix = "thr."
            rate = await bounded(pipeline_throughput(server.url("throughput"), root, kafka, events))
            report(
                "outbox -> Kafka -> consumer, PostgreSQL",
                rate_figure(rate, "events/s"),
                "target >= 1000/s",
            )
            round_trips, raw_rate = await bounded(
                broker_baseline(broker.bootstrap, completions, events)
            )
            report("baseline: Kafka produce -> consume round trip", percentiles(round_trips))
            report(
                "baseline: Kafka produce + consume, bare client",
                rate_figure(raw_rate, "messages/s"),
            )
        finally:
            broker.cleanup()


async def admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def wait_for_broker(bootstrap: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        try:
            await producer.start()
            await producer.stop()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--completions", type=int, default=300)
    parser.add_argument("--events", type=int, default=10_000)
    arguments = parser.parse_args()
    try:
        asyncio.run(main(arguments.completions, arguments.events))
    finally:
        print(f"figures: {write_figures('events', {'phases': FIGURES})}")
