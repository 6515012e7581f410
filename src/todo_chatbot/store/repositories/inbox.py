"""The inbox: which events each consumer has already applied."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import ProcessedEvent


async def claim(session: AsyncSession, *, consumer: str, event_ids: Iterable[str]) -> set[str]:
    """Record the ids as processed by `consumer`; return those that were not recorded yet.

    Runs in the transaction of the effect, so an id is recorded exactly when its effect is.
    On PostgreSQL a concurrent claim of the same id waits for the other transaction and then
    gets nothing back if that one committed.
    """
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return set()
    now = datetime.now(UTC)
    rows = [{"consumer": consumer, "event_id": event_id, "processed_at": now} for event_id in ids]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ProcessedEvent)
        .values(rows)
        .on_conflict_do_nothing()
        .returning(ProcessedEvent.event_id)
    )
    return set((await session.scalars(statement)).all())
