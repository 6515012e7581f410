"""Task fields and their rules (SPEC §1): one validation path for REST, MCP and the CLI."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from todo_chatbot.domain.errors import InvalidInput, parse_fields
from todo_chatbot.domain.recurrence import normalise_rule

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


def normalise_title(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    title = " ".join(value.split())
    if not title:
        raise ValueError("must not be empty")
    if len(title) > TITLE_MAX:
        raise ValueError(f"must be at most {TITLE_MAX} characters")
    return title


def normalise_description(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    text = value.strip()
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
        value = [part for part in re.split(r"[,\s]+", value) if part]
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list of strings")
    tags: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError("must be a list of strings")
        slug = slugify_tag(item)
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
    """An ISO-8601 instant that carries its UTC offset (or Z)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be an ISO-8601 date-time with offset") from None
    else:
        raise ValueError("must be an ISO-8601 date-time with offset")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("must include a UTC offset, e.g. 2026-11-24T17:00:00-05:00")
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
    except ValueError:
        raise ValueError("must be YYYY-MM-DD or an ISO-8601 date-time with offset") from None


def parse_optional_instant(value: object) -> datetime | None:
    return None if value is None else parse_instant(value)


def parse_recurrence(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError("must be RRULE text such as FREQ=WEEKLY;BYDAY=MO")
    return normalise_rule(value)


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


_NORMALISERS: dict[str, Callable[[object], Any]] = {
    "title": normalise_title,
    "description": normalise_description,
    "priority": normalise_priority,
    "tags": normalise_tags,
    "due": parse_due,
    "remind_at": parse_optional_instant,
    "recurrence": parse_recurrence,
}
EDITABLE_FIELDS = frozenset(_NORMALISERS)


@dataclass(frozen=True)
class TaskFields:
    title: str
    description: str = ""
    priority: Priority = Priority.medium
    tags: list[str] = field(default_factory=list)
    due: Due | None = None
    remind_at: datetime | None = None
    recurrence: str | None = None


def _normalise(raw: Mapping[str, object]) -> dict[str, Any]:
    return parse_fields(raw, _NORMALISERS, unknown="is not a task field")


def validate_new_task(raw: Mapping[str, object]) -> TaskFields:
    """Normalise the fields of a new task; raises InvalidInput naming every bad field."""
    if "title" not in raw:
        raise InvalidInput.single("title", "is required")
    return TaskFields(**_normalise(raw))


def validate_changes(raw: Mapping[str, object]) -> dict[str, Any]:
    """Normalise a partial update; only the keys given are returned. Title may not be null."""
    if "title" in raw and raw["title"] is None:
        raise InvalidInput.single("title", "must not be empty")
    if "priority" in raw and raw["priority"] is None:
        raise InvalidInput.single("priority", "must be one of low, medium, high")
    return _normalise(raw)
