"""The bus interface every adapter implements, and what flows through it."""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.events.tracecontext import traced_handler

if TYPE_CHECKING:
    from fastapi import APIRouter

# Applies a batch of events (in order) and returns normally only once their effects are
# stored; raising means "not applied" and the bus retries.
Handler = Callable[[Sequence[CloudEvent]], Awaitable[None]]


@dataclass(frozen=True)
class Outgoing:
    topic: str
    key: str
    event: CloudEvent


@dataclass(frozen=True)
class Subscription:
    topic: str
    group: str  # consumer group: each message goes to one member of each group
    handler: Handler
    broadcast: bool = False  # every process gets every message (live UI fan-out)


@dataclass(frozen=True)
class RetryPolicy:
    """The one retry policy: exponential backoff between tries, capped, with jitter so that
    processes that failed together do not retry together. Used for event deliveries (then
    the dead-letter topic), outbox publishing and webhook sends."""

    attempts: int = 3
    base_delay: float = 0.2
    factor: float = 2.0
    max_delay: float = 5.0
    jitter: float = 0.2  # each pause is shortened by up to this fraction, at random

    def delay(self, attempt: int) -> float:
        """Pause after failed try number `attempt` (1-based)."""
        pause = float(min(self.max_delay, self.base_delay * self.factor ** (attempt - 1)))
        return pause * (1 - self.jitter * random.random())  # noqa: S311 (not security)


def retryable_status(status: int) -> bool:
    """An HTTP answer worth trying again: a server error, a timeout or "too many"; any other
    4xx will be refused again the same way."""
    return status >= 500 or status in (408, 429)


class PublishError(Exception):
    """Publishing stopped part-way: the first `published` messages went out, the rest not."""

    def __init__(self, message: str, *, published: int) -> None:
        super().__init__(message)
        self.published = published


@dataclass
class Bus(ABC):
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    subscriptions: list[Subscription] = field(default_factory=list)

    def subscribe(
        self, topic: str, *, group: str, handler: Handler, broadcast: bool = False
    ) -> None:
        """Register before `start()`. Each handling continues the trace its events carry."""
        traced = traced_handler(topic, handler)
        self.subscriptions.append(Subscription(topic, group, traced, broadcast))

    @abstractmethod
    async def start(self) -> None: ...

    @abstractmethod
    async def stop(self) -> None: ...

    @abstractmethod
    async def publish(self, messages: Sequence[Outgoing]) -> None:
        """Send in order; per key the order is kept. Raises PublishError on failure."""

    @abstractmethod
    async def check(self) -> None:
        """Readiness: raise if the broker cannot be reached."""

    def routers(self) -> list[APIRouter]:
        """HTTP routes the process must serve for this bus (a push-based sidecar calls in)."""
        return []
