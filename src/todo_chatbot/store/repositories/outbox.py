"""The outbox: events stored with the change they describe, published later by the relay."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, cast

from sqlalchemy import (
    ARRAY,
    CTE,
    JSON,
    Insert,
    Table,
    Text,
    bindparam,
    event,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
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


class _NewId:
    """Where an event drafted before its row exists names that row's id."""

    __slots__ = ("quoted",)

    def __init__(self, *, quoted: bool) -> None:
        self.quoted = quoted


NEW_ID: Final = _NewId(quoted=False)  # the id as a JSON number
NEW_ID_TEXT: Final = _NewId(quoted=True)  # the id as a JSON string


@dataclass(frozen=True, slots=True)
class DraftEvent:
    """An event about a row not inserted yet, stored with it: its partition key is the row's
    id, and its payload holds NEW_ID or NEW_ID_TEXT where the id goes."""

    event_id: str
    topic: str
    event_type: str
    payload: dict[str, Any]


# Stands for the id in a draft's JSON text: serialised JSON never holds a raw control
# character (json.dumps escapes them), so replacing it cannot touch the event's own text.
_HOLE = "\x1a"


def _json_text(payload: dict[str, Any]) -> str:
    """`json.dumps(payload)`, the text the JSON column stores (the engine keeps SQLAlchemy's
    default serialiser), with _HOLE where the id goes."""
    token = uuid.uuid4().hex  # a word the event's own text cannot hold by chance

    def mark(value: object) -> str:
        if not isinstance(value, _NewId):
            raise TypeError(f"{type(value).__name__} is not JSON serialisable")
        return f"{token}q" if value.quoted else token

    text = json.dumps(payload, default=mark)
    return text.replace(f'"{token}q"', f'"{_HOLE}"').replace(f'"{token}"', _HOLE)


def insert_drafts(new_row: CTE) -> Insert:
    """PostgreSQL: an INSERT of the drafts in `draft_params`, for a WITH beside the INSERT
    of their row (`new_row`, which returns its `id`): the events cost no statement of their
    own. The database fills the id into each payload's text."""
    given = (
        func.unnest(
            bindparam("event_ids", type_=ARRAY(Text)),
            bindparam("event_topics", type_=ARRAY(Text)),
            bindparam("event_types", type_=ARRAY(Text)),
            bindparam("event_payloads", type_=ARRAY(Text)),
        )
        .table_valued("event_id", "topic", "event_type", "payload", with_ordinality="n")
        .render_derived(name="given_events")
    )
    key = new_row.c.id.cast(Text)
    payload = func.replace(given.c.payload, literal(_HOLE, Text), key).cast(JSON)
    rows = (
        select(
            given.c.event_id,
            given.c.topic,
            given.c.event_type,
            key,
            payload,
            bindparam("events_at", type_=_TABLE.c.created_at.type),
            literal(0),
        )
        .join_from(new_row, given, true())
        .order_by(given.c.n)  # ids in the order given, as `add` numbers them
    )
    columns = ["event_id", "topic", "event_type", "partition_key", "payload"]
    return insert(_TABLE).from_select([*columns, "created_at", "attempts"], rows)


def draft_params(drafts: Sequence[DraftEvent]) -> dict[str, Any]:
    """The parameters of `insert_drafts`; call `note_written` once it has run."""
    return {
        "event_ids": [d.event_id for d in drafts],
        "event_topics": [d.topic for d in drafts],
        "event_types": [d.event_type for d in drafts],
        "event_payloads": [_json_text(d.payload) for d in drafts],
        "events_at": utcnow(),
    }


def note_written(session: AsyncSession) -> None:
    """The transaction wrote outbox rows: its commit wakes the commit listeners."""
    session.info[_WRITTEN] = True


async def add_drafts(session: AsyncSession, drafts: Sequence[DraftEvent], row_id: int) -> None:
    """Store drafts once their row has its id, in a statement of their own (SQLite)."""
    key = str(row_id)
    events = [
        NewEvent(d.event_id, d.topic, d.event_type, key, _filled(d.payload, row_id)) for d in drafts
    ]
    await add(session, events)


def _filled(payload: dict[str, Any], row_id: int) -> dict[str, Any]:
    filled: dict[str, Any] = json.loads(_json_text(payload).replace(_HOLE, str(row_id)))
    return filled


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
    note_written(session)


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
