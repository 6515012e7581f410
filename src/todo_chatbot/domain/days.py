"""What "today", "overdue" and "upcoming" mean: days in the user's own time zone.

Every interface (REST filters, MCP tools, chat, the CLI, the web views) asks these functions,
so a task is overdue in one place exactly when it is overdue in all of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, Field

from todo_chatbot.domain.tasks import Due

DEFAULT_ZONE = "UTC"
UPCOMING_DAYS = 7
ZONE_NAME_MAX = 64


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _known_zone(name: str) -> str:
    name = name.strip()
    if name not in zone_names() and name != DEFAULT_ZONE:
        raise ValueError("is not an IANA time zone name, e.g. Europe/Paris or Australia/Sydney")
    return name


TimeZoneName = Annotated[
    str,
    Field(min_length=1, max_length=ZONE_NAME_MAX, description="IANA time zone, e.g. Europe/Paris"),
    AfterValidator(_known_zone),
]


def zone(name: str | None) -> tzinfo:
    """The zone for a stored name; an unknown or missing name counts as UTC."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def today(now: datetime, where: tzinfo) -> date:
    return now.astimezone(where).date()


def day_start(day: date, where: tzinfo) -> datetime:
    """The UTC instant a local day begins (DST days included)."""
    return datetime.combine(day, time.min, tzinfo=where).astimezone(UTC)


@dataclass(frozen=True)
class DayRange:
    """Local days `first`..`last` inclusive; a timed due counts when its instant falls in
    [start, end) and an all-day due when its date does."""

    first: date
    last: date
    where: tzinfo

    @property
    def start(self) -> datetime:
        return day_start(self.first, self.where)

    @property
    def end(self) -> datetime:
        return day_start(self.last + timedelta(days=1), self.where)

    def holds(self, due: Due) -> bool:
        if isinstance(due, datetime):
            return self.start <= due < self.end
        return self.first <= due <= self.last


def today_range(now: datetime, where: tzinfo) -> DayRange:
    day = today(now, where)
    return DayRange(day, day, where)


def upcoming_range(now: datetime, where: tzinfo) -> DayRange:
    """The next seven days after today."""
    day = today(now, where)
    return DayRange(day + timedelta(days=1), day + timedelta(days=UPCOMING_DAYS), where)


def is_overdue(due: Due | None, *, completed: bool, now: datetime, where: tzinfo) -> bool:
    """An open task whose due time has passed, or whose all-day date is before today."""
    if due is None or completed:
        return False
    if isinstance(due, datetime):
        return due < now
    return due < today(now, where)
