"""Dates for tests, built from today so that no test depends on the day it runs: a due
"in ten days" is in the future on any date, under a moved clock too."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def today() -> date:
    return datetime.now(UTC).date()


def days_ahead(days: int) -> date:
    return today() + timedelta(days=days)


def next_weekday(start: date, weekday: int) -> date:
    """The first day on or after `start` that is `weekday` (Monday = 0)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)
