"""What a task list may ask for (SPEC §1): one model of filters, sort and paging, read from a
query string by REST, from tool arguments by MCP and from options by the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from todo_chatbot.domain.errors import validated
from todo_chatbot.domain.tasks import Due, Priority, TagList, parse_due, plain_text

LIMIT_DEFAULT = 50
LIMIT_MAX = 200
OFFSET_MAX = 10_000_000
QUERY_MAX = 200


class Status(StrEnum):
    pending = "pending"
    completed = "completed"
    all = "all"


class SortKey(StrEnum):
    DUE = "due"
    PRIORITY = "priority"
    CREATED = "created"
    TITLE = "title"


class Window(StrEnum):
    """Days counted in the user's time zone (domain/days.py)."""

    today = "today"
    upcoming = "upcoming"  # the seven days after today


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _words(value: object) -> str:
    text = " ".join(plain_text(value).split())
    if len(text) > QUERY_MAX:
        raise ValueError(f"must be at most {QUERY_MAX} characters")
    return text


def _bound(value: object) -> Due:
    due = parse_due(value)
    if due is None:
        raise ValueError("must be a date or date-time")
    return due


Words = Annotated[
    str,
    BeforeValidator(_words),
    Field(max_length=QUERY_MAX, description="Words that must all appear in title or notes"),
]
Overdue = Annotated[
    bool,
    Field(
        description="Only open tasks whose due time has passed, or whose all-day date is "
        "before today in your time zone"
    ),
]
When = Annotated[
    Window | None,
    BeforeValidator(_lower),
    Field(
        description="today: due today; upcoming: due in the 7 days after today "
        "(days in your time zone)"
    ),
]
Limit = Annotated[int, Field(ge=1, le=LIMIT_MAX, description="Page size")]
Bound = Annotated[
    Due | None,
    BeforeValidator(_bound),
    Field(description="YYYY-MM-DD (the whole day counts) or an ISO-8601 date-time; inclusive"),
]


class TaskQuery(BaseModel):
    """List parameters. Left out (or null) means "not given"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: Words = ""
    status: Annotated[Status, BeforeValidator(_lower), Field(description="Default: all")] = (
        Status.all
    )
    priority: Annotated[Priority | None, BeforeValidator(_lower)] = None
    tag: Annotated[TagList, Field(description="Repeat for several tags: a task must have all")] = []
    due_before: Bound = None
    due_after: Bound = None
    overdue: Overdue = False
    when: When = None
    completed_after: Bound = None
    completed_before: Bound = None
    sort: Annotated[SortKey, BeforeValidator(_lower), Field(description="Default: created")] = (
        SortKey.CREATED
    )
    order: Annotated[Order, BeforeValidator(_lower), Field(description="Default: asc")] = Order.asc
    limit: Limit = LIMIT_DEFAULT
    offset: Annotated[int, Field(ge=0, le=OFFSET_MAX, description="Tasks to skip")] = 0

    @model_validator(mode="before")
    @classmethod
    def _drop_not_given(cls, raw: Any) -> Any:
        if isinstance(raw, Mapping):
            return {key: value for key, value in raw.items() if value is not None and value != []}
        return raw

    @property
    def words(self) -> list[str]:
        return self.q.lower().split()

    @property
    def counts_days(self) -> bool:
        """Whether it reads a day in the user's zone: a bound, overdue, today or upcoming."""
        bounds = (self.due_before, self.due_after, self.completed_after, self.completed_before)
        return self.overdue or self.when is not None or any(b is not None for b in bounds)


def build_query(raw: TaskQuery | Mapping[str, object]) -> TaskQuery:
    """Validate list parameters; raises InvalidInput naming every bad one."""
    if isinstance(raw, TaskQuery):
        return raw
    return validated(TaskQuery, raw, unknown="is not a list parameter")
