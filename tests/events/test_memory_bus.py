"""The delivery rules every adapter shares, on the in-process bus: retries with backoff,
dead-lettering with the error, and infrastructure failures that are retried, never parked."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import OperationalError

from tests.events.helpers import eventually
from tests.events.test_schemas import sample
from todo_chatbot.bus.base import Outgoing, RetryPolicy
from todo_chatbot.bus.memory import MemoryBus
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import CloudEvent

FAST = RetryPolicy(attempts=3, base_delay=0.01)


def event(task_id: int) -> CloudEvent:
    value = sample(types.TASK_UPDATED)
    value["data"]["task"]["id"] = task_id
    value["subject"] = value["partitionkey"] = str(task_id)
    return value


class Recorder:
    def __init__(self, fail: Any = None) -> None:
        self.seen: list[int] = []
        self.calls = 0
        self.fail = fail  # (event) -> exception to raise, or None

    async def __call__(self, events: Sequence[CloudEvent]) -> None:
        self.calls += 1
        for item in events:
            problem = self.fail(item) if self.fail else None
            if problem is not None:
                raise problem
        self.seen.extend(item["data"]["task"]["id"] for item in events)


async def run_bus(handler: Recorder, messages: list[Outgoing]) -> MemoryBus:
    bus = MemoryBus(retry=FAST)
    bus.subscribe(topics.TASK_EVENTS, group="g", handler=handler)
    await bus.start()
    try:
        await asyncio.wait_for(bus.publish(messages), 10)
    finally:
        await bus.stop()
    return bus


async def test_schema_invalid_message_is_dead_lettered_and_the_rest_flow_on() -> None:
    handler = Recorder()
    poison = event(2)
    del poison["data"]["task"]
    bus = await run_bus(
        handler,
        [
            Outgoing(topics.TASK_EVENTS, str(n), e)
            for n, e in ((1, event(1)), (2, poison), (3, event(3)))
        ],
    )
    assert handler.seen == [1, 3]
    [dead] = bus.dead_letters[topics.dead_letter(topics.TASK_EVENTS)]
    assert "InvalidEvent" in dead.error and b'"id":2' not in dead.message.value


async def test_a_failing_message_is_tried_three_times_then_dead_lettered() -> None:
    handler = Recorder(fail=lambda e: ValueError("bad") if e["subject"] == "2" else None)
    bus = await run_bus(
        handler, [Outgoing(topics.TASK_EVENTS, str(n), event(n)) for n in (1, 2, 3)]
    )
    assert handler.seen == [1, 3]
    [dead] = bus.dead_letters[topics.dead_letter(topics.TASK_EVENTS)]
    assert dead.error == "ValueError: bad"
    # one batch try, then three tries of each message on its own
    assert handler.calls == 1 + 1 + FAST.attempts + 1


async def test_infrastructure_failures_are_retried_until_they_pass() -> None:
    outages = iter(range(5))

    def flaky(_: CloudEvent) -> Exception | None:
        if next(outages, None) is not None:
            return OperationalError("SELECT 1", {}, Exception("database is down"))
        return None

    handler = Recorder(fail=flaky)
    bus = await run_bus(handler, [Outgoing(topics.TASK_EVENTS, "1", event(1))])
    assert handler.seen == [1]
    assert not bus.dead_letters


async def test_backoff_grows_exponentially() -> None:
    policy = RetryPolicy(attempts=5, base_delay=0.1, factor=2, max_delay=0.5, jitter=0)
    assert [policy.delay(n) for n in (1, 2, 3, 4)] == [0.1, 0.2, 0.4, 0.5]


async def test_jitter_spreads_pauses_below_the_backoff() -> None:
    policy = RetryPolicy(base_delay=1.0, factor=2, max_delay=8.0, jitter=0.5)
    pauses = [policy.delay(3) for _ in range(200)]
    assert all(2.0 <= pause <= 4.0 for pause in pauses)
    assert len(set(pauses)) > 100  # not one value: processes that failed together spread out


async def test_publish_returns_once_subscribers_are_done() -> None:
    done: list[int] = []

    async def slow(events: Sequence[CloudEvent]) -> None:
        await asyncio.sleep(0.05)
        done.extend(e["data"]["task"]["id"] for e in events)

    bus = MemoryBus(retry=FAST)
    bus.subscribe(topics.TASK_EVENTS, group="a", handler=slow)
    bus.subscribe(topics.TASK_UPDATES, group="b", handler=slow)
    await bus.start()
    await bus.publish([Outgoing(topics.TASK_EVENTS, "1", event(1))])
    assert done == [1]
    await bus.stop()
    await eventually(lambda: asyncio.sleep(0, result=done), until=lambda d: d == [1])
