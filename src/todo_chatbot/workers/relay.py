"""The outbox relay: publishes pending outbox rows in order and marks them sent.

On PostgreSQL the rows stay locked (FOR UPDATE SKIP LOCKED) while they are published, so
several relays share the work without publishing a row twice. SQLite serves one process
(writers queue on one lock, which must not be held while consumers in this process work),
so there a batch is read, published, then marked in the transaction that reads the next
batch; a crash in between only repeats a publish, and consumers drop repeats. A failed
publish leaves the rows pending: the relay backs off and tries again from the same row, so
nothing is skipped. Commits in this process wake the relay at once; polling covers writers
in other processes (PostgreSQL), so on SQLite it is only a slow safety net.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.bus.base import Bus, Outgoing, PublishError, RetryPolicy
from todo_chatbot.bus.delivery import describe
from todo_chatbot.events.metrics import (
    EVENTS_PUBLISHED,
    OUTBOX_OLDEST_AGE,
    OUTBOX_PENDING,
    PUBLISH_FAILURES,
)
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent
from todo_chatbot.store.repositories import outbox
from todo_chatbot.workers.wake import wait_for_wake

log = logging.getLogger(__name__)


class RelayError(Exception):
    pass


# Publishing is retried for ever: only the pause between tries comes from the policy.
PUBLISH_RETRY = RetryPolicy(base_delay=0.2, max_delay=10.0)


@dataclass
class OutboxRelay:
    database: Database
    bus: Bus
    batch_size: int = 500
    poll_interval: float = 0.05
    sqlite_poll_interval: float = 1.0
    publish_timeout: float = 30.0
    retry: RetryPolicy = PUBLISH_RETRY
    metrics_interval: float = 5.0
    _wake: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _metrics_due: float = field(default=0.0, init=False)
    _unmarked: list[int] = field(default_factory=list, init=False)
    _stopping: bool = field(default=False, init=False)

    def stop(self) -> None:
        """Let `run` return after the batch in hand, rather than be cancelled inside a
        transaction (its connection would then be reset while the loop shuts down)."""
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        outbox.add_commit_listener(self._wake.set)
        failures = 0
        try:
            while not self._stopping:
                self._wake.clear()
                try:
                    sent = await self.publish_pending()
                    failures = 0
                except Exception as exc:
                    failures += 1
                    PUBLISH_FAILURES.inc()
                    pause = self.retry.delay(failures)
                    log.warning(
                        "outbox publish failed; backing off",
                        extra={"error": describe(exc), "retry_in_seconds": pause},
                    )
                    await asyncio.sleep(pause)
                    continue
                await self._refresh_metrics()
                if sent < self.batch_size:
                    await wait_for_wake(self._wake, self._idle_pause())
        finally:
            outbox.remove_commit_listener(self._wake.set)
            with contextlib.suppress(Exception):
                async with self.database.transaction() as session:
                    await self._mark_earlier(session)

    async def publish_pending(self) -> int:
        """Publish one batch; return how many rows were published."""
        if self.database.is_sqlite:
            return await self._publish_then_mark()
        return await self._publish_locked()

    async def drain(self) -> int:
        """Publish until nothing is pending, and record it all as published."""
        total = 0
        while sent := await self.publish_pending():
            total += sent
        return total

    async def _publish_locked(self) -> int:
        error: str | None = None
        async with self.database.transaction() as session:
            rows = await outbox.claim_pending(session, limit=self.batch_size, lock=True)
            if not rows:
                return 0
            sent, error = await self._publish(rows)
            await self._record(session, rows, sent, error)
        if error is not None:
            raise RelayError(error)
        return sent

    async def _publish_then_mark(self) -> int:
        async with self.database.transaction(read_only=not self._unmarked) as session:
            await self._mark_earlier(session)
            rows = await outbox.claim_pending(session, limit=self.batch_size, lock=False)
        if not rows:
            return 0
        sent, error = await self._publish(rows)
        if error is None:
            self._unmarked = [row.id for row in rows]  # marked with the next read
            for row in rows:
                EVENTS_PUBLISHED.labels(row.topic).inc()
            return sent
        async with self.database.transaction() as session:
            await self._record(session, rows, sent, error)
        raise RelayError(error)

    async def _mark_earlier(self, session: AsyncSession) -> None:
        if self._unmarked:
            await outbox.mark_published(session, self._unmarked, at=_now())
            self._unmarked = []

    def _idle_pause(self) -> float:
        return self.sqlite_poll_interval if self.database.is_sqlite else self.poll_interval

    async def _publish(self, rows: list[OutboxEvent]) -> tuple[int, str | None]:
        messages = [Outgoing(row.topic, row.partition_key, row.payload) for row in rows]
        try:
            async with asyncio.timeout(self.publish_timeout):
                await self.bus.publish(messages)
        except PublishError as exc:
            return exc.published, describe(exc)
        except Exception as exc:
            return 0, describe(exc)
        return len(rows), None

    async def _record(
        self, session: AsyncSession, rows: list[OutboxEvent], sent: int, error: str | None
    ) -> None:
        await outbox.mark_published(session, [row.id for row in rows[:sent]], at=_now())
        if error is not None:
            await outbox.record_failure(session, [row.id for row in rows[sent:]], error=error)
        for row in rows[:sent]:
            EVENTS_PUBLISHED.labels(row.topic).inc()

    async def _refresh_metrics(self) -> None:
        if time.monotonic() < self._metrics_due:
            return
        self._metrics_due = time.monotonic() + self.metrics_interval
        async with self.database.transaction(read_only=True) as session:
            pending, oldest = await outbox.pending_stats(session)
        OUTBOX_PENDING.set(pending)
        OUTBOX_OLDEST_AGE.set((_now() - oldest).total_seconds() if oldest else 0.0)


def _now() -> datetime:
    return datetime.now(UTC)
