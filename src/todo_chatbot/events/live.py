"""Fan-out of `task-updates` to the open Server-Sent-Events streams of this process.

Every api process reads the whole `task-updates` topic and hands each event to the streams of
the user it belongs to. A stream that falls behind loses its oldest messages rather than
slowing the others; the page can always reload the lists it shows.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from todo_chatbot.events import types
from todo_chatbot.events.envelope import CloudEvent

QUEUE_SIZE = 256


@dataclass(frozen=True)
class LiveMessage:
    """One SSE message: `event` is the SSE event name, `data` its JSON body."""

    id: str
    event: str
    data: dict[str, Any]


def to_live_message(event: CloudEvent) -> tuple[int, LiveMessage] | None:
    """The user and SSE message for an event, or None for events the UI does not show."""
    data = event["data"]
    if event["type"] == types.NOTIFICATION_CREATED:
        return data["user_id"], LiveMessage(event["id"], "reminder", data["notification"])
    kind = types.TASK_EVENT_KINDS.get(event["type"])
    if kind is None:
        return None
    return data["user_id"], LiveMessage(event["id"], "task", {"type": kind, "task": data["task"]})


class LiveHub:
    def __init__(self, queue_size: int = QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._streams: defaultdict[int, set[asyncio.Queue[LiveMessage]]] = defaultdict(set)

    @contextlib.contextmanager
    def listen(self, user_id: int) -> Iterator[asyncio.Queue[LiveMessage]]:
        queue: asyncio.Queue[LiveMessage] = asyncio.Queue(self._queue_size)
        self._streams[user_id].add(queue)
        try:
            yield queue
        finally:
            self._streams[user_id].discard(queue)
            if not self._streams[user_id]:
                del self._streams[user_id]

    def dispatch(self, event: CloudEvent) -> None:
        routed = to_live_message(event)
        if routed is None:
            return
        user_id, message = routed
        for queue in self._streams.get(user_id, ()):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message)


def live_hub_of(state: Any) -> LiveHub:
    """The process's hub, kept on the app state (created on first use)."""
    hub = getattr(state, "live_hub", None)
    if not isinstance(hub, LiveHub):
        hub = LiveHub()
        state.live_hub = hub
    return hub
