"""Against a real Kafka broker (KRaft, official jars) and a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import select

from tests.events import driving
from tests.events.helpers import eventually, follow_stream
from tests.events.test_schemas import reference_validator
from tests.support.app import make_settings, sign_up
from tests.support.kafka import KafkaBroker, kafka_bus
from tests.support.serving import serving
from todo_chatbot.api.app import create_app
from todo_chatbot.bus.base import RetryPolicy
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import encode
from todo_chatbot.events.live import live_hub_of
from todo_chatbot.events.validation import validate_event
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent
from todo_chatbot.workers.relay import OutboxRelay
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.runtime import EventRuntime
from todo_chatbot.workers.scheduler import ReminderScheduler

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.timeout(120)]


@pytest.fixture
def settings(pg_url: str, tmp_path: Path) -> Settings:
    return make_settings(pg_url, tmp_path, event_bus="kafka", scheduler_interval_seconds=1.0)


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.async_database_url)
    yield database
    await database.dispose()


def relay_for(database: Database, broker: KafkaBroker, prefix: str) -> OutboxRelay:
    return OutboxRelay(database, kafka_bus(broker, prefix), retry=RetryPolicy(max_delay=1.0))


@asynccontextmanager
async def running(*loops: OutboxRelay | ReminderScheduler) -> AsyncIterator[None]:
    tasks = [asyncio.create_task(loop.run()) for loop in loops]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for loop in loops:
            if isinstance(loop, OutboxRelay):
                await loop.bus.stop()


def worker(
    settings: Settings, database: Database, broker: KafkaBroker, prefix: str, role: Role
) -> EventRuntime:
    return EventRuntime(settings, database, roles={role}, bus=kafka_bus(broker, prefix))


async def read_topic(broker: KafkaBroker, topic: str, count: int) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    records: list[Any] = []
    try:
        async with asyncio.timeout(30):
            while len(records) < count:
                batch = await consumer.getmany(timeout_ms=500)
                for partition_records in batch.values():
                    records.extend(partition_records)
    finally:
        await consumer.stop()
    return records


# --- API → relay → Kafka → workers → database / SSE --------------------------------------


def kafka_workers(broker: KafkaBroker, prefix: str) -> Callable[[FastAPI], Any]:
    """The cluster's processes, each with its own Kafka client, beside the api app."""

    @asynccontextmanager
    async def run(app: FastAPI) -> AsyncIterator[None]:
        settings, database = app.state.settings, app.state.database
        runtimes = [worker(settings, database, broker, prefix, role) for role in Role]
        runtimes.append(
            EventRuntime(
                settings,
                database,
                roles=set(),
                hub=live_hub_of(app.state),
                bus=kafka_bus(broker, prefix),
            )
        )
        async with AsyncExitStack() as stack:
            for runtime in runtimes:
                await stack.enter_async_context(runtime)
            yield

    return run


async def test_api_to_kafka_to_workers_and_the_live_stream(
    kafka_broker: KafkaBroker, topic_prefix: str, settings: Settings
) -> None:
    app = create_app(settings, background=[kafka_workers(kafka_broker, topic_prefix)])
    frames: list[tuple[str, Any]] = []

    async with serving(app) as base, httpx.AsyncClient(base_url=base) as client:
        auth = await sign_up(client)
        listener = asyncio.create_task(follow_stream(base, auth, frames))
        probe = (await client.post("/api/v1/tasks", json={"title": "probe"}, headers=auth)).json()

        async def live() -> bool:  # the fan-out consumer starts at the topic's end
            await client.patch(
                f"/api/v1/tasks/{probe['id']}", json={"description": "x"}, headers=auth
            )
            await asyncio.sleep(0.3)
            return any(kind == "task" for kind, _ in frames)

        await eventually(live, timeout=30)

        created = await client.post(
            "/api/v1/tasks",
            json={**driving.DAILY, "title": "Standup", "remind_at": driving.past()},
            headers=auth,
        )
        task = created.json()

        async def notes() -> list[dict[str, Any]]:
            listing = await client.get("/api/v1/notifications", headers=auth)
            return list(listing.json()["items"])

        # scheduler -> reminders -> notifier (done tasks get no reminder, so wait first)
        [note] = await eventually(notes, timeout=30)
        assert note["task_id"] == task["id"] and note["title"] == "Standup"
        assert (await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)).is_success

        async def pending() -> list[dict[str, Any]]:
            listing = await client.get("/api/v1/tasks?q=standup&status=pending", headers=auth)
            return list(listing.json()["items"])

        [following] = await eventually(pending, until=lambda items: len(items) == 1, timeout=30)
        assert following["due"] == "2026-11-25T07:00:00Z"
        assert following["series_id"] == task["series_id"]

        def seen(kind: str, predicate: Callable[[Any], bool]) -> bool:
            return any(k == kind and predicate(data) for k, data in frames)

        async def streamed() -> bool:
            return (
                seen("reminder", lambda d: d["id"] == note["id"])
                and seen(
                    "task", lambda d: d["type"] == "completed" and d["task"]["id"] == task["id"]
                )
                and seen(
                    "task", lambda d: d["type"] == "created" and d["task"]["id"] == following["id"]
                )
            )

        await eventually(streamed, timeout=30)
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener


