"""Waiting on conditions with a deadline, following a user's live stream, and small builders
shared by the event tests."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
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


async def follow_stream(base: str, auth: dict[str, str], frames: list[tuple[str, Any]]) -> None:
    """Append each (event, data) of the user's SSE stream to `frames`, and ("connected", None)
    for the comment it opens with; runs until cancelled."""
    async with (
        httpx.AsyncClient(base_url=base, timeout=None) as http,
        http.stream("GET", "/api/v1/events/stream", headers=auth) as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        event = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event:
                frames.append((event, json.loads(line.removeprefix("data: "))))
            elif line == ": connected":
                frames.append(("connected", None))
