"""Task use cases (SPEC §1). Callers pass an open transaction; nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import NotFound
from todo_chatbot.domain.queries import TaskQuery, build_query
from todo_chatbot.domain.recurrence import anchor_rule, next_occurrence
from todo_chatbot.domain.tasks import Due, due_key, validate_changes, validate_new_task
from todo_chatbot.services.events import record_task_event
from todo_chatbot.services.views import TaskOut, TaskPage, due_of, offset_minutes
from todo_chatbot.store.models import Task
from todo_chatbot.store.repositories import tasks as repo


def _now() -> datetime:
    return datetime.now(UTC)


def _apply(task: Task, fields: Mapping[str, Any]) -> None:
    """Copy normalised fields onto the row, keeping the derived columns in step."""
    for name in ("title", "description", "recurrence"):
        if name in fields:
            setattr(task, name, fields[name])
    if "priority" in fields:
        task.priority = fields["priority"].value
    if "tags" in fields:
        repo.set_tags(task, fields["tags"])
    if "due" in fields:
        due: Due | None = fields["due"]
        task.due_date = due if isinstance(due, date) and not isinstance(due, datetime) else None
        task.due_at = due if isinstance(due, datetime) else None
        task.due_offset_minutes = offset_minutes(due) if isinstance(due, datetime) else None
        task.due_key = due_key(due)
    if "remind_at" in fields:
        remind_at: datetime | None = fields["remind_at"]
        task.remind_at = remind_at
        task.remind_offset_minutes = offset_minutes(remind_at)
        task.reminded_at = None  # a new reminder time fires again
    if task.recurrence:
        task.recurrence = anchor_rule(task.recurrence, due_of(task))
        task.series_id = task.series_id or str(uuid.uuid4())


async def _owned(
    session: AsyncSession, *, user_id: int, task_id: int, for_update: bool = False
) -> Task:
    task = await repo.get_for_user(session, user_id=user_id, task_id=task_id, for_update=for_update)
    if task is None:
        raise NotFound("task", task_id)
    return task


async def create_task(
    session: AsyncSession, *, user_id: int, fields: Mapping[str, object]
) -> TaskOut:
    clean = validate_new_task(fields)
    now = _now()
    task = Task(user_id=user_id, created_at=now, updated_at=now, completed=False, version=1)
    task.tag_rows = []
    _apply(task, vars(clean))
    await repo.add(session, task)
    out = TaskOut.of(task)
    await record_task_event(session, kind="created", user_id=user_id, task=out)
    return out


async def get_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return TaskOut.of(await _owned(session, user_id=user_id, task_id=task_id))


async def list_tasks(
    session: AsyncSession, *, user_id: int, query: TaskQuery | Mapping[str, object]
) -> TaskPage:
    if not isinstance(query, TaskQuery):
        query = build_query(query)
    items, total = await repo.list_for_user(session, user_id=user_id, query=query, now=_now())
    return TaskPage(
        items=[TaskOut.of(task) for task in items],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


async def update_task(
    session: AsyncSession, *, user_id: int, task_id: int, changes: Mapping[str, object]
) -> TaskOut:
    clean = validate_changes(changes)
    task = await _owned(session, user_id=user_id, task_id=task_id, for_update=True)
    if not clean:
        return TaskOut.of(task)
    _apply(task, clean)
    _touch(task)
    await session.flush()
    out = TaskOut.of(task)
    await record_task_event(session, kind="updated", user_id=user_id, task=out)
    return out


def _touch(task: Task) -> None:
    task.updated_at = _now()
    task.version += 1


async def set_completed(
    session: AsyncSession, *, user_id: int, task_id: int, completed: bool
) -> TaskOut:
    """Complete or reopen; doing it twice changes nothing and emits nothing more."""
    task = await _owned(session, user_id=user_id, task_id=task_id, for_update=True)
    return await _mark(session, task, completed=completed)


async def _mark(session: AsyncSession, task: Task, *, completed: bool) -> TaskOut:
    if task.completed == completed:
        return TaskOut.of(task)
    task.completed = completed
    task.completed_at = _now() if completed else None
    _touch(task)
    await session.flush()
    out = TaskOut.of(task)
    kind = "completed" if completed else "reopened"
    await record_task_event(session, kind=kind, user_id=task.user_id, task=out)
    return out


async def complete_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return await set_completed(session, user_id=user_id, task_id=task_id, completed=True)


async def reopen_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return await set_completed(session, user_id=user_id, task_id=task_id, completed=False)


async def toggle_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    task = await _owned(session, user_id=user_id, task_id=task_id, for_update=True)
    return await _mark(session, task, completed=not task.completed)


async def delete_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    task = await _owned(session, user_id=user_id, task_id=task_id, for_update=True)
    out = TaskOut.of(task)
    await repo.remove(session, task)
    await record_task_event(session, kind="deleted", user_id=user_id, task=out)
    return out


async def create_next_instance(session: AsyncSession, *, task_id: int) -> TaskOut | None:
    """The next occurrence of a completed recurring task, created at most once.

    Its due follows from the rule and the previous due (not the completion time), keeping
    the time of day and the reminder's lead time. Returns None when there is nothing to
    create: not recurring, not completed, the rule has ended, or it already exists.
    """
    task = await repo.get(session, task_id, for_update=True)
    if task is None or not task.recurrence or not task.completed:
        return None
    if await repo.get_next_instance(session, task.id) is not None:
        return None
    previous_due = due_of(task)
    if previous_due is None:
        base = task.completed_at or _now()
        previous_due = base.date()
    next_due = next_occurrence(task.recurrence, previous_due)
    if next_due is None:
        return None
    fields: dict[str, Any] = {
        "title": task.title,
        "description": task.description,
        "priority": task.priority,
        "tags": [row.tag for row in task.tag_rows],
        "due": next_due,
        "recurrence": task.recurrence,
    }
    current = TaskOut.of(task)
    if current.remind_at is not None and current.due is not None:
        lead = _as_instant(current.due, current.remind_at) - current.remind_at
        fields["remind_at"] = _as_instant(next_due, current.remind_at) - lead
    clean = validate_new_task(fields)
    now = _now()
    instance = Task(
        user_id=task.user_id,
        created_at=now,
        updated_at=now,
        completed=False,
        version=1,
        series_id=task.series_id,
        previous_id=task.id,
    )
    instance.tag_rows = []
    _apply(instance, vars(clean))
    await repo.add(session, instance)
    out = TaskOut.of(instance)
    await record_task_event(session, kind="created", user_id=task.user_id, task=out)
    return out


def _as_instant(due: Due, like: datetime) -> datetime:
    """An all-day due as the start of that day in the reminder's offset."""
    if isinstance(due, datetime):
        return due
    return datetime(due.year, due.month, due.day, tzinfo=like.tzinfo)
