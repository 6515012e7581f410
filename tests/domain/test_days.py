"""Days in the user's zone: one meaning of "today", "overdue" and "upcoming"; dues worded
the same way in every interface."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter, ValidationError

from todo_chatbot.domain.days import (
    TimeZoneName,
    day_start,
    is_overdue,
    today,
    today_range,
    upcoming_range,
    zone,
)
from todo_chatbot.domain.wording import describe_due, due_text

SYDNEY = ZoneInfo("Australia/Sydney")
BRISBANE = ZoneInfo("Australia/Brisbane")  # UTC+10 all year
# 20:00 UTC on 1 March is already 06:00 on 2 March in Brisbane.
NOW = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)


def test_today_is_the_users_date_not_utcs() -> None:
    assert today(NOW, UTC) == date(2027, 3, 1)
    assert today(NOW, BRISBANE) == date(2027, 3, 2)


def test_an_all_day_task_for_yesterday_is_overdue_in_the_users_zone_only() -> None:
    yesterday_there = date(2027, 3, 1)
    assert is_overdue(yesterday_there, completed=False, now=NOW, where=BRISBANE)
    assert not is_overdue(yesterday_there, completed=False, now=NOW, where=UTC)
    assert not is_overdue(yesterday_there, completed=True, now=NOW, where=BRISBANE)


def test_a_timed_task_is_overdue_once_its_instant_passes_in_any_zone() -> None:
    past = NOW - timedelta(minutes=1)
    assert is_overdue(past, completed=False, now=NOW, where=BRISBANE)
    assert is_overdue(past, completed=False, now=NOW, where=UTC)
    assert not is_overdue(NOW + timedelta(minutes=1), completed=False, now=NOW, where=UTC)
    assert not is_overdue(None, completed=False, now=NOW, where=UTC)


def test_today_and_upcoming_hold_dates_and_instants_of_the_local_days() -> None:
    days = today_range(NOW, BRISBANE)
    assert days.holds(date(2027, 3, 2)) and not days.holds(date(2027, 3, 1))
    assert days.holds(datetime(2027, 3, 2, 23, 59, tzinfo=BRISBANE))
    assert not days.holds(datetime(2027, 3, 3, 0, 0, tzinfo=BRISBANE))
    upcoming = upcoming_range(NOW, BRISBANE)
    assert (upcoming.first, upcoming.last) == (date(2027, 3, 3), date(2027, 3, 9))
    assert not upcoming.holds(date(2027, 3, 2)) and upcoming.holds(date(2027, 3, 9))


def test_a_day_starts_at_local_midnight_across_a_dst_change() -> None:
    # Sydney leaves daylight time on 4 April 2027: that day has 25 hours.
    start, next_start = day_start(date(2027, 4, 4), SYDNEY), day_start(date(2027, 4, 5), SYDNEY)
    assert start == datetime(2027, 4, 3, 13, 0, tzinfo=UTC)
    assert next_start - start == timedelta(hours=25)


def test_time_zone_names_are_checked() -> None:
    names = TypeAdapter(TimeZoneName)
    assert names.validate_python("Australia/Brisbane") == "Australia/Brisbane"
    assert names.validate_python("UTC") == "UTC"
    for bad in ("Mars/Olympus", "", "+10:00", "x" * 100):
        with pytest.raises(ValidationError):
            names.validate_python(bad)
    assert zone("Nowhere/Land") is UTC and zone(None) is UTC


def test_a_due_reads_like_the_ui_in_the_users_zone() -> None:
    at = datetime(2027, 3, 2, 12, 47, tzinfo=UTC)  # 22:47 in Brisbane
    assert describe_due(at, now=NOW, where=BRISBANE) == "Due today at 22:47"
    assert describe_due(at, now=NOW, where=UTC) == "Due tomorrow at 12:47"
    assert describe_due(date(2027, 3, 1), now=NOW, where=BRISBANE) == "Due yesterday"
    assert describe_due(date(2027, 3, 12), now=NOW, where=UTC) == "Due Fri 12 Mar"
    assert describe_due(date(2028, 1, 3), now=NOW, where=UTC) == "Due Mon 3 Jan 2028"
    assert describe_due(None, now=NOW) == "Reminder"
    offset = datetime(2027, 3, 5, 9, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert due_text(offset) == "Fri 5 Mar at 09:05"  # in its own offset
    assert due_text(offset, where=UTC) == "Fri 5 Mar at 14:05"
