"""A task's fields and their rules (SPEC §1): one model for REST, MCP and the CLI alike.

`NewTask` is what a new task may carry and `TaskChanges` a partial update (a field sent as
null clears it). Each field type normalises its value (a title's whitespace, tag slugs, a
rule's canonical form) and documents its constraints, so OpenAPI and the MCP tool schemas
show them. `validate_new_task` / `validate_changes` turn any mapping into those models,
raising InvalidInput that names every bad field at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from todo_chatbot.domain.errors import validated
from todo_chatbot.domain.recurrence import RULE_MAX, normalise_rule

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
TAGS_MAX = 20
TAG_MAX = 40

Due = date | datetime  # a calendar date (all-day) or an aware instant


class Priority(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


PRIORITY_RANK = {Priority.low: 0, Priority.medium: 1, Priority.high: 2}

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG_DROP = re.compile(r"[^a-z0-9_-]+")


def plain_text(value: object, *, multiline: bool = False) -> str:
    """A string a database can store and a person can read: no lone surrogates (JSON lets
    a client send them), no NUL or other control characters (tabs and, where `multiline`,
    newlines excepted)."""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    allowed = {"\t", "\n", "\r"} if multiline else {"\t"}
    for char in value:
        if "\ud800" <= char <= "\udfff":
            raise ValueError("contains an invalid character (a lone UTF-16 surrogate)")
        if char not in allowed and unicodedata.category(char) == "Cc":
            raise ValueError(f"contains a control character (U+{ord(char):04X})")
    return value


def normalise_title(value: object) -> str:
    title = " ".join(plain_text(value).split())
    if not title:
        raise ValueError("must not be empty")
    if len(title) > TITLE_MAX:
        raise ValueError(f"must be at most {TITLE_MAX} characters")
    return title


def normalise_description(value: object) -> str:
    if value is None:
        return ""
    text = plain_text(value, multiline=True).strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValueError(f"must be at most {DESCRIPTION_MAX} characters")
    return text


def normalise_priority(value: object) -> Priority:
    if value is None:
        return Priority.medium
    try:
        return Priority(str(value).strip().lower())
    except ValueError:
        raise ValueError("must be one of low, medium, high") from None


def slugify_tag(raw: str) -> str:
    """'#Home Office' -> 'home-office'."""
    text = raw.strip().lstrip("#").lower()
    text = re.sub(r"\s+", "-", text)
    return _SLUG_DROP.sub("", text).strip("-_")


def normalise_tags(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [part for part in re.split(r"[,\s]+", plain_text(value)) if part]
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list of strings")
    tags: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError("must be a list of strings")
        slug = slugify_tag(plain_text(item))
        if not slug:
            raise ValueError(f"{item!r} is not a usable tag")
        if len(slug) > TAG_MAX:
            raise ValueError(f"tags must be at most {TAG_MAX} characters")
        if slug not in tags:
            tags.append(slug)
    if len(tags) > TAGS_MAX:
        raise ValueError(f"at most {TAGS_MAX} tags")
    return tags


def parse_instant(value: object) -> datetime:
    """An ISO-8601 instant that carries its UTC offset (or Z), within the calendar in UTC."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(plain_text(value).strip())
        except ValueError:
            raise ValueError("must be an ISO-8601 date-time with offset") from None
    else:
        raise ValueError("must be an ISO-8601 date-time with offset")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("must include a UTC offset, e.g. 2026-11-24T17:00:00-05:00")
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the calendar once converted to UTC") from None
    return moment


def parse_due(value: object) -> Due | None:
    """`YYYY-MM-DD` is an all-day date; anything else must be an instant with offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return parse_instant(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_ONLY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("is not a real calendar date") from None
    try:
        return parse_instant(value)
    except ValueError as exc:
        if "calendar" in str(exc):
            raise
        raise ValueError("must be YYYY-MM-DD or an ISO-8601 date-time with offset") from None


def parse_optional_instant(value: object) -> datetime | None:
    return None if value is None else parse_instant(value)


def parse_recurrence(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError("must be RRULE text such as FREQ=WEEKLY;BYDAY=MO")
    return normalise_rule(plain_text(value))


def due_key(due: Due | None) -> datetime | None:
    """A UTC instant that orders and filters dues; an all-day date counts until its end."""
    if due is None:
        return None
    if isinstance(due, datetime):
        return due.astimezone(UTC)
    return datetime.combine(due, time.max, tzinfo=UTC)


def bound_key(value: Due, *, upper: bool) -> datetime:
    """Filter bounds are inclusive: a date bound covers that whole day."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time.max if upper else time.min, tzinfo=UTC)


def format_due(due: Due | None) -> str | None:
    if due is None:
        return None
    return due.isoformat()


def moved_due(current: Due, new: Due) -> Due:
    """A new due given as a bare date keeps the current due's time of day and offset:
    moving a Thursday 14:00 task "to Friday" makes it Friday 14:00, not an all-day task."""
    if isinstance(current, datetime) and not isinstance(new, datetime):
        return datetime.combine(new, current.timetz())
    return new


def reminder_lead(due: Due, remind_at: datetime) -> timedelta:
    """How long before its due a reminder fires (an all-day due starts at midnight in the
    reminder's offset)."""
    return start_of(due, remind_at) - remind_at


