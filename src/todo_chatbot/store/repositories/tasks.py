from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, case, delete, exists, func, nulls_last, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.queries import Order, SortKey, Status, TaskQuery
from todo_chatbot.domain.tasks import PRIORITY_RANK, bound_key
from todo_chatbot.store.models import Task, TaskTag


async def get_for_user(
    session: AsyncSession, *, user_id: int, task_id: int, for_update: bool = False
) -> Task | None:
    statement = select(Task).where(Task.id == task_id, Task.user_id == user_id)
    if for_update:
        statement = statement.with_for_update()
    result = await session.execute(statement)
    return result.scalar_one_or_none()


async def get(session: AsyncSession, task_id: int, *, for_update: bool = False) -> Task | None:
    statement = select(Task).where(Task.id == task_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def get_next_instance(
    session: AsyncSession, previous_id: int, *, for_update: bool = False
) -> Task | None:
    statement = select(Task).where(Task.previous_id == previous_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def add(session: AsyncSession, task: Task) -> Task:
    session.add(task)
    await session.flush()
    return task


async def remove(session: AsyncSession, task: Task) -> None:
    await session.execute(delete(TaskTag).where(TaskTag.task_id == task.id))
    await session.delete(task)
    await session.flush()


def set_tags(task: Task, tags: Sequence[str]) -> None:
    by_tag = {row.tag: row for row in task.tag_rows}
    rows = []
    for position, tag in enumerate(tags):
        row = by_tag.get(tag) or TaskTag(tag=tag)
        row.position = position
        rows.append(row)
    task.tag_rows = rows


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(user_id: int, query: TaskQuery, now: datetime) -> Select[Task]:
    statement = select(Task).where(Task.user_id == user_id)
    if query.status is Status.pending:
        statement = statement.where(Task.completed.is_(False))
    elif query.status is Status.completed:
        statement = statement.where(Task.completed.is_(True))
    if query.priority is not None:
        statement = statement.where(Task.priority == query.priority.value)
    for tag in query.tag:
        statement = statement.where(
            exists().where(and_(TaskTag.task_id == Task.id, TaskTag.tag == tag))
        )
    for word in query.words:
        pattern = f"%{_escape_like(word)}%"
        statement = statement.where(
            or_(
                func.lower(Task.title).like(pattern, escape="\\"),
                func.lower(Task.description).like(pattern, escape="\\"),
            )
        )
    if query.due_before is not None:
        statement = statement.where(Task.due_key <= bound_key(query.due_before, upper=True))
    if query.due_after is not None:
        statement = statement.where(Task.due_key >= bound_key(query.due_after, upper=False))
    if query.completed_after is not None:
        after = bound_key(query.completed_after, upper=False)
        statement = statement.where(Task.completed_at >= after)
    if query.completed_before is not None:
        before = bound_key(query.completed_before, upper=True)
        statement = statement.where(Task.completed_at <= before)
    if query.overdue:
        statement = statement.where(Task.completed.is_(False), Task.due_key < now)
    return statement


_PRIORITY_RANK = case({p.value: rank for p, rank in PRIORITY_RANK.items()}, value=Task.priority)


def _ordered(statement: Select[Task], query: TaskQuery) -> Select[Task]:
    column = {
        SortKey.DUE: Task.due_key,
        SortKey.PRIORITY: _PRIORITY_RANK,
        SortKey.CREATED: Task.created_at,
        SortKey.TITLE: func.lower(Task.title),
    }[query.sort]
    direction = column.desc() if query.order is Order.desc else column.asc()
    tiebreak = Task.id.desc() if query.order is Order.desc else Task.id.asc()
    return statement.order_by(nulls_last(direction), tiebreak)


async def list_for_user(
    session: AsyncSession, *, user_id: int, query: TaskQuery, now: datetime
) -> tuple[list[Task], int]:
    statement = _filtered(user_id, query, now)
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    page = _ordered(statement, query).limit(query.limit).offset(query.offset)
    items = list((await session.execute(page)).scalars().all())
    return items, int(total or 0)
