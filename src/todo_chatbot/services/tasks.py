"""Task use cases (SPEC §1). Callers pass an open transaction; nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import InvalidInput, NotFound
from todo_chatbot.domain.queries import TaskQuery, build_query
from todo_chatbot.domain.recurrence import (
    anchor_rule,
    check_repeats_after,
    first_occurrence,
    next_occurrence,
)
from todo_chatbot.domain.tasks import (
    NewTask,
    TaskChanges,
    moved_due,
    reminder_lead,
    start_of,
    validate_changes,
    validate_new_task,
)
from todo_chatbot.services.events import draft_task_created, record_task_event
from todo_chatbot.services.preferences import user_zone
from todo_chatbot.services.views import TaskOut, TaskPage
from todo_chatbot.store.models import Task
from todo_chatbot.store.repositories import tasks as repo

# A reminder set this far in the past still counts as "now" (clocks differ a little).
REMIND_PAST_GRACE = timedelta(minutes=1)
# The id a new task's events are drafted with, before the insert gives the real one.
_STAND_IN_ID = 1


def _now() -> datetime:
    return datetime.now(UTC)


def _apply(
    task: Task, fields: Mapping[str, Any], *, now: datetime, past_reminder_ok: bool = False
) -> None:
    """Copy validated fields onto the row, and check the rules that join fields: a rule must
    repeat after its due, a reminder set by the caller must not lie in the past. Moving the
    due of a task moves its reminder by the same lead."""
    remind_at = fields.get("remind_at")
    if remind_at is not None and remind_at < now - REMIND_PAST_GRACE and not past_reminder_ok:
        raise InvalidInput.single("remind_at", "is in the past")
    old_due, old_remind = task.due, task.remind_at
    for name in ("title", "description", "recurrence"):
        if name in fields:
            setattr(task, name, fields[name])
    if "priority" in fields:
        task.priority = fields["priority"].value
    if "tags" in fields:
        repo.set_tags(task, fields["tags"])
    if "due" in fields:
        new_due = fields["due"]
        if old_due is not None and new_due is not None:
            new_due = moved_due(old_due, new_due)
            if old_remind is not None and "remind_at" not in fields:
                # The reminder moves with its task, keeping its lead.
                task.remind_at = start_of(new_due, old_remind) - reminder_lead(old_due, old_remind)
                task.reminded_at = None
        task.due = new_due
    if "remind_at" in fields:
        task.remind_at = fields["remind_at"]
        task.reminded_at = None  # a new reminder time fires again
    if task.recurrence and {"recurrence", "due"} & fields.keys():
        if "due" in fields and fields["due"] is None and old_due is not None:
            message = "a repeating task needs a due date; clear recurrence as well to drop both"
            raise InvalidInput.single("due", message)
        _check_rule(task, task.recurrence, now=now)
    if task.recurrence:
        task.recurrence = anchor_rule(task.recurrence, task.due)
        task.series_id = task.series_id or str(uuid.uuid4())


def _check_rule(task: Task, rule: str, *, now: datetime) -> None:
    """A repeating task without a due starts on the rule's first day from today; the rule
    must repeat after the due."""
    if task.due is None:
        first = first_occurrence(rule, now.date())
        if first is None:
            raise InvalidInput.single("recurrence", "never occurs from today on")
        task.due = first
    try:
        check_repeats_after(rule, task.due)
    except ValueError as exc:
        raise InvalidInput.single("recurrence", str(exc)) from None


async def _owned(
    session: AsyncSession, *, user_id: int, task_id: int, for_update: bool = False
) -> Task:
    task = await repo.get_for_user(session, user_id=user_id, task_id=task_id, for_update=for_update)
    if task is None:
        raise NotFound("task", task_id)
    return task


def _new_row(user_id: int, now: datetime, **links: Any) -> Task:
    task = Task(user_id=user_id, created_at=now, updated_at=now, completed=False, **links)
    task.tag_rows = []
    return task


async def create_task(
    session: AsyncSession, *, user_id: int, fields: NewTask | Mapping[str, object]
) -> TaskOut:
    clean = validate_new_task(fields)
    now = _now()
    task = _new_row(user_id, now)
    _apply(task, clean.values(), now=now)
    return await _insert(session, task)


async def _insert(session: AsyncSession, task: Task) -> TaskOut:
    """Insert a new task with its `created` events: drafted before the insert, so that they
    go in with it (one statement on PostgreSQL), on the task as it will read back."""
    draft = TaskOut.of(repo.unsaved_record(task, stand_in_id=_STAND_IN_ID))
    events = draft_task_created(user_id=task.user_id, task=draft)
    await repo.add(session, task, events=events)
    return draft.model_copy(update={"id": task.id})


async def import_task(
    session: AsyncSession,
    *,
    user_id: int,
    fields: Mapping[str, object],
    completed_at: datetime | None = None,
    series_id: str | None = None,
) -> TaskOut:
    """A task restored from an export, as it was: done or not, in its series. Only a
    `created` event is written, so restoring a completed recurring task does not make its
    next instance again, and a reminder already past is kept as sent."""
    clean = validate_new_task(fields)
    now = _now()
    task = _new_row(user_id, now, series_id=series_id)
    _apply(task, clean.values(), now=now, past_reminder_ok=True)
    if task.remind_at_utc is not None and task.remind_at_utc <= now:
        task.reminded_at = now
    if completed_at is not None:
        task.completed, task.completed_at = True, completed_at
    return await _insert(session, task)


async def get_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    record = await repo.read_for_user(session, user_id=user_id, task_id=task_id)
    if record is None:
        raise NotFound("task", task_id)
    return TaskOut.of(record)


async def list_tasks(
    session: AsyncSession, *, user_id: int, query: TaskQuery | Mapping[str, object]
) -> TaskPage:
    query = build_query(query)
    # The zone is read only when a day is counted: the list itself is one statement then.
    where = await user_zone(session, user_id) if query.counts_days else UTC
    items, total = await repo.list_for_user(
        session, user_id=user_id, query=query, now=_now(), zone=where
    )
    return TaskPage(
        items=[TaskOut.of(task) for task in items],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


async def update_task(
    session: AsyncSession,
    *,
    user_id: int,
    task_id: int,
    changes: TaskChanges | Mapping[str, object],
) -> TaskOut:
    clean = validate_changes(changes).values()
    task = await _owned(session, user_id=user_id, task_id=task_id, for_update=True)
    if not clean:
        return TaskOut.of(task)
    now = _now()
    _apply(task, clean, now=now)
    task.updated_at = now
    await session.flush()
    out = TaskOut.of(task)
    await record_task_event(session, kind="updated", user_id=user_id, task=out)
    return out


async def set_completed(
    session: AsyncSession, *, user_id: int, task_id: int, completed: bool | None
) -> TaskOut:
    """Complete or reopen (`completed` None: toggle); doing it twice changes nothing and
    emits nothing more."""
    record = await repo.mark_completed(
        session, user_id=user_id, task_id=task_id, completed=completed, now=_now()
    )
    if record is None:  # not the user's (404), or already so
        return await get_task(session, user_id=user_id, task_id=task_id)
    out = TaskOut.of(record)
    kind = "completed" if record.completed else "reopened"
    await record_task_event(session, kind=kind, user_id=user_id, task=out)
    if not record.completed and record.recurrence:
        await _withdraw_next_instance(session, user_id=user_id, task_id=record.id)
    return out


async def _withdraw_next_instance(session: AsyncSession, *, user_id: int, task_id: int) -> None:
    """Reopening a recurring instance takes back the next one completing it made, unless
    someone has touched it since (changed it or done it): one series, one open instance."""
    following = await repo.get_next_instance(session, task_id, for_update=True)
    if following is None or following.completed or following.updated_at != following.created_at:
        return
    out = TaskOut.of(following)
    await repo.remove(session, following)
    await record_task_event(session, kind="deleted", user_id=user_id, task=out)


async def complete_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return await set_completed(session, user_id=user_id, task_id=task_id, completed=True)


async def reopen_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return await set_completed(session, user_id=user_id, task_id=task_id, completed=False)


async def toggle_task(session: AsyncSession, *, user_id: int, task_id: int) -> TaskOut:
    return await set_completed(session, user_id=user_id, task_id=task_id, completed=None)


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
    previous_due = task.due
    if previous_due is None:  # stored before a repeating task always had a due
        previous_due = (task.completed_at or _now()).date()
    next_due = next_occurrence(task.recurrence, previous_due)
    if next_due is None:
        return None
    now = _now()
    instance = _new_row(task.user_id, now, series_id=task.series_id, previous_id=task.id)
    instance.title, instance.description, instance.priority = (
        task.title,
        task.description,
        task.priority,
    )
    repo.set_tags(instance, task.tags)
    instance.due = next_due
    instance.recurrence = task.recurrence
    if task.remind_at is not None and task.due is not None:
        # Already past when the series is behind: it fires at once, as a catch-up.
        instance.remind_at = start_of(next_due, task.remind_at) - reminder_lead(
            task.due, task.remind_at
        )
    return await _insert(session, instance)
