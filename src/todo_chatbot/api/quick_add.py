"""`POST /api/v1/tasks/parse`: what a quick-add line says, before anything is saved."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, StrictStr, field_validator

from todo_chatbot.api.user_clock import UserClock
from todo_chatbot.domain.tasks import plain_text
from todo_chatbot.domain.wording import describe_rule
from todo_chatbot.language import TaskLine

LINE_MAX = 2000


class ParseIn(UserClock):
    text: StrictStr

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        value = plain_text(value).strip()
        if not value:
            raise ValueError("must not be empty")
        if len(value) > LINE_MAX:
            raise ValueError(f"must be at most {LINE_MAX} characters")
        return value


class ParsedTask(BaseModel):
    """The fields `POST /api/v1/tasks` would get, and how the repetition reads."""

    title: str
    description: str | None = None
    due: date | datetime | None = None
    remind_at: datetime | None = None
    recurrence: str | None = None
    recurrence_text: str | None = None
    priority: str | None = None
    tags: list[str] = Field(default_factory=list)
    question: str | None = Field(None, description="Set when the line needs more to be saved")

    @classmethod
    def of(cls, line: TaskLine) -> ParsedTask:
        question = line.problem or (None if line.title else "What is the task called?")
        return cls(
            title=line.title,
            description=line.description,
            due=line.due,
            remind_at=line.remind_at,
            recurrence=line.recurrence,
            recurrence_text=describe_rule(line.recurrence) if line.recurrence else None,
            priority=line.priority,
            tags=list(line.tags),
            question=question,
        )
