"""The event pieces one process runs, wired to one bus: any of the four workers, plus the
live-update feed of an api process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection
from types import TracebackType

from fastapi import APIRouter

from todo_chatbot.bus.base import Bus
from todo_chatbot.bus.factory import create_bus
from todo_chatbot.concurrency import stop_tasks
from todo_chatbot.events import topics
from todo_chatbot.events.live import LiveHub
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.handlers import live_handler, notifier_handler, recurring_handler
from todo_chatbot.workers.relay import OutboxRelay
from todo_chatbot.workers.roles import Role
from todo_chatbot.workers.scheduler import ReminderScheduler
from todo_chatbot.workers.webhook import WebhookSender

# Consumer groups double as Dapr app ids.
RECURRING_GROUP = "todo-recurring"
NOTIFIER_GROUP = "todo-notifier"
LIVE_GROUP = "todo-live"


# How long a shutdown waits for the relay to finish the batch it is publishing.
RELAY_STOP_SECONDS = 5.0


class EventRuntime:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        roles: Collection[Role],
        hub: LiveHub | None = None,
        bus: Bus | None = None,
    ) -> None:
        self.roles = frozenset(roles)
        self.database = database
        self.bus = bus or create_bus(settings, client_id=settings.service_name)
        webhook_url = settings.notify_webhook_url
        self.webhook = WebhookSender(webhook_url.get_secret_value() if webhook_url else None)
        self.relay = OutboxRelay(database, self.bus) if Role.relay in self.roles else None
        self.scheduler = (
            ReminderScheduler(database, interval=settings.scheduler_interval_seconds)
            if Role.scheduler in self.roles
            else None
        )
        if Role.recurring in self.roles:
            self.bus.subscribe(
                topics.TASK_EVENTS, group=RECURRING_GROUP, handler=recurring_handler(database)
            )
        if Role.notifier in self.roles:
            self.bus.subscribe(
                topics.REMINDERS,
                group=NOTIFIER_GROUP,
                handler=notifier_handler(database, self.webhook),
            )
        if hub is not None:
            self.bus.subscribe(
                topics.TASK_UPDATES, group=LIVE_GROUP, handler=live_handler(hub), broadcast=True
            )
        self._tasks: list[asyncio.Task[None]] = []
        self._relay_task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> EventRuntime:
        await self.bus.start()
        await self.webhook.start()
        if self.relay is not None:
            self._relay_task = asyncio.create_task(self.relay.run())
            self._tasks.append(self._relay_task)
        if self.scheduler is not None:
            self._tasks.append(asyncio.create_task(self.scheduler.run()))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.relay is not None and self._relay_task is not None:
            # The relay ends its batch (the scheduler never ends by itself: it is cancelled).
            self.relay.stop()
            await asyncio.wait([self._relay_task], timeout=RELAY_STOP_SECONDS)
        await stop_tasks(self._tasks)
        self._tasks.clear()
        self._relay_task = None
        await self.webhook.stop()
        await self.bus.stop()

    def readiness_checks(self) -> dict[str, Callable[[], Awaitable[None]]]:
        return {"database": self.database.ping, "event bus": self.bus.check}

    def routers(self) -> list[APIRouter]:
        """HTTP routes these pieces serve: whatever the bus needs (Dapr's subscriptions)."""
        return self.bus.routers()