# --- outage ------------------------------------------------------------------------------


async def test_broker_outage_delays_events_but_loses_none(
    kafka_broker: KafkaBroker, topic_prefix: str, settings: Settings, database: Database
) -> None:
    """1 000 task changes; the broker is down for a stretch in the middle of them."""
    user = await driving.local_user(database)
    recurring = worker(settings, database, kafka_broker, topic_prefix, Role.recurring)
    relay = relay_for(database, kafka_broker, topic_prefix)
    async with recurring, running(relay):
        ids = await driving.create_tasks(database, user, 250)
        changes = [(task_id, "update") for task_id in ids] + [
            (task_id, "complete") for task_id in ids
        ]
        changes += [(task_id, "again") for task_id in ids[:250]]
        assert len(ids) + len(changes) == 1000
        for index, (task_id, action) in enumerate(changes):
            if index == 150:
                await asyncio.to_thread(kafka_broker.stop)
            if index == 450:
                await eventually(lambda: driving.pending_outbox(database), until=lambda n: n > 400)
                await asyncio.to_thread(kafka_broker.start)
            await driving.change(database, user, task_id, action)

        await eventually(
            lambda: driving.pending_outbox(database), until=lambda n: n == 0, timeout=60
        )
        await eventually(lambda: driving.all_task_events_processed(database), timeout=60)
    assert await driving.next_instances(database) == 250  # one per completion, no more


# --- duplicates, crash before commit, poison ----------------------------------------------


async def test_redelivery_applies_once_also_after_a_crash_before_commit(
    kafka_broker: KafkaBroker, topic_prefix: str, settings: Settings, database: Database
) -> None:
    user = await driving.local_user(database)
    [task_id] = await driving.create_tasks(database, user, 1)
    await driving.change(database, user, task_id, "complete")
    completion = await outbox_payload(database, task_id, types.TASK_COMPLETED)

    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap)
    await producer.start()
    for _ in range(2):  # the same event delivered twice
        await producer.send_and_wait(
            topic_prefix + topics.TASK_EVENTS, encode(completion), key=str(task_id).encode()
        )
    await producer.stop()

    crashing = worker(settings, database, kafka_broker, topic_prefix, Role.recurring)
    real_handler = crashing.bus.subscriptions[0].handler
    applied = asyncio.Event()

    async def apply_then_die(events: Any) -> None:
        await real_handler(events)  # the effect and its inbox row are committed ...
        applied.set()
        await asyncio.Event().wait()  # ... and the process dies before the offset commit

    subscription = crashing.bus.subscriptions[0]
    crashing.bus.subscriptions[0] = dataclasses.replace(subscription, handler=apply_then_die)
    async with crashing:
        await asyncio.wait_for(applied.wait(), 30)
    assert await driving.next_instances(database) == 1

    async with worker(settings, database, kafka_broker, topic_prefix, Role.recurring):
        # The restarted worker reads both copies again from the last committed offset.
        await eventually(lambda: driving.processed(database, "recurring"), until=lambda n: n == 1)
        await asyncio.sleep(1.0)  # give a wrong second effect the chance to appear
    assert await driving.next_instances(database) == 1


async def outbox_payload(database: Database, task_id: int, event_type: str) -> dict[str, Any]:
    async with database.transaction() as session:
        return dict(
            await session.scalar(
                select(OutboxEvent.payload).where(
                    OutboxEvent.partition_key == str(task_id),
                    OutboxEvent.event_type == event_type,
                    OutboxEvent.topic == topics.TASK_EVENTS,
                )
            )
        )


async def test_poison_message_is_dead_lettered_and_the_stream_flows_on(
    kafka_broker: KafkaBroker, topic_prefix: str, settings: Settings, database: Database
) -> None:
    user = await driving.local_user(database)
    first, second = await driving.create_tasks(database, user, 2)
    await driving.change(database, user, first, "complete")
    await driving.change(database, user, second, "complete")
    good = [await outbox_payload(database, t, types.TASK_COMPLETED) for t in (first, second)]
    poison = {**good[0], "id": "poison-1", "data": {"user_id": user}}  # no task: schema-invalid

    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap)
    await producer.start()
    for event in (good[0], poison, good[1]):
        await producer.send_and_wait(
            topic_prefix + topics.TASK_EVENTS, encode(event), key=b"same-partition"
        )
    await producer.stop()

    async with worker(settings, database, kafka_broker, topic_prefix, Role.recurring):
        await eventually(lambda: driving.next_instances(database), until=lambda n: n == 2)
        [dead] = await read_topic(
            kafka_broker, topic_prefix + topics.dead_letter(topics.TASK_EVENTS), 1
        )
    assert json.loads(dead.value)["id"] == "poison-1"
    headers = {key: value.decode() for key, value in dead.headers}
    assert "InvalidEvent" in headers["error"] and headers["original-topic"] == topics.TASK_EVENTS


