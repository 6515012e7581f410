from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import OutboxEvent


async def add(
    session: AsyncSession,
    *,
    event_id: str,
    topic: str,
    event_type: str,
    partition_key: str,
    payload: dict[str, Any],
) -> None:
    session.add(
        OutboxEvent(
            event_id=event_id,
            topic=topic,
            event_type=event_type,
            partition_key=partition_key,
            payload=payload,
        )
    )
