"""The relay's and scheduler's idle wait ends on a wake or a timeout, and never keeps a
cancelled loop alive."""

from __future__ import annotations

import asyncio
import time

from todo_chatbot.workers.wake import wait_for_wake


async def _idle_loop(wake: asyncio.Event) -> None:
    while True:
        await wait_for_wake(wake, 60)
        wake.clear()


async def test_a_cancel_that_lands_as_the_wake_fires_still_stops_the_loop() -> None:
    wake = asyncio.Event()
    task = asyncio.create_task(_idle_loop(wake))
    await asyncio.sleep(0)  # the loop now waits
    wake.set()
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5)
    assert task in done and task.cancelled()


async def test_it_returns_on_a_wake_and_after_the_pause() -> None:
    wake = asyncio.Event()
    asyncio.get_running_loop().call_soon(wake.set)
    async with asyncio.timeout(5):
        await wait_for_wake(wake, 60)
    started = time.monotonic()
    await wait_for_wake(asyncio.Event(), 0.05)
    assert time.monotonic() - started >= 0.04
