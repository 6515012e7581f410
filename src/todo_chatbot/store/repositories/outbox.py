"""The outbox: events stored with the change they describe, published later by the relay."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from todo_chatbot.store.models import OutboxEvent
from todo_chatbot.store.multirow import insert_rows
from todo_chatbot.store.types import utcnow

_WRITTEN = "outbox_written"
_TABLE = cast(Table, OutboxEvent.__table__)
_commit_listeners: set[Callable[[], None]] = set()


@dataclass(frozen=True, slots=True)
class NewEvent:
    event_id: str
    topic: str
    event_type: str
    partition_key: str
    payload: dict[str, Any]


async def add(session: AsyncSession, events: Sequence[NewEvent]) -> None:
    """Store events (services/events validated them against their JSON Schema) in one
    statement, at once rather than at the next flush."""
    now = utcnow()
    rows = [
        {
            "event_id": e.event_id,
            "topic": e.topic,
            "event_type": e.event_type,
            "partition_key": e.partition_key,
            "payload": e.payload,
            "created_at": now,
            "attempts": 0,
        }
        for e in events
    ]
    await insert_rows(session, _TABLE, rows)
    session.info[_WRITTEN] = True


def add_commit_listener(listener: Callable[[], None]) -> None:
    """Call `listener` after each commit in this process that wrote outbox rows, so a relay
    running here publishes at once instead of at its next poll."""
    _commit_listeners.add(listener)


def remove_commit_listener(listener: Callable[[], None]) -> None:
    _commit_listeners.discard(listener)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_WRITTEN, False):
        for listener in list(_commit_listeners):
            listener()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


async def claim_pending(session: AsyncSession, *, limit: int, lock: bool) -> list[OutboxEvent]:
    """The oldest unpublished rows, in id order.

    With `lock` (PostgreSQL) the rows are locked with SKIP LOCKED, so concurrent relays take
    disjoint rows; then a row is only kept when no earlier row with its partition key is
    pending in another relay's hands, so one task's events are still published in order.
    """
    statement = (
        select(OutboxEvent)
        .where(OutboxEvent.published_at.is_(None))
        .order_by(OutboxEvent.id)
        .limit(limit)
    )
    if not lock:
        return list((await session.scalars(statement)).all())
    rows = list((await session.scalars(statement.with_for_update(skip_locked=True))).all())
    if not rows:
        return rows
    mine = {row.id for row in rows}
    earlier = await session.execute(
        select(OutboxEvent.id, OutboxEvent.partition_key)
        .where(
            OutboxEvent.published_at.is_(None),
            OutboxEvent.partition_key.in_({row.partition_key for row in rows}),
            OutboxEvent.id <= rows[-1].id,
        )
        .order_by(OutboxEvent.id)
    )
    allowed: set[int] = set()
    blocked: set[str] = set()
    for row_id, key in earlier:
        if key in blocked:
            continue
        if row_id in mine:
            allowed.add(row_id)
        else:
            blocked.add(key)
    return [row for row in rows if row.id in allowed]


async def mark_published(session: AsyncSession, ids: Sequence[int], *, at: datetime) -> None:
    if ids:
        await session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(ids), OutboxEvent.published_at.is_(None))
            .values(published_at=at)
        )


async def record_failure(session: AsyncSession, ids: Sequence[int], *, error: str) -> None:
    if ids:
        await session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(ids))
            .values(attempts=OutboxEvent.attempts + 1, last_error=error[:2000])
        )


async def pending_stats(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many rows wait to be published, and when the oldest of them was written."""
    count, oldest = (
        await session.execute(
            select(func.count(), func.min(OutboxEvent.created_at)).where(
                OutboxEvent.published_at.is_(None)
            )
        )
    ).one()
    return int(count), oldest
