"""The idle wait of the relay and the scheduler: until a commit wakes them or a pause ends."""

from __future__ import annotations

import asyncio
import contextlib


async def wait_for_wake(wake: asyncio.Event, seconds: float) -> None:
    """Return when `wake` is set or `seconds` have passed. asyncio.timeout, not wait_for:
    Python 3.11's wait_for can swallow a cancellation that lands as the event fires, and the
    loop then outlives its shutdown."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await wake.wait()
