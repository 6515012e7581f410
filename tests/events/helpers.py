"""Waiting on conditions with a deadline, and small builders shared by the event tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy import func, select

from todo_chatbot.store.db import Database
from todo_chatbot.store.models import ProcessedEvent

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]],
    *,
    until: Callable[[T], bool] = bool,
    timeout: float = 10.0,
    interval: float = 0.02,
) -> T:
    """Call `probe` until `until(result)` holds; fail with the last result at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if until(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s; last: {result!r}")
        await asyncio.sleep(interval)


async def processed_count(database: Database, consumer: str, event_ids: list[str]) -> int:
    async with database.transaction() as session:
        count = await session.scalar(
            select(func.count()).where(
                ProcessedEvent.consumer == consumer, ProcessedEvent.event_id.in_(event_ids)
            )
        )
    return int(count or 0)
