"""Instants and days in the user's time zone, and how they are written for the tools."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

Due = date | datetime  # a datetime is a timed instant; a plain date means "all day"


def render(value: Due) -> str:
    """`YYYY-MM-DD` for a day, ISO-8601 with the UTC offset for an instant."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def at(day: date, clock: time, now: datetime) -> datetime:
    """That wall-clock time on that day, in the user's time zone."""
    return datetime.combine(day, clock, tzinfo=now.tzinfo)


def shift(now: datetime, delta: timedelta | relativedelta) -> datetime:
    """``now`` moved by a duration; clock-hour spans are measured in real (UTC) time."""
    if isinstance(delta, relativedelta) and (delta.years or delta.months or delta.days):
        return now + delta
    moved = now.astimezone(UTC) + delta
    return moved.astimezone(now.tzinfo).replace(microsecond=0)
