"""A shutdown ends even when a background task swallows its cancel."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest

from todo_chatbot.concurrency import stop_tasks


async def _swallows_one_cancel() -> None:
    # What a 3.11 wait_for does when its awaitable finishes as the cancel lands.
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.sleep(3600)
    await asyncio.sleep(3600)


async def _fails() -> None:
    raise RuntimeError("broken worker")


async def test_a_task_that_swallows_its_cancel_is_cancelled_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stubborn = asyncio.create_task(_swallows_one_cancel(), name="stubborn")
    polite = asyncio.create_task(asyncio.sleep(3600))
    await asyncio.sleep(0)
    async with asyncio.timeout(5):
        await stop_tasks([stubborn, polite], grace=0.05)
    assert stubborn.cancelled() and polite.cancelled()
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.task == "stubborn" and "_swallows_one_cancel" in warning.stack  # type: ignore[attr-defined]


async def test_a_task_that_failed_is_logged_and_the_rest_still_stop(
    caplog: pytest.LogCaptureFixture,
) -> None:
    failed = asyncio.create_task(_fails())
    running = asyncio.create_task(asyncio.sleep(3600))
    await asyncio.sleep(0)
    await stop_tasks([failed, running], grace=0.05)
    assert running.cancelled()
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.exc_info is not None and "broken worker" in str(error.exc_info[1])
