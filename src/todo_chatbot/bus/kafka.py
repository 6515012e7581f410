"""Kafka directly (aiokafka): idempotent producer keyed by task id; one consumer per
subscription in its consumer group, committing an offset only after the effects of the
messages before it are stored (or the messages are dead-lettered)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from todo_chatbot.bus.base import Bus, Outgoing, PublishError, Subscription
from todo_chatbot.bus.delivery import ConsumerStalled, Received, deliver, describe
from todo_chatbot.concurrency import stop_tasks
from todo_chatbot.events import topics
from todo_chatbot.events.envelope import encode

log = logging.getLogger(__name__)

BATCH = 500
BACKOFF_MAX = 10.0


@dataclass
class KafkaBus(Bus):
    bootstrap_servers: str = "localhost:9092"
    client_id: str = "todo-chatbot"
    partitions: int = 3
    replication_factor: int = 1
    request_timeout_ms: int = 10_000
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    publish_timeout: float = 15.0
    topic_prefix: str = ""  # isolates environments (or tests) sharing one cluster
    _producer: AIOKafkaProducer | None = field(default=None, init=False)
    _producer_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)
    _topics_ready: bool = field(default=False, init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list, init=False)

    async def start(self) -> None:
        with contextlib.suppress(Exception):  # the broker may come later; publish retries
            await self._ensure_topics()
        for subscription in self.subscriptions:
            self._tasks.append(asyncio.create_task(self._consume(subscription)))

    async def stop(self) -> None:
        await stop_tasks(self._tasks)
        self._tasks.clear()
        await self._drop_producer()

    async def check(self) -> None:
        producer = await self._get_producer()
        await asyncio.wait_for(producer.partitions_for(self._physical(topics.TASK_EVENTS)), 5)

    async def publish(self, messages: Sequence[Outgoing]) -> None:
        try:
            producer = await self._get_producer()
            sent = [
                await producer.send(self._physical(m.topic), encode(m.event), key=m.key.encode())
                for m in messages
            ]
            results = await asyncio.wait_for(
                asyncio.gather(*sent, return_exceptions=True), self.publish_timeout
            )
        except Exception as exc:
            await self._drop_producer()
            raise PublishError(describe(exc), published=0) from exc
        for index, result in enumerate(results):
            if isinstance(result, BaseException):
                await self._drop_producer()
                raise PublishError(describe(result), published=index) from result

    async def _get_producer(self) -> AIOKafkaProducer:
        async with self._producer_lock:
            if self._producer is None:
                producer = AIOKafkaProducer(
                    bootstrap_servers=self.bootstrap_servers,
                    client_id=self.client_id,
                    acks="all",
                    enable_idempotence=True,
                    request_timeout_ms=self.request_timeout_ms,
                )
                try:
                    await producer.start()
                except BaseException:
                    await producer.stop()
                    raise
                self._producer = producer
            if not self._topics_ready:
                with contextlib.suppress(Exception):
                    await self._ensure_topics()
            return self._producer

    async def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(producer.stop(), 5)

    async def _ensure_topics(self) -> None:
        """Create the topics and their dead-letter twins when missing (in a cluster the
        chart creates them; this serves local runs and tests)."""
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.bootstrap_servers, request_timeout_ms=self.request_timeout_ms
        )
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            logical = [*topics.ALL, *(topics.dead_letter(name) for name in topics.ALL)]
            names = [self._physical(name) for name in logical]
            missing = [
                NewTopic(name, self.partitions, self.replication_factor)
                for name in names
                if name not in existing
            ]
            if missing:
                with contextlib.suppress(TopicAlreadyExistsError):
                    await admin.create_topics(missing)
            self._topics_ready = True
        finally:
            await admin.close()

    def _new_consumer(self, subscription: Subscription) -> AIOKafkaConsumer:
        if subscription.broadcast:
            # No group: this process reads every partition from the current end.
            return AIOKafkaConsumer(
                self._physical(subscription.topic),
                bootstrap_servers=self.bootstrap_servers,
                client_id=f"{self.client_id}-{uuid.uuid4().hex[:8]}",
                group_id=None,
                auto_offset_reset="latest",
                enable_auto_commit=False,
                request_timeout_ms=self.request_timeout_ms,
            )
        return AIOKafkaConsumer(
            self._physical(subscription.topic),
            bootstrap_servers=self.bootstrap_servers,
            client_id=self.client_id,
            group_id=subscription.group,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            session_timeout_ms=self.session_timeout_ms,
            heartbeat_interval_ms=self.heartbeat_interval_ms,
            request_timeout_ms=self.request_timeout_ms,
        )

    async def _consume(self, subscription: Subscription) -> None:
        pause = self.retry.base_delay
        while True:
            consumer = self._new_consumer(subscription)
            try:
                await consumer.start()
                pause = self.retry.base_delay
                await self._poll(subscription, consumer)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "consumer restarting",
                    extra={"topic": subscription.topic, "error": describe(exc)},
                )
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(consumer.stop(), 10)
            await asyncio.sleep(pause)
            pause = min(BACKOFF_MAX, pause * 2)

    async def _poll(self, subscription: Subscription, consumer: AIOKafkaConsumer) -> None:
        stall = self.retry.base_delay
        while True:
            batches = await consumer.getmany(timeout_ms=500, max_records=BATCH)
            for partition, records in batches.items():
                try:
                    await deliver(
                        [_received(subscription.topic, partition, record) for record in records],
                        subscription.handler,
                        retry=self.retry,
                        dead_letter=self._dead_letter,
                    )
                except ConsumerStalled as exc:
                    log.warning("consumer stalled", extra={"error": str(exc)})
                    consumer.seek(partition, records[0].offset)
                    await asyncio.sleep(stall)
                    stall = min(BACKOFF_MAX, stall * 2)
                    continue
                stall = self.retry.base_delay
                if not subscription.broadcast:
                    await self._commit(consumer, partition, records[-1].offset + 1)

    async def _commit(
        self, consumer: AIOKafkaConsumer, partition: TopicPartition, offset: int
    ) -> None:
        try:
            await consumer.commit({partition: offset})
        except KafkaError as exc:
            # The effects are stored; after a rebalance or restart the messages come again
            # and the inbox drops them.
            log.warning("offset commit failed", extra={"error": describe(exc)})

    async def _dead_letter(self, message: Received, error: str) -> None:
        headers = [
            ("error", error.encode()),
            ("original-topic", message.topic.encode()),
            ("origin", message.origin.encode()),
        ]
        try:
            producer = await self._get_producer()
            await asyncio.wait_for(
                producer.send_and_wait(
                    self._physical(topics.dead_letter(message.topic)),
                    message.value,
                    key=message.key.encode() if message.key else None,
                    headers=headers,
                ),
                self.publish_timeout,
            )
        except Exception as exc:
            await self._drop_producer()
            raise ConsumerStalled(f"dead-lettering failed: {describe(exc)}") from exc

    def _physical(self, topic: str) -> str:
        return self.topic_prefix + topic


def _received(
    topic: str, partition: TopicPartition, record: ConsumerRecord[bytes, bytes]
) -> Received:
    return Received(
        topic=topic,
        key=record.key.decode(errors="replace") if record.key else None,
        value=record.value or b"",
        origin=f"{partition.topic}/{partition.partition}@{record.offset}",
    )
