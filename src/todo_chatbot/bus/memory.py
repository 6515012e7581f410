"""The in-process bus (embedded mode): one queue and one consumer task per subscription.

`publish` returns once every subscriber has handled the messages (applied them, or
dead-lettered them), so the relay marks outbox rows as sent only when nothing remains in
process memory: a crash in between makes the relay publish them again, and the consumers'
inbox drops the repeats.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from todo_chatbot.bus.base import Bus, Outgoing, Subscription
from todo_chatbot.bus.delivery import ConsumerStalled, Received, deliver
from todo_chatbot.concurrency import stop_tasks
from todo_chatbot.events.envelope import encode
from todo_chatbot.events.topics import dead_letter

log = logging.getLogger(__name__)

BATCH = 200
STALL_BACKOFF_MAX = 5.0


@dataclass
class _Item:
    message: Received
    done: asyncio.Future[None]


@dataclass(frozen=True)
class DeadLettered:
    message: Received
    error: str


@dataclass
class MemoryBus(Bus):
    dead_letters: defaultdict[str, list[DeadLettered]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _queues: dict[int, tuple[Subscription, asyncio.Queue[_Item]]] = field(
        default_factory=dict, init=False
    )
    _tasks: list[asyncio.Task[None]] = field(default_factory=list, init=False)

    async def start(self) -> None:
        for index, subscription in enumerate(self.subscriptions):
            queue: asyncio.Queue[_Item] = asyncio.Queue()
            self._queues[index] = (subscription, queue)
            self._tasks.append(asyncio.create_task(self._consume(subscription, queue)))

    async def stop(self) -> None:
        await stop_tasks(self._tasks)
        self._tasks.clear()
        self._queues.clear()

    async def check(self) -> None:
        """Always reachable: it lives in this process."""

    async def publish(self, messages: Sequence[Outgoing]) -> None:
        waiting = [self._enqueue(m.topic, m.key, encode(m.event)) for m in messages]
        await asyncio.gather(*(future for futures in waiting for future in futures))

    def _enqueue(self, topic: str, key: str | None, value: bytes) -> list[asyncio.Future[None]]:
        loop = asyncio.get_running_loop()
        futures = []
        for subscription, queue in self._queues.values():
            if subscription.topic == topic:
                future: asyncio.Future[None] = loop.create_future()
                queue.put_nowait(_Item(Received(topic, key, value, "memory"), future))
                futures.append(future)
        return futures

    async def _dead_letter(self, message: Received, error: str) -> None:
        topic = dead_letter(message.topic)
        self.dead_letters[topic].append(DeadLettered(message, error))
        self._enqueue(topic, message.key, message.value)

    async def _consume(self, subscription: Subscription, queue: asyncio.Queue[_Item]) -> None:
        while True:
            items = [await queue.get()]
            while len(items) < BATCH and not queue.empty():
                items.append(queue.get_nowait())
            await self._handle(subscription, items)
            for item in items:
                if not item.done.done():
                    item.done.set_result(None)

    async def _handle(self, subscription: Subscription, items: list[_Item]) -> None:
        pause = self.retry.base_delay
        while True:
            try:
                await deliver(
                    [item.message for item in items],
                    subscription.handler,
                    retry=self.retry,
                    dead_letter=self._dead_letter,
                )
                return
            except ConsumerStalled as exc:
                log.warning("consumer stalled; retrying", extra={"error": str(exc)})
            except Exception:
                log.exception("consumer failed; retrying")
            await asyncio.sleep(pause)
            pause = min(STALL_BACKOFF_MAX, pause * 2)
