"""Handing received messages to a handler: validate, retry with backoff, dead-letter.

Shared by the memory and Kafka adapters (Dapr retries and dead-letters in the sidecar).
A run of valid messages is applied as one batch; when the batch fails, its messages are
retried one by one, so a single bad message neither blocks nor drags down the others.
Failures of the infrastructure (database or broker unreachable) are never dead-lettered:
they raise ConsumerStalled and the adapter redelivers the messages later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

from todo_chatbot.bus.base import Handler, RetryPolicy
from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.events.metrics import CONSUMER_RETRIES, EVENTS_DEAD_LETTERED
from todo_chatbot.events.validation import InvalidEvent, parse_event

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Received:
    topic: str
    key: str | None
    value: bytes
    origin: str = ""  # where it came from, for logs and dead-letter headers


DeadLetter = Callable[[Received, str], Awaitable[None]]


class ConsumerStalled(Exception):
    """The infrastructure failed; deliver the same messages again later."""


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(
        exc,
        OperationalError | InterfaceError | DisconnectionError | ConnectionError | TimeoutError,
    )


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


async def deliver(
    messages: Sequence[Received],
    handler: Handler,
    *,
    retry: RetryPolicy,
    dead_letter: DeadLetter,
) -> None:
    run: list[tuple[Received, CloudEvent]] = []
    for message in messages:
        try:
            run.append((message, parse_event(message.value)))
        except InvalidEvent:
            await _apply_run(run, handler, retry, dead_letter)
            run = []
            await _apply_one(message, handler, retry, dead_letter)
    await _apply_run(run, handler, retry, dead_letter)


async def _apply_run(
    run: list[tuple[Received, CloudEvent]],
    handler: Handler,
    retry: RetryPolicy,
    dead_letter: DeadLetter,
) -> None:
    if not run:
        return
    if len(run) > 1:
        try:
            await handler([event for _, event in run])
            return
        except Exception as exc:
            log.warning("batch failed; retrying its messages one by one: %s", describe(exc))
    for message, _ in run:
        await _apply_one(message, handler, retry, dead_letter)


async def _apply_one(
    message: Received, handler: Handler, retry: RetryPolicy, dead_letter: DeadLetter
) -> None:
    failure: BaseException | None = None
    for attempt in range(1, retry.attempts + 1):
        try:
            await handler([parse_event(message.value)])
            return
        except Exception as exc:
            failure = exc
        if attempt < retry.attempts:
            CONSUMER_RETRIES.labels(message.topic).inc()
            log.warning(
                "handling failed, will retry",
                extra={"topic": message.topic, "attempt": attempt, "error": describe(failure)},
            )
            await asyncio.sleep(retry.delay(attempt))
    assert failure is not None
    if is_transient(failure):
        raise ConsumerStalled(describe(failure)) from failure
    error = describe(failure)
    await dead_letter(message, error)
    EVENTS_DEAD_LETTERED.labels(message.topic).inc()
    log.error(
        "message dead-lettered",
        extra={"topic": message.topic, "origin": message.origin, "error": error},
    )
