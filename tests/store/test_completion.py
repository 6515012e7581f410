"""Completing, reopening and toggling are one UPDATE each: a task the same transaction
already holds reads the change, marking twice changes it once, and a mark that waited on
a concurrent change reports that change."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.events.driving import local_user
from tests.support.app import make_settings
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut
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


@pytest.mark.postgres
async def test_a_mark_that_waited_on_a_change_returns_the_tags_that_change_left(
    pg_url: str, tmp_path: Path
) -> None:
    """The UPDATE returns the row as the change left it, but reads tags as they were before
    it waited: the mark must report the committed tags, or its event replays old ones."""
    database = Database(make_settings(pg_url, tmp_path).async_database_url)
    try:
        user_id = await local_user(database)
        async with database.transaction() as session:
            fields = {"title": "Raced", "tags": ["before"]}
            created = await tasks.create_task(session, user_id=user_id, fields=fields)
        async with database.transaction() as editing:
            changes = {"tags": ["after"]}
            await tasks.update_task(editing, user_id=user_id, task_id=created.id, changes=changes)
            marking = asyncio.create_task(_complete(database, user_id, created.id))
            await _until_a_backend_waits_on_a_lock(database)
        marked = await marking
    finally:
        await database.dispose()
    assert (marked.completed, marked.tags) == (True, ["after"])


async def _complete(database: Database, user_id: int, task_id: int) -> TaskOut:
    async with database.transaction() as session:
        return await tasks.complete_task(session, user_id=user_id, task_id=task_id)


async def _until_a_backend_waits_on_a_lock(database: Database) -> None:
    waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
    async with asyncio.timeout(10):
        while True:
            async with database.transaction(read_only=True) as session:
                if await session.scalar(waiting):
                    return
            await asyncio.sleep(0.01)
