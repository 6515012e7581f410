"""Idempotent consumers: an event's effect is applied once per consumer, however often the
event is delivered, because its id is recorded in the inbox in the effect's transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.events.envelope import CloudEvent
from todo_chatbot.store.repositories import inbox

T = TypeVar("T")
Effect = Callable[[AsyncSession, CloudEvent], Awaitable[T | None]]


async def apply_once(
    session: AsyncSession, *, consumer: str, events: Sequence[CloudEvent], effect: Effect[T]
) -> tuple[list[T], int]:
    """Apply `effect` to each event `consumer` has not applied before, in order.

    Returns the effects' non-None results and how many events were skipped as duplicates.
    """
    fresh = await inbox.claim(session, consumer=consumer, event_ids=[e["id"] for e in events])
    results: list[T] = []
    skipped = 0
    for event in events:
        if event["id"] not in fresh:
            skipped += 1
            continue
        fresh.discard(event["id"])  # the same id twice in one batch applies once
        result = await effect(session, event)
        if result is not None:
            results.append(result)
    return results, skipped
