"""Dates for tests, built from today so that no test depends on the day it runs: a due
"in ten days" is in the future on any date, under a moved clock too."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

# Set by the second run of `make test`, which puts clock_ahead/ on PYTHONPATH: every Python
# process of the run then reads a wall clock this many days ahead (clock_ahead/sitecustomize.py,
# which reads the same name: it runs before any test package can be imported).
CLOCK_AHEAD = "TEST_CLOCK_AHEAD_DAYS"
CLOCK_AT = "TEST_CLOCK_AT"  # "HH:MM" UTC: the moved clock's time of day
CLOCK_OFFSET = "TEST_CLOCK_OFFSET"  # seconds, fixed by the first process and inherited
CLOCK_AHEAD_PATH = Path(__file__).parent / "clock_ahead"


def clock_ahead_days() -> int:
    return int(os.environ.get(CLOCK_AHEAD) or 0)


def today() -> date:
    return datetime.now(UTC).date()


def days_ahead(days: int) -> date:
    return today() + timedelta(days=days)


def next_weekday(start: date, weekday: int) -> date:
    """The first day on or after `start` that is `weekday` (Monday = 0)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def midday_offset() -> tuple[str, timezone]:
    """A fixed UTC offset at which it is about noon now, as the API takes it ("+07:00") and as
    a tzinfo. "tomorrow" said in the small hours means the coming morning (language/dates.py),
    so a test of "tomorrow" speaks from a zone where the day is well under way."""
    hours = (12 - datetime.now(UTC).hour + 12) % 24 - 12  # -12 … +11
    zone = timezone(timedelta(hours=hours))
    return f"{'-' if hours < 0 else '+'}{abs(hours):02d}:00", zone