# --- two workers in one group; two relays and two schedulers --------------------------------

WORKER_SCRIPT = """
import asyncio, sys
from todo_chatbot.bus.kafka import KafkaBus
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.runtime import EventRuntime

async def main(url, bootstrap, prefix):
    settings = Settings(database_url=url, app_env="development", jwt_secret="s" * 40)
    bus = KafkaBus(bootstrap_servers=bootstrap, topic_prefix=prefix, client_id="recurring",
                   session_timeout_ms=6000, heartbeat_interval_ms=500)
    async with EventRuntime(settings, Database(settings.async_database_url),
                            roles={Role.recurring}, bus=bus):
        print("ready", flush=True)
        await asyncio.Event().wait()

asyncio.run(main(*sys.argv[1:]))
"""


async def start_worker_process(
    url: str, broker: KafkaBroker, prefix: str
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, url, broker.bootstrap, prefix],
        stdout=subprocess.PIPE,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 60)
    assert line.strip() == b"ready"
    return process


async def test_two_workers_in_one_group_survive_one_being_killed(
    kafka_broker: KafkaBroker, topic_prefix: str, pg_url: str, database: Database
) -> None:
    user = await driving.local_user(database)
    ids = await driving.create_tasks(database, user, 300)
    workers = [await start_worker_process(pg_url, kafka_broker, topic_prefix) for _ in range(2)]
    try:
        async with running(relay_for(database, kafka_broker, topic_prefix)):
            for index, task_id in enumerate(ids):
                if index == 100:
                    await eventually(
                        lambda: driving.next_instances(database),
                        until=lambda n: n >= 50,
                        timeout=30,
                    )
                    workers[0].send_signal(signal.SIGKILL)  # mid-stream, no goodbye
                await driving.change(database, user, task_id, "complete")
            await eventually(lambda: driving.all_task_events_processed(database), timeout=60)
    finally:
        for process in workers:
            process.kill()
            process.wait()
    assert await driving.next_instances(database) == 300


async def test_two_relays_and_two_schedulers_publish_each_event_once_in_order(
    kafka_broker: KafkaBroker, topic_prefix: str, settings: Settings, database: Database
) -> None:
    user = await driving.local_user(database)
    ids = await driving.create_tasks(database, user, 120, remind_at=driving.past(60))
    engines = [Database(settings.async_database_url) for _ in range(4)]
    relays = [relay_for(engines[i], kafka_broker, topic_prefix) for i in range(2)]
    relays[0].batch_size = relays[1].batch_size = 7  # many small interleaved batches
    schedulers = [ReminderScheduler(engines[i], interval=0.2) for i in (2, 3)]
    try:
        async with running(*relays, *schedulers):
            for task_id in ids[:60]:
                await driving.change(database, user, task_id, "update")
            await eventually(lambda: driving.pending_outbox(database), until=lambda n: n == 0)
            await eventually(lambda: driving.pending_outbox(database), until=lambda n: n == 0)
    finally:
        for engine in engines:
            await engine.dispose()

    reminders = await driving.outbox_ids(database, topics.REMINDERS)
    assert len(reminders) == len(ids)  # one reminder per task, two schedulers notwithstanding
    expected = await driving.outbox_ids(database, topics.TASK_EVENTS)
    lines = await asyncio.to_thread(
        kafka_broker.console_consume,
        topic_prefix + topics.TASK_EVENTS,
        max_messages=len(expected) + 1,  # one more than expected, to catch a duplicate
        timeout_ms=4000,
    )
    events = [json.loads(value) for _, value in lines]
    assert sorted(e["id"] for e in events) == sorted(expected)  # each exactly once
    by_key: defaultdict[str, list[str]] = defaultdict(list)
    for key, event in zip((key for key, _ in lines), events, strict=True):
        assert key == event["subject"]  # partition key = task id
        by_key[key].append(event["id"])
        reference_validator(event["type"]).validate(event)  # Kafka's bytes match the schemas
        validate_event(event)
    order = {event_id: index for index, event_id in enumerate(expected)}
    for key_ids in by_key.values():
        assert key_ids == sorted(key_ids, key=order.__getitem__)  # one task's events in order

    reminder_lines = await asyncio.to_thread(
        kafka_broker.console_consume,
        topic_prefix + topics.REMINDERS,
        max_messages=len(ids) + 1,
        timeout_ms=4000,
    )
    assert sorted(json.loads(v)["data"]["task_id"] for _, v in reminder_lines) == sorted(ids)
