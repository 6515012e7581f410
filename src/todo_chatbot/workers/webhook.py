"""Optional webhook for reminders (Slack-compatible JSON `{"text": ...}`).

Deliveries are queued and sent by background tasks with retries and exponential backoff, so
a slow or failing webhook never holds up the reminder consumer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from todo_chatbot.bus.base import RetryPolicy, retryable_status
from todo_chatbot.concurrency import stop_tasks
from todo_chatbot.domain.wording import NO_DUE
from todo_chatbot.events.metrics import NOTIFICATIONS_DELIVERED, WEBHOOK_FAILURES

log = logging.getLogger(__name__)


def slack_payload(title: str, message: str) -> dict[str, Any]:
    """The in-app notification's words: "Reminder: Call Bob. Due today at 22:47"."""
    text = f"Reminder: {title}" if message == NO_DUE else f"Reminder: {title}. {message}"
    return {"text": text}


WEBHOOK_RETRY = RetryPolicy(attempts=4, base_delay=0.5)


@dataclass
class WebhookSender:
    url: str | None
    retry: RetryPolicy = WEBHOOK_RETRY
    timeout: float = 5.0
    senders: int = 2
    queue_size: int = 1000
    transport: httpx.AsyncBaseTransport | None = None
    _queue: asyncio.Queue[dict[str, Any]] = field(init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list, init=False)
    _client: httpx.AsyncClient | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._queue = asyncio.Queue(self.queue_size)

    async def start(self) -> None:
        if not self.url:
            return
        self._client = httpx.AsyncClient(timeout=self.timeout, transport=self.transport)
        self._tasks = [asyncio.create_task(self._send_forever()) for _ in range(self.senders)]

    async def stop(self) -> None:
        await stop_tasks(self._tasks)
        self._tasks.clear()
        if self._client is not None:
            await self._client.aclose()

    @property
    def pending(self) -> int:
        """Deliveries queued and not yet taken by a sender."""
        return self._queue.qsize()

    def submit(self, payload: dict[str, Any]) -> None:
        if not self.url:
            return
        try:
            self._queue.put_nowait(payload)
        except asyncio.QueueFull:
            WEBHOOK_FAILURES.inc()
            log.warning("webhook queue full; reminder not sent to the webhook")

    async def _send_forever(self) -> None:
        while True:
            payload = await self._queue.get()
            await self._send(payload)

    async def _send(self, payload: dict[str, Any]) -> None:
        assert self._client is not None and self.url is not None
        for attempt in range(1, self.retry.attempts + 1):
            try:
                response = await self._client.post(self.url, json=payload)
                if response.is_success:
                    NOTIFICATIONS_DELIVERED.labels("webhook").inc()
                    return
                error = f"status {response.status_code}"
                if not retryable_status(response.status_code):
                    break
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            if attempt < self.retry.attempts:
                await asyncio.sleep(self.retry.delay(attempt))
        WEBHOOK_FAILURES.inc()
        log.warning("webhook delivery failed", extra={"error": error})
