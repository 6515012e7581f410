"""What a task list may ask for (SPEC §1): filters, sort and paging, validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from todo_chatbot.domain.errors import parse_fields
from todo_chatbot.domain.tasks import Due, Priority, normalise_tags, parse_due

LIMIT_DEFAULT = 50
LIMIT_MAX = 200
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


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


@dataclass(frozen=True)
class TaskQuery:
    status: Status = Status.all
    priority: Priority | None = None
    tags: list[str] = field(default_factory=list)
    q: str = ""
    due_before: Due | None = None
    due_after: Due | None = None
    overdue: bool = False
    sort: SortKey = SortKey.CREATED
    order: Order = Order.asc
    limit: int = LIMIT_DEFAULT
    offset: int = 0

    @property
    def words(self) -> list[str]:
        return self.q.lower().split()


def _enum(kind: type[StrEnum], value: object) -> Any:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ValueError(f"must be one of {choices}") from None


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no"}:
        return False
    raise ValueError("must be true or false")


def _int_in(low: int, high: int) -> Any:
    def parse(value: object) -> int:
        try:
            number = int(str(value))
        except ValueError:
            raise ValueError("must be an integer") from None
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}")
        return number

    return parse


def _text(value: object) -> str:
    text = " ".join(str(value).split())
    if len(text) > QUERY_MAX:
        raise ValueError(f"must be at most {QUERY_MAX} characters")
    return text


def _due_bound(value: object) -> Due:
    due = parse_due(value)
    if due is None:
        raise ValueError("must be a date or date-time")
    return due


_PARSERS: dict[str, Any] = {
    "status": lambda v: _enum(Status, v),
    "priority": lambda v: _enum(Priority, v),
    "tags": normalise_tags,
    "q": _text,
    "due_before": _due_bound,
    "due_after": _due_bound,
    "overdue": _bool,
    "sort": lambda v: _enum(SortKey, v),
    "order": lambda v: _enum(Order, v),
    "limit": _int_in(1, LIMIT_MAX),
    "offset": _int_in(0, 10_000_000),
}


def build_query(raw: Mapping[str, object]) -> TaskQuery:
    """Validate list parameters; `None` (or empty) means "not given". Raises InvalidInput."""
    given = {name: value for name, value in raw.items() if value not in (None, "", [])}
    clean = parse_fields(
        given, _PARSERS, unknown="is not a list parameter", public_names={"tags": "tag"}
    )
    return TaskQuery(**clean)
