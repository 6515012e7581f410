"""Bus handlers: each applies a batch of events in one transaction through the inbox."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from todo_chatbot.bus.base import Handler
from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.events.live import LiveHub
from todo_chatbot.events.metrics import EVENTS_CONSUMED, NOTIFICATIONS_DELIVERED
from todo_chatbot.services import notifications, recurring
from todo_chatbot.services.inbox import apply_once
from todo_chatbot.store.db import Database
from todo_chatbot.workers.webhook import WebhookSender, slack_payload

log = logging.getLogger(__name__)

RECURRING = "recurring"
NOTIFIER = "notifier"


def _count(consumer: str, total: int, duplicates: int) -> None:
    EVENTS_CONSUMED.labels(consumer, "applied").inc(total - duplicates)
    if duplicates:
        EVENTS_CONSUMED.labels(consumer, "duplicate").inc(duplicates)


def recurring_handler(database: Database) -> Handler:
    async def handle(events: Sequence[CloudEvent]) -> None:
        async with database.transaction() as session:
            created, duplicates = await apply_once(
                session, consumer=RECURRING, events=events, effect=recurring.on_task_event
            )
        _count(RECURRING, len(events), duplicates)
        for task in created:
            log.info("next recurring instance created", extra={"task_id": task.id})

    return handle


def notifier_handler(database: Database, webhook: WebhookSender) -> Handler:
    async def handle(events: Sequence[CloudEvent]) -> None:
        async with database.transaction() as session:
            delivered, duplicates = await apply_once(
                session, consumer=NOTIFIER, events=events, effect=notifications.on_reminder
            )
        _count(NOTIFIER, len(events), duplicates)
        # After commit: the stored notification is the record; these are best effort.
        for item in delivered:
            note = item.notification
            log.info(
                "reminder",
                extra={"user_id": item.user_id, "task_id": note.task_id, "title": note.title},
            )
            NOTIFICATIONS_DELIVERED.labels("in_app").inc()
            NOTIFICATIONS_DELIVERED.labels("log").inc()
            webhook.submit(slack_payload(note.title, note.message))

    return handle


def live_handler(hub: LiveHub) -> Handler:
    async def handle(events: Sequence[CloudEvent]) -> None:
        for event in events:
            hub.dispatch(event)

    return handle
