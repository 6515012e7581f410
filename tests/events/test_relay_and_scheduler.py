"""Outbox relay and reminder scheduler on SQLite and PostgreSQL (no broker needed)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select

from tests.events import driving
from tests.support.app import make_settings
from todo_chatbot.bus.base import Bus, Outgoing, PublishError, RetryPolicy
from todo_chatbot.events import topics
from todo_chatbot.services import reminders, tasks
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent
from todo_chatbot.workers import runtime
from todo_chatbot.workers.relay import OutboxRelay, RelayError
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.scheduler import ReminderScheduler


@dataclass
class RecordingBus(Bus):
    """Keeps what was published; can be told to fail after some messages."""

    sent: list[Outgoing] = field(default_factory=list)
    fail_after: int | None = None
    shared: list[Outgoing] | None = None  # what all buses of a test sent, in time order
    # Buses that hold their first batch until all of them have one: relays that overlap.
    meet: asyncio.Barrier | None = None

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def check(self) -> None: ...

    async def publish(self, messages: Sequence[Outgoing]) -> None:
        if self.meet is not None and not self.sent:
            await asyncio.wait_for(self.meet.wait(), 30)
        for index, message in enumerate(messages):
            if self.fail_after is not None and len(self.sent) >= self.fail_after:
                raise PublishError("broker unavailable", published=index)
            self.sent.append(message)
            if self.shared is not None:
                self.shared.append(message)
            await asyncio.sleep(0)


@pytest.fixture
async def database(db_url: str, tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(make_settings(db_url, tmp_path).async_database_url)
    yield database
    await database.dispose()


async def outbox_rows(database: Database) -> list[OutboxEvent]:
    async with database.transaction() as session:
        return list((await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))).all())


async def test_relay_publishes_in_order_and_marks_rows_sent(database: Database) -> None:
    user = await driving.local_user(database)
    [task_id] = await driving.create_tasks(database, user, 1)
    await driving.change(database, user, task_id, "complete")
    bus = RecordingBus()
    assert await OutboxRelay(database, bus, batch_size=3).drain() == 4
    rows = await outbox_rows(database)
    assert [m.event["id"] for m in bus.sent] == [row.event_id for row in rows]
    assert all(row.published_at is not None for row in rows)
    assert {m.key for m in bus.sent} == {str(task_id)}


async def test_a_broker_error_leaves_rows_pending_and_skips_nothing(database: Database) -> None:
    user = await driving.local_user(database)
    await driving.create_tasks(database, user, 3)  # six rows
    bus = RecordingBus(fail_after=2)
    relay = OutboxRelay(database, bus)
    with pytest.raises(RelayError):
        await relay.publish_pending()
    rows = await outbox_rows(database)
    assert [row.published_at is not None for row in rows] == [True, True] + [False] * 4
    assert rows[2].attempts == 1 and "broker unavailable" in (rows[2].last_error or "")

    bus.fail_after = None  # the broker is back
    await relay.drain()
    assert [m.event["id"] for m in bus.sent] == [row.event_id for row in rows]


async def test_relay_keeps_running_through_failures(database: Database) -> None:
    user = await driving.local_user(database)
    bus = RecordingBus(fail_after=0)
    relay = OutboxRelay(
        database, bus, retry=RetryPolicy(base_delay=0.01, max_delay=0.05), metrics_interval=0
    )
    task = asyncio.create_task(relay.run())
    try:
        await driving.create_tasks(database, user, 2)
        await asyncio.sleep(0.2)
        assert bus.sent == [] and await driving.pending_outbox(database) == 4
        bus.fail_after = None
        await asyncio.wait_for(_until_empty(database), 10)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert len(bus.sent) == 4
    assert REGISTRY.get_sample_value("outbox_pending_events") is not None


@dataclass
class HeldBus(RecordingBus):
    """Holds each publish until `release` is set, and says when one has begun."""

    begun: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def publish(self, messages: Sequence[Outgoing]) -> None:
        self.begun.set()
        await self.release.wait()
        await super().publish(messages)


async def test_a_stopped_relay_finishes_the_batch_in_hand_and_returns(database: Database) -> None:
    user = await driving.local_user(database)
    await driving.create_tasks(database, user, 2)  # four rows, one batch
    bus = HeldBus()
    relay = OutboxRelay(database, bus, metrics_interval=0)
    running = asyncio.create_task(relay.run())
    await asyncio.wait_for(bus.begun.wait(), 10)
    relay.stop()  # mid-batch: the rows are claimed, not yet sent
    bus.release.set()
    await asyncio.wait_for(running, 10)  # it returns by itself, never cancelled
    assert len(bus.sent) == 4
    assert all(row.published_at is not None for row in await outbox_rows(database))


async def _until_empty(database: Database) -> None:
    while await driving.pending_outbox(database):
        await asyncio.sleep(0.02)


async def test_a_stop_ends_the_relay_and_cancels_the_scheduler_without_waiting_for_it(
    settings: Settings, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The relay's allowance is made long: a stop that also waited for the scheduler (which
    # never ends by itself) would sit all of it out, far past the bound below.
    monkeypatch.setattr(runtime, "RELAY_STOP_SECONDS", 3600.0)
    events = runtime.EventRuntime(
        settings, database, roles={Role.relay, Role.scheduler}, bus=RecordingBus()
    )
    await events.__aenter__()
    loops = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    relay_loop = next(t for t in loops if "OutboxRelay.run" in repr(t.get_coro()))
    scheduler_loop = next(t for t in loops if "ReminderScheduler.run" in repr(t.get_coro()))
    await asyncio.sleep(0.05)  # both loops are under way
    async with asyncio.timeout(60):
        await events.__aexit__(None, None, None)
    assert relay_loop.done() and not relay_loop.cancelled()  # it returned by itself
    assert scheduler_loop.cancelled()


async def test_scheduler_catches_up_once_and_skips_completed_tasks(database: Database) -> None:
    user = await driving.local_user(database)
    due = await driving.create_tasks(database, user, 3, remind_at=driving.past(3600))
    await driving.change(database, user, due[2], "complete")  # done: no reminder
    await driving.create_tasks(database, user, 1, remind_at="2099-01-01T09:00:00Z")
    scheduler = ReminderScheduler(database, interval=0.1)
    task = asyncio.create_task(scheduler.run())  # was "down" while they came due
    try:
        while len(await driving.outbox_ids(database, topics.REMINDERS)) < 2:
            await asyncio.sleep(0.02)
        assert await scheduler.scan() == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    async with database.transaction() as session:
        payloads = (
            await session.scalars(
                select(OutboxEvent.payload).where(OutboxEvent.topic == topics.REMINDERS)
            )
        ).all()
    assert sorted(p["data"]["task_id"] for p in payloads) == sorted(due[:2])


async def test_a_new_reminder_time_fires_again(database: Database) -> None:
    user = await driving.local_user(database)
    [task_id] = await driving.create_tasks(database, user, 1, remind_at=driving.past())
    scheduler = ReminderScheduler(database)
    assert await scheduler.scan() == 1
    async with database.transaction() as session:
        await tasks.update_task(
            session, user_id=user, task_id=task_id, changes={"remind_at": driving.past(5)}
        )
    assert await scheduler.scan() == 1
    assert await scheduler.scan() == 0


@pytest.mark.postgres
async def test_concurrent_schedulers_emit_each_reminder_once(pg_url: str, tmp_path: Path) -> None:
    url = make_settings(pg_url, tmp_path).async_database_url
    engines = [Database(url) for _ in range(4)]
    try:
        user = await driving.local_user(engines[0])
        ids = await driving.create_tasks(engines[0], user, 150, remind_at=driving.past())
        schedulers = [ReminderScheduler(engine, batch=10) for engine in engines]
        counts = await asyncio.gather(*(s.scan() for s in schedulers))
        assert sum(counts) == len(ids)
        async with engines[0].transaction() as session:
            assert await reminders.next_reminder_at(session) is None
        assert len(await driving.outbox_ids(engines[0], topics.REMINDERS)) == len(ids)
    finally:
        for engine in engines:
            await engine.dispose()


@pytest.mark.postgres
async def test_concurrent_relays_publish_each_row_once_in_key_order(
    pg_url: str, tmp_path: Path
) -> None:
    url = make_settings(pg_url, tmp_path).async_database_url
    engines = [Database(url) for _ in range(3)]
    try:
        user = await driving.local_user(engines[0])
        ids = await driving.create_tasks(engines[0], user, 40)
        for task_id in ids:
            await driving.change(engines[0], user, task_id, "update")
            await driving.change(engines[0], user, task_id, "complete")
        timeline: list[Outgoing] = []
        # Each relay holds its first batch until the other has one too, however they are
        # scheduled: the second must claim rows while the first's are locked.
        meet = asyncio.Barrier(2)
        buses = [RecordingBus(shared=timeline, meet=meet) for _ in range(2)]
        relays = [OutboxRelay(engines[i + 1], buses[i], batch_size=9) for i in range(2)]
        await asyncio.gather(*(relay.drain() for relay in relays))
        rows = await outbox_rows(engines[0])
    finally:
        for engine in engines:
            await engine.dispose()
    published = [m.event["id"] for bus in buses for m in bus.sent]
    assert sorted(published) == sorted(row.event_id for row in rows)  # each once
    assert all(bus.sent for bus in buses)  # both relays took part (they met, see above)
    position = {row.event_id: row.id for row in rows}
    by_key: dict[str, list[int]] = {}
    for message in timeline:
        by_key.setdefault(message.key, []).append(position[message.event["id"]])
    for order in by_key.values():
        assert order == sorted(order)  # across both relays, one task's events in order
