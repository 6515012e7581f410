"""The reminder scheduler: emits `reminder due` when a task's reminder time passes.

It scans at start (so a scheduler that was down catches up), then sleeps until the next
reminder or SCHEDULER_INTERVAL_SECONDS, whichever is sooner, and wakes early when this
process commits a task change. Exactly once, also with several schedulers: see
services.reminders. (No Dapr Jobs callback: the Jobs API needs the dapr-scheduler service,
and this loop already wakes for the next reminder.)
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from todo_chatbot.bus.delivery import describe
from todo_chatbot.services import reminders
from todo_chatbot.store.db import Database
from todo_chatbot.store.repositories import outbox
from todo_chatbot.workers.wake import wait_for_wake

log = logging.getLogger(__name__)

MIN_PAUSE = 0.05  # another scheduler may hold a due row for a moment


@dataclass
class ReminderScheduler:
    database: Database
    interval: float = 5.0
    batch: int = reminders.BATCH
    _wake: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    async def scan(self) -> int:
        """Emit every reminder that is due now; return how many."""
        total = 0
        while True:
            async with self.database.transaction() as session:
                emitted = await reminders.emit_due_reminders(
                    session, now=datetime.now(UTC), limit=self.batch
                )
            total += len(emitted)
            if len(emitted) < self.batch:
                return total

    async def run(self) -> None:
        outbox.add_commit_listener(self._wake.set)
        try:
            pause = 0.0  # scan at once: a scheduler that was down catches up
            while True:
                await wait_for_wake(self._wake, pause)
                self._wake.clear()
                try:
                    pause = await self._scan_if_due()
                except Exception as exc:
                    log.warning("reminder scan failed", extra={"error": describe(exc)})
                    pause = self.interval
        finally:
            outbox.remove_commit_listener(self._wake.set)

    async def _scan_if_due(self) -> float:
        """Scan when the earliest pending reminder has come; return how long to sleep."""
        async with self.database.transaction(read_only=True) as session:
            upcoming = await reminders.next_reminder_at(session)
        if upcoming is not None and upcoming <= datetime.now(UTC):
            emitted = await self.scan()
            log.info("reminders emitted", extra={"count": emitted})
            async with self.database.transaction(read_only=True) as session:
                upcoming = await reminders.next_reminder_at(session)
        if upcoming is None:
            return self.interval
        seconds = (upcoming - datetime.now(UTC)).total_seconds()
        return max(MIN_PAUSE, min(self.interval, seconds))
