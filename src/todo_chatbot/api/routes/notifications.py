"""In-app notifications and the live Server-Sent-Events stream.

The stream sends `reminder` events (data: the stored notification) and `task` events (data:
`{type, task}` for created / updated / completed / reopened / deleted), each with the
CloudEvent id as the SSE id. sse-starlette frames them, pings idle streams and notices when
a client goes away.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from todo_chatbot.api.deps import IdPath, SessionDep, UserIdDep
from todo_chatbot.events.live import live_hub_of
from todo_chatbot.services import notifications
from todo_chatbot.services.notifications import LIST_LIMIT_MAX, NotificationOut, NotificationPage

router = APIRouter(prefix="/api/v1", tags=["notifications"])

KEEP_ALIVE_SECONDS = 15.0
RECONNECT_MILLISECONDS = 3000


@router.get("/notifications")
async def list_(
    session: SessionDep,
    user_id: UserIdDep,
    limit: Annotated[int, Query(ge=1, le=LIST_LIMIT_MAX)] = 50,
    unread: Annotated[bool, Query(description="only unread notifications")] = False,
) -> NotificationPage:
    return await notifications.list_notifications(
        session, user_id=user_id, limit=limit, unread_only=unread
    )


@router.post("/notifications/{notification_id}/read")
async def mark_read(
    notification_id: IdPath, session: SessionDep, user_id: UserIdDep
) -> NotificationOut:
    return await notifications.mark_read(session, user_id=user_id, notification_id=notification_id)


@router.get("/events/stream", response_class=EventSourceResponse)
async def stream(request: Request, user_id: UserIdDep) -> EventSourceResponse:
    hub = live_hub_of(request.app.state)

    async def events() -> AsyncIterator[ServerSentEvent]:
        with hub.listen(user_id) as queue:
            yield ServerSentEvent(comment="connected", retry=RECONNECT_MILLISECONDS)
            while True:
                message = await queue.get()
                data = json.dumps(message.data, separators=(",", ":"))
                yield ServerSentEvent(data=data, event=message.event, id=message.id)

    return EventSourceResponse(
        events(),
        ping=KEEP_ALIVE_SECONDS,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