def start_of(due: Due, like: datetime) -> datetime:
    """A due as an instant: an all-day due is the start of that day in `like`'s offset."""
    if isinstance(due, datetime):
        return due
    return datetime(due.year, due.month, due.day, tzinfo=like.tzinfo)


# --- the model -----------------------------------------------------------------------------


def _or_none(normalise: Callable[[object], Any]) -> Callable[[object], Any]:
    """A field that may be sent as null: None passes, anything else is normalised."""

    def parse(value: object) -> Any:
        return None if value is None else normalise(value)

    return parse


def _tag_list(value: object) -> list[str]:
    if isinstance(value, str):  # a JSON client sends a list; a bare string is a mistake
        raise ValueError("must be a list of strings")
    return normalise_tags(value)


Title = Annotated[
    str,
    BeforeValidator(normalise_title),
    Field(
        min_length=1,
        max_length=TITLE_MAX,
        description=f"What to do: 1-{TITLE_MAX} characters once whitespace is collapsed",
    ),
]
Description = Annotated[
    Annotated[str, Field(max_length=DESCRIPTION_MAX)] | None,
    BeforeValidator(_or_none(normalise_description)),
    Field(description=f"Notes, up to {DESCRIPTION_MAX} characters; null for none"),
]
PriorityField = Annotated[
    Priority, BeforeValidator(normalise_priority), Field(description="low, medium or high")
]
TagList = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=TAG_MAX)]],
    BeforeValidator(_tag_list),
    Field(max_length=TAGS_MAX),
]
Tags = Annotated[
    TagList | None,
    BeforeValidator(_or_none(_tag_list)),
    Field(
        description=f"Up to {TAGS_MAX} tags, made lowercase slugs ('#Home Office' -> "
        "'home-office'); null or [] for none",
    ),
]
DueField = Annotated[
    date | datetime | None,
    BeforeValidator(parse_due),
    Field(
        description="YYYY-MM-DD for an all-day task, or an ISO-8601 date-time with its UTC "
        "offset (2026-11-24T17:00:00-05:00); null for none",
    ),
]
RemindAt = Annotated[
    datetime | None,
    BeforeValidator(parse_optional_instant),
    Field(description="When to remind: an ISO-8601 date-time with its UTC offset; null for none"),
]
Recurrence = Annotated[
    Annotated[str, Field(max_length=RULE_MAX)] | None,
    BeforeValidator(parse_recurrence),
    Field(
        description="RFC 5545 RRULE without 'RRULE:' (FREQ DAILY/WEEKLY/MONTHLY/YEARLY with "
        "INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS), e.g. "
        "FREQ=WEEKLY;BYDAY=MO,WE; null for none",
        examples=["FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=MONTHLY;BYMONTHDAY=1"],
    ),
]

EDITABLE_FIELDS = frozenset(
    ("title", "description", "priority", "tags", "due", "remind_at", "recurrence")
)


class NewTask(BaseModel):
    """The fields of a new task. Optional fields may be left out or sent as null."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title
    description: Description = ""
    priority: Annotated[PriorityField | None, BeforeValidator(_or_none(normalise_priority))] = (
        Priority.medium
    )
    tags: Tags = []
    due: DueField = None
    remind_at: RemindAt = None
    recurrence: Recurrence = None

    def values(self) -> dict[str, Any]:
        """Every field; one sent as null takes its default (no description, medium, no
        tags)."""
        return {
            "title": self.title,
            "description": self.description or "",
            "priority": self.priority or Priority.medium,
            "tags": list(self.tags or []),
            "due": self.due,
            "remind_at": self.remind_at,
            "recurrence": self.recurrence,
        }


class TaskChanges(BaseModel):
    """A partial update: only the fields sent change; null clears an optional field (title
    and priority cannot be cleared)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title = None  # type: ignore[assignment]  # may be left out, never null
    description: Description = None
    priority: PriorityField = None  # type: ignore[assignment]  # may be left out, never null
    tags: Tags = None
    due: DueField = None
    remind_at: RemindAt = None
    recurrence: Recurrence = None

    @field_validator("title", "priority", mode="before")
    @classmethod
    def _not_cleared(cls, value: object) -> object:
        if value is None:
            raise ValueError("cannot be cleared")
        return value

    def values(self) -> dict[str, Any]:
        """The fields sent, with cleared ones as None (no description and no tags as empty)."""
        given = {name: getattr(self, name) for name in self.model_fields_set}
        if "description" in given and given["description"] is None:
            given["description"] = ""
        if "tags" in given and given["tags"] is None:
            given["tags"] = []
        return given


def validate_new_task(raw: NewTask | Mapping[str, object]) -> NewTask:
    """Normalise the fields of a new task; raises InvalidInput naming every bad field."""
    if isinstance(raw, NewTask):
        return raw
    return validated(NewTask, raw, unknown="is not a task field")


def validate_changes(raw: TaskChanges | Mapping[str, object]) -> TaskChanges:
    """Normalise a partial update; raises InvalidInput naming every bad field."""
    if isinstance(raw, TaskChanges):
        return raw
    return validated(TaskChanges, raw, unknown="is not a task field")
