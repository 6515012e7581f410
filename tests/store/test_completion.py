"""Completing, reopening and toggling are one UPDATE each: a task the same transaction
already holds reads the change, and marking twice changes it once."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.events.driving import local_user
from todo_chatbot.services import tasks
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import OutboxEvent, Task
from todo_chatbot.store.repositories import tasks as repo


async def test_a_held_task_reads_its_completion(database: Database) -> None:
    user_id = await local_user(database)
    async with database.transaction() as session:
        created = await tasks.create_task(session, user_id=user_id, fields={"title": "Held"})
    async with database.transaction() as session:
        held = await repo.get_for_user(session, user_id=user_id, task_id=created.id)
        assert held is not None and held.completed is False
        done = await tasks.toggle_task(session, user_id=user_id, task_id=created.id)
        assert done.completed and done.completed_at is not None
        assert held.completed is True and held.version == 2
        again = await tasks.reopen_task(session, user_id=user_id, task_id=created.id)
        assert (again.completed, again.completed_at) == (False, None)
        assert held.completed is False and held.completed_at is None


async def test_completing_twice_changes_and_emits_once(database: Database) -> None:
    user_id = await local_user(database)
    async with database.transaction() as session:
        created = await tasks.create_task(session, user_id=user_id, fields={"title": "Once"})
    stamps = []
    for _ in range(2):
        async with database.transaction() as session:
            stamps.append(await tasks.complete_task(session, user_id=user_id, task_id=created.id))
    assert stamps[0] == stamps[1]  # the second changed nothing, not even updated_at
    async with database.transaction(read_only=True) as session:
        kinds = select(OutboxEvent.event_type, func.count()).group_by(OutboxEvent.event_type)
        counted = {kind: n for kind, n in (await session.execute(kinds)).all()}
        version = await session.scalar(select(Task.version).where(Task.id == created.id))
    assert sum(n for kind, n in counted.items() if kind.endswith("completed")) == 2  # 2 topics
    assert version == 2
