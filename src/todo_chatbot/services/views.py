"""What services hand back: plain, serialisable shapes shared by every entry point."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict

from todo_chatbot.domain.tasks import Priority
from todo_chatbot.domain.wording import describe_rule
from todo_chatbot.store.models import Task
from todo_chatbot.store.repositories.tasks import TaskRecord


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
    recurrence_text: str | None  # the rule in words, e.g. "every month on the 1st"
    completed: bool
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    series_id: str | None

    @classmethod
    def of(cls, task: Task | TaskRecord) -> TaskOut:
        return cls(
            id=task.id,
            title=task.title,
            description=task.description,
            priority=Priority(task.priority),
            tags=task.tags,
            due=task.due,
            remind_at=task.remind_at,
            recurrence=task.recurrence,
            recurrence_text=describe_rule(task.recurrence) if task.recurrence else None,
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
