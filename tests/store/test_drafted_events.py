"""Events drafted before their task has an id are stored with it, the id filled in where
they name it, as the text json.dumps writes for the filled payload (what `outbox.add`
stores), whatever else the payload holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text

from tests.events.driving import local_user
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent, Task
from todo_chatbot.store.repositories import outbox
from todo_chatbot.store.repositories import tasks as repo


def payload(new_id: Any, new_id_text: Any) -> dict[str, Any]:
    return {
        "subject": new_id_text,
        'key "quoted" \\ é': ["list", 1, 2.5, None, True, {"nested": "in a list"}],
        "empty": {},
        "nested": {"deeper": {"id": new_id, "again": new_id_text}, "after": -0.0},
        "text": '"\\u001a" \x1a 🙂',  # a hole's look-alikes are only text
        "id": new_id,
    }


async def test_drafts_are_stored_with_the_id_filled_in(database: Database) -> None:
    user_id = await local_user(database)
    now = datetime.now(UTC)
    drafted = payload(outbox.NEW_ID, outbox.NEW_ID_TEXT)
    drafts = [outbox.DraftEvent(f"draft-{n}", f"topic-{n}", "draft", drafted) for n in range(3)]
    async with database.transaction() as session:
        task = Task(user_id=user_id, title="Drafted", created_at=now, updated_at=now)
        task.tag_rows = []
        await repo.add(session, task, events=drafts)
    async with database.transaction(read_only=True) as session:
        rows = list(await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))
        stored = await session.scalars(text("SELECT CAST(payload AS TEXT) FROM outbox ORDER BY id"))
        texts = list(stored)
    expected = payload(task.id, str(task.id))
    assert [row.event_id for row in rows] == ["draft-0", "draft-1", "draft-2"]
    assert [row.topic for row in rows] == ["topic-0", "topic-1", "topic-2"]
    assert {row.partition_key for row in rows} == {str(task.id)}
    assert texts == [json.dumps(expected)] * 3
    assert all(row.payload == expected for row in rows)
