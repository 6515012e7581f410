"""What services hand back: plain, serialisable shapes shared by every entry point."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Self

from pydantic import BaseModel, ConfigDict

from todo_chatbot.domain.tasks import Priority
from todo_chatbot.store.models import Task


def in_offset(moment: datetime | None, minutes: int | None) -> datetime | None:
    """Show a stored UTC instant in the offset it was written with."""
    if moment is None:
        return None
    return moment.astimezone(timezone(timedelta(minutes=minutes or 0)))


def offset_minutes(moment: datetime | None) -> int | None:
    if moment is None or moment.utcoffset() is None:
        return None
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def due_of(task: Task) -> date | datetime | None:
    if task.due_at is not None:
        return in_offset(task.due_at, task.due_offset_minutes)
    return task.due_date


class RowView(BaseModel):
    """A read model filled straight from an ORM row's attributes of the same names."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, row: object) -> Self:
        return cls.model_validate(row)


class UserOut(RowView):
    id: int
    email: str
    name: str
    created_at: datetime


class TaskOut(BaseModel):
    id: int
    title: str
    description: str
    priority: Priority
    tags: list[str]
    due: date | datetime | None
    remind_at: datetime | None
    recurrence: str | None
    completed: bool
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    series_id: str | None

    @classmethod
    def of(cls, task: Task) -> TaskOut:
        return cls(
            id=task.id,
            title=task.title,
            description=task.description,
            priority=Priority(task.priority),
            tags=[row.tag for row in task.tag_rows],
            due=due_of(task),
            remind_at=in_offset(task.remind_at, task.remind_offset_minutes),
            recurrence=task.recurrence,
            completed=task.completed,
            completed_at=task.completed_at,
            created_at=task.created_at,
            updated_at=task.updated_at,
            series_id=task.series_id,
        )


class TaskPage(BaseModel):
    items: list[TaskOut]
    total: int
    limit: int
    offset: int
