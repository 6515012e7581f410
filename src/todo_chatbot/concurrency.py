"""Stopping background tasks so that a shutdown always ends."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)

CANCEL_GRACE_SECONDS = 5.0


async def stop_tasks(
    tasks: Iterable[asyncio.Task[None]], *, grace: float = CANCEL_GRACE_SECONDS
) -> None:
    """Cancel `tasks` and return once every one has ended. A task can swallow a cancel
    (Python 3.11's wait_for does when its awaitable finishes as the cancel lands, and so can
    a library): it is cancelled again every `grace` seconds, with a warning showing where it
    stood, rather than holding the shutdown for ever. A task's own error is logged."""
    tasks = list(tasks)
    pending = {task for task in tasks if not task.done()}
    for task in pending:
        task.cancel()
    while pending:
        _, pending = await asyncio.wait(pending, timeout=grace)
        for task in pending:
            log.warning(
                "task outlived its cancel; cancelling it again",
                extra={"task": task.get_name(), "stack": _stack(task)},
            )
            task.cancel()
    for task in tasks:
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("task ended with an error", exc_info=error, extra={"task": task.get_name()})


def _stack(task: asyncio.Task[None]) -> str:
    out = io.StringIO()
    task.print_stack(file=out)
    return out.getvalue()
