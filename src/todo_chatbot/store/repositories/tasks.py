from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Any, NamedTuple, TypeVar, cast

from sqlalchemy import (
    ARRAY,
    JSON,
    Column,
    ColumnElement,
    Executable,
    Integer,
    Row,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    inspect,
    literal,
    not_,
    nulls_last,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.dml import ReturningUpdate
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from todo_chatbot.domain.days import day_start, today_range, upcoming_range
from todo_chatbot.domain.days import today as local_today
from todo_chatbot.domain.queries import Order, SortKey, Status, TaskQuery, Window
from todo_chatbot.domain.tasks import PRIORITY_RANK, Due, bound_key
from todo_chatbot.store.db import core_connection
from todo_chatbot.store.models import Task, TaskTag, stored_due
from todo_chatbot.store.multirow import insert_rows
from todo_chatbot.store.repositories import outbox
from todo_chatbot.store.types import in_offset

_TASK_COLUMNS = tuple(inspect(Task).column_attrs)
_TASKS = cast(Table, Task.__table__)
_TAG_TABLE = cast(Table, TaskTag.__table__)
_ATTRIBUTE_OF = {prop.columns[0].key: prop.key for prop in _TASK_COLUMNS}
_NEW_COLUMNS = tuple(column for column in _TASKS.c if not column.primary_key)


def _insert_task_with_tags(*, with_events: bool) -> Select[Any]:
    """PostgreSQL: the task and its tags in one statement (one round trip); the tags arrive
    as two arrays, so one statement serves any number of them. `with_events`: the events
    drafted about it too (outbox.insert_drafts), which read its id in the same statement."""
    task = (
        insert(_TASKS)
        .values({column.key: bindparam(column.key, type_=column.type) for column in _NEW_COLUMNS})
        .returning(*_TASKS.c)
        .cte("new_task")
    )
    given = (
        func.unnest(
            bindparam("tags", type_=ARRAY(Text)), bindparam("positions", type_=ARRAY(Integer))
        )
        .table_valued("tag", "position")
        .render_derived(name="given")
    )
    rows = select(task.c.id, given.c.tag, given.c.position).join_from(task, given, true())
    tags = insert(_TAG_TABLE).from_select(["task_id", "tag", "position"], rows).cte("new_tags")
    statement = select(task).add_cte(tags)
    if with_events:
        statement = statement.add_cte(outbox.insert_drafts(task).cte("new_events"))
    return statement


# Built once: every column goes in as a parameter, so no statement is rebuilt per request.
_INSERT_TASK_WITH_TAGS = _insert_task_with_tags(with_events=False)
_INSERT_TASK_WITH_EVENTS = _insert_task_with_tags(with_events=True)
_INSERT_TASK = insert(_TASKS).returning(*_TASKS.c)


def _column_value(task: Task, column: Column[Any]) -> Any:
    """The value a new row gets: the task's, else the column's default (every column is
    given, so that one statement serves every task)."""
    attribute = _ATTRIBUTE_OF[column.key]
    if attribute in task.__dict__:
        return task.__dict__[attribute]
    default = column.default
    if isinstance(default, ScalarElementColumnDefault):
        return default.arg
    if isinstance(default, CallableColumnDefault):  # utcnow: it reads no execution context
        return default.arg(cast(Any, None))
    return None


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


async def add(
    session: AsyncSession, task: Task, *, events: Sequence[outbox.DraftEvent] = ()
) -> Task:
    """Insert a new task and its tags, and the `events` drafted about it (in the same
    statement on PostgreSQL), then attach it to the session as loaded, so later changes in
    the transaction are tracked as updates. Core statements rather than the ORM's unit of
    work: a create is the busiest write, and the unit of work cost more CPU than its SQL."""
    tags = task.tag_rows
    values = {column.key: _column_value(task, column) for column in _NEW_COLUMNS}
    connection = await core_connection(session)
    postgres = connection.dialect.name == "postgresql"
    statement: Executable
    if postgres:
        values["tags"] = [row.tag for row in tags]
        values["positions"] = [row.position for row in tags]
        if events:
            values.update(outbox.draft_params(events))
        statement = _INSERT_TASK_WITH_EVENTS if events else _INSERT_TASK_WITH_TAGS
    else:
        statement = _INSERT_TASK
    inserted = (await connection.execute(statement, values)).one()
    for column, value in zip(_TASKS.c, inserted, strict=True):
        setattr(task, _ATTRIBUTE_OF[column.key], value)
    if postgres:
        if events:
            outbox.note_written(session)
    else:  # SQLite has no INSERT inside WITH: the tags and events follow
        rows = [{"task_id": task.id, "tag": row.tag, "position": row.position} for row in tags]
        await insert_rows(session, _TAG_TABLE, rows)
        if events:
            await outbox.add_drafts(session, events, task.id)
    for row in tags:
        row.task_id = task.id
    for loaded in (*tags, task):
        make_transient_to_detached(loaded)
    session.add(task)
    return task


def unsaved_record(task: Task, *, stand_in_id: int) -> TaskRecord:
    """A task not inserted yet as reading it back will show it: from the values its INSERT
    gives (every column but the id is set in Python), instants in UTC as the columns return
    them, with `stand_in_id` for the id the database has yet to give."""
    values = {column.key: _column_value(task, column) for column in _NEW_COLUMNS}
    due_at, completed_at = _in_utc(values["due_at"]), _in_utc(values["completed_at"])
    return TaskRecord(
        id=stand_in_id,
        title=values["title"],
        description=values["description"],
        priority=values["priority"],
        tags=[row.tag for row in task.tag_rows],
        due=stored_due(values["due_date"], due_at, values["due_offset_minutes"]),
        remind_at=in_offset(values["remind_at"], values["remind_offset_minutes"]),
        recurrence=values["recurrence"],
        completed=values["completed"],
        completed_at=completed_at,
        created_at=values["created_at"].astimezone(UTC),
        updated_at=values["updated_at"].astimezone(UTC),
        series_id=values["series_id"],
    )


def _in_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


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


class _Shape(NamedTuple):
    """What a list query's SQL depends on, its values apart: one statement per shape is
    built once, and each request binds its own values (`_list_values`)."""

    status: Status
    priority: bool
    tags: int
    words: int
    due_before: type | None  # date or datetime: a day bound or an instant
    due_after: bool
    completed_after: bool
    completed_before: type | None
    overdue: bool
    when: Window | None
    sort: SortKey
    order: Order


def _shape(query: TaskQuery) -> _Shape:
    return _Shape(
        query.status,
        query.priority is not None,
        len(query.tag),
        len(query.words),
        _kind(query.due_before),
        query.due_after is not None,
        query.completed_after is not None,
        _kind(query.completed_before),
        query.overdue,
        query.when,
        query.sort,
        query.order,
    )


def _kind(bound: Due | None) -> type | None:
    return None if bound is None else datetime if isinstance(bound, datetime) else date


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    """The list's WHERE, its values left as the parameters `_list_values` gives. An all-day
    due counts by its date and a timed one by its instant (`DayRange.holds`)."""
    where: list[ColumnElement[bool]] = [Task.user_id == bindparam("the_user")]
    if shape.status is Status.pending:
        where.append(Task.completed.is_(False))
    elif shape.status is Status.completed:
        where.append(Task.completed.is_(True))
    if shape.priority:
        where.append(Task.priority == bindparam("priority"))
    for index in range(shape.tags):
        tagged = and_(TaskTag.task_id == Task.id, TaskTag.tag == bindparam(f"tag_{index}"))
        where.append(exists().where(tagged))
    for index in range(shape.words):
        pattern = bindparam(f"word_{index}", type_=Text)
        where.append(
            or_(
                func.lower(Task.title).like(pattern, escape="\\"),
                func.lower(Task.description).like(pattern, escape="\\"),
            )
        )
    if shape.due_before is datetime:
        where.append(
            or_(
                Task.due_at <= bindparam("due_before_at"),
                Task.due_date <= bindparam("due_before_day"),
            )
        )
    elif shape.due_before is date:  # the whole day counts: timed dues before the next one
        where.append(
            or_(
                Task.due_date <= bindparam("due_before_day"),
                Task.due_at < bindparam("due_before_at"),
            )
        )
    if shape.due_after:
        where.append(
            or_(
                Task.due_at >= bindparam("due_after_at"),
                Task.due_date >= bindparam("due_after_day"),
            )
        )
    if shape.completed_after:
        where.append(Task.completed_at >= bindparam("completed_after"))
    if shape.completed_before is datetime:
        where.append(Task.completed_at <= bindparam("completed_before"))
    elif shape.completed_before is date:
        where.append(Task.completed_at < bindparam("completed_before"))
    if shape.overdue:  # the SQL of `domain.days.is_overdue`
        late = or_(Task.due_at < bindparam("now"), Task.due_date < bindparam("today"))
        where.append(and_(Task.completed.is_(False), late))
    if shape.when is not None:
        where.append(
            or_(
                and_(Task.due_date >= bindparam("first"), Task.due_date <= bindparam("last")),
                and_(Task.due_at >= bindparam("start"), Task.due_at < bindparam("end")),
            )
        )
    return where


def _list_values(user_id: int, query: TaskQuery, now: datetime, zone: tzinfo) -> dict[str, object]:
    """The values `_conditions` leaves as parameters, for this query, moment and zone."""
    values: dict[str, object] = {"the_user": user_id, "limit": query.limit, "offset": query.offset}
    if query.priority is not None:
        values["priority"] = query.priority.value
    values.update({f"tag_{index}": tag for index, tag in enumerate(query.tag)})
    for index, word in enumerate(query.words):
        values[f"word_{index}"] = f"%{_escape_like(word)}%"
    if isinstance(query.due_before, datetime):
        instant = bound_key(query.due_before, upper=True)
        values.update(due_before_at=instant, due_before_day=instant.astimezone(zone).date())
    elif query.due_before is not None:
        next_day = day_start(query.due_before + timedelta(days=1), zone)
        values.update(due_before_at=next_day, due_before_day=query.due_before)
    if isinstance(query.due_after, datetime):
        instant = bound_key(query.due_after, upper=False)
        values.update(due_after_at=instant, due_after_day=instant.astimezone(zone).date())
    elif query.due_after is not None:
        values.update(due_after_at=day_start(query.due_after, zone), due_after_day=query.due_after)
    if query.completed_after is not None:
        values["completed_after"] = _instant(query.completed_after, zone)
    if isinstance(query.completed_before, datetime):
        values["completed_before"] = bound_key(query.completed_before, upper=True)
    elif query.completed_before is not None:
        values["completed_before"] = day_start(query.completed_before + timedelta(days=1), zone)
    if query.overdue:
        values.update(now=now, today=local_today(now, zone))
    if query.when is not None:
        days = (today_range if query.when is Window.today else upcoming_range)(now, zone)
        values.update(first=days.first, last=days.last, start=days.start, end=days.end)
    return values


def _instant(bound: Due, zone: tzinfo) -> datetime:
    return bound_key(bound, upper=False) if isinstance(bound, datetime) else day_start(bound, zone)


_PRIORITY_RANK = case({p.value: rank for p, rank in PRIORITY_RANK.items()}, value=Task.priority)


_S = TypeVar("_S", bound=Select[Any])


def _ordered(statement: _S, query: _Shape) -> _S:
    column = {
        SortKey.DUE: Task.due_key,
        SortKey.PRIORITY: _PRIORITY_RANK,
        SortKey.CREATED: Task.created_at,
        SortKey.TITLE: func.lower(Task.title),
    }[query.sort]
    direction = column.desc() if query.order is Order.desc else column.asc()
    tiebreak = Task.id.desc() if query.order is Order.desc else Task.id.asc()
    return statement.order_by(nulls_last(direction), tiebreak)


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task as read for showing it: its columns and its tags, from one statement,
    without the ORM's identity map and change tracking (reads change nothing)."""

    id: int
    title: str
    description: str
    priority: str
    tags: list[str]
    due: Due | None
    remind_at: datetime | None
    recurrence: str | None
    completed: bool
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    series_id: str | None

    @classmethod
    def of(cls, row: Row[Any]) -> TaskRecord:
        """`row` starts with `_record_columns`, read by position: unpacking a Row costs a
        fortieth of reading its fields by name, which a page of 50 rows felt."""
        (
            task_id,
            title,
            description,
            priority,
            due_date,
            due_at,
            due_offset_minutes,
            remind_at_utc,
            remind_offset_minutes,
            recurrence,
            completed,
            completed_at,
            created_at,
            updated_at,
            series_id,
            tag_list,
        ) = row[:_RECORD_WIDTH]
        return cls(
            id=task_id,
            title=title,
            description=description,
            priority=priority,
            tags=list(tag_list or ()),
            due=stored_due(due_date, due_at, due_offset_minutes),
            remind_at=in_offset(remind_at_utc, remind_offset_minutes),
            recurrence=recurrence,
            completed=completed,
            completed_at=completed_at,
            created_at=created_at,
            updated_at=updated_at,
            series_id=series_id,
        )


_RECORD_WIDTH = 16


@cache
def _record_columns(dialect: str) -> tuple[Any, ...]:
    """The columns a TaskRecord needs, its tags in order folded in as one value, in the
    order TaskRecord.of reads them."""
    if dialect == "postgresql":
        in_order = func.array_agg(TaskTag.tag).aggregate_order_by(TaskTag.position)
        tag_list = select(in_order).where(TaskTag.task_id == Task.id).scalar_subquery()
    else:  # SQLite before 3.44 has no ORDER BY in aggregates: aggregate an ordered subquery
        ordered = (
            select(TaskTag.tag)
            .where(TaskTag.task_id == Task.id)
            .order_by(TaskTag.position)
            .correlate(Task)
            .subquery()
        )
        tag_list = select(func.json_group_array(ordered.c.tag, type_=JSON)).scalar_subquery()
    return (
        Task.id,
        Task.title,
        Task.description,
        Task.priority,
        Task.due_date,
        Task.due_at,
        Task.due_offset_minutes,
        Task.remind_at_utc.label("remind_at_utc"),
        Task.remind_offset_minutes,
        Task.recurrence,
        Task.completed,
        Task.completed_at,
        Task.created_at,
        Task.updated_at,
        Task.series_id,
        tag_list.label("tag_list"),
    )


@cache
def _read_one(dialect: str) -> Select[Any]:
    return select(*_record_columns(dialect)).where(
        Task.id == bindparam("task_id"), Task.user_id == bindparam("user_id")
    )


async def read_for_user(session: AsyncSession, *, user_id: int, task_id: int) -> TaskRecord | None:
    """One task of the user's, with its tags, in one statement built once."""
    connection = await core_connection(session)
    statement = _read_one(connection.dialect.name)
    row = (await connection.execute(statement, {"task_id": task_id, "user_id": user_id})).first()
    return None if row is None else TaskRecord.of(row)


# What marking a task changes: set by _mark, copied onto a Task the session already holds.
_MARKED = ("completed", "completed_at", "updated_at", "version")


@cache
def _mark(dialect: str, completed: bool | None) -> ReturningUpdate[Any]:
    done = not_(Task.completed) if completed is None else literal(completed)
    now = bindparam("marked_at", type_=Task.updated_at.type)
    statement = update(Task).where(
        Task.id == bindparam("the_task"), Task.user_id == bindparam("the_user")
    )
    if completed is not None:
        statement = statement.where(Task.completed.is_not(completed))
    statement = statement.values(
        completed=done,
        completed_at=case((done, now), else_=None),
        updated_at=now,
        version=Task.version + 1,
    )
    # The row an UPDATE returns is the locked one, but its subqueries (the tags) read the
    # snapshot from before any wait on that lock: the version that snapshot saw tells
    # whether a change committed in between.
    seen = aliased(Task)
    seen_version = select(seen.version).where(seen.id == Task.id).scalar_subquery()
    return statement.returning(*_record_columns(dialect), Task.version, seen_version)


async def mark_completed(
    session: AsyncSession, *, user_id: int, task_id: int, completed: bool | None, now: datetime
) -> TaskRecord | None:
    """Complete or reopen one of the user's tasks (`completed` None: the other way round) in
    one UPDATE, built once, that returns the task as it now is; None when it is not the
    user's, or is already so. The row lock makes concurrent marks of one task change it once."""
    connection = await core_connection(session)
    statement = _mark(connection.dialect.name, completed)
    params = {"the_task": task_id, "the_user": user_id, "marked_at": now}
    row = (await connection.execute(statement, params)).first()
    if row is None:
        return None
    held = session.identity_map.get(identity_key(Task, task_id))
    if held is not None:  # a Task this session already holds shows the change too
        for name in _MARKED:
            set_committed_value(held, name, row._mapping[name])
    record = TaskRecord.of(row)
    version, seen_version = row[_RECORD_WIDTH:]
    if seen_version != version - 1:  # changed while this waited: read its tags as they are
        tags = await connection.scalars(_tags_of(), {"the_task": task_id})
        record = replace(record, tags=list(tags))
    return record


@cache
def _tags_of() -> Select[Any]:
    in_order = select(TaskTag.tag).order_by(TaskTag.position)
    return in_order.where(TaskTag.task_id == bindparam("the_task"))


async def list_for_user(
    session: AsyncSession, *, user_id: int, query: TaskQuery, now: datetime, zone: tzinfo
) -> tuple[list[TaskRecord], int]:
    """A page of the user's tasks and how many match in all: one statement (the total
    rides on every row as a window count), two only for a page past the end. Days
    ("today", date bounds, overdue) are counted in `zone`."""
    connection = await core_connection(session)
    page, count = _list_statements(connection.dialect.name, _shape(query))
    values = _list_values(user_id, query, now, zone)
    rows = (await connection.execute(page, values)).all()
    if rows:
        total = int(rows[0].total)
    elif query.offset:
        total = int(await connection.scalar(count, values) or 0)
    else:
        total = 0
    return [TaskRecord.of(row) for row in rows], total


@lru_cache(maxsize=512)
def _list_statements(dialect: str, shape: _Shape) -> tuple[Select[Any], Select[Any]]:
    """A page of a list of this shape, and its count alone (for a page past the end)."""
    where = _conditions(shape)
    columns = [*_record_columns(dialect), func.count().over().label("total")]
    page = _ordered(select(*columns).where(*where), shape)
    page = page.limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer))
    return page, select(func.count(Task.id)).where(*where)
