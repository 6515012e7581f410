"""Repetition phrases → RRULE, and the first due occurrence of a new recurring task."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from todo_chatbot.domain.wording import describe_rule
from todo_chatbot.language.moments import render
from todo_chatbot.language.recurrence import first_occurrence, rule_parts, take_recurrence
from todo_chatbot.language.scratch import Scratch

MONDAY = datetime.fromisoformat("2026-11-23T10:00:00-05:00")


def _rule(text: str) -> tuple[str | None, str]:
    scratch = Scratch(text)
    found = take_recurrence(scratch)
    return (found.rule if found else None), scratch.rest()


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("every day", "FREQ=DAILY"),
        ("daily", "FREQ=DAILY"),
        ("every other day", "FREQ=DAILY;INTERVAL=2"),
        ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
        ("every week", "FREQ=WEEKLY"),
        ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
        ("every 2 weeks on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("biweekly on tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("every monday and wednesday", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("every mon, wed and fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        ("on tuesdays and thursdays", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every monday through friday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU"),
        ("every other saturday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"),
        ("every month", "FREQ=MONTHLY"),
        ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("every month on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("on the 1st and 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=1,15"),
        ("every 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("on the last day of every month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("first monday of the month", "FREQ=MONTHLY;BYDAY=1MO"),
        ("every month on the first monday", "FREQ=MONTHLY;BYDAY=1MO"),
        ("last friday of every month", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("every 3 months", "FREQ=MONTHLY;INTERVAL=3"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
        ("every year", "FREQ=YEARLY"),
        ("annually", "FREQ=YEARLY"),
        ("every dec 25", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"),
        ("every year on march 3", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
        ("repeat every month", "FREQ=MONTHLY"),
        ("once a week", "FREQ=WEEKLY"),
        ("every 2 hours", "FREQ=HOURLY;INTERVAL=2"),
    ],
)
def test_phrases_become_rules(phrase: str, rule: str) -> None:
    found, rest = _rule(f"water plants {phrase}")
    assert found is not None
    assert rule_parts(found) == rule_parts(rule)
    assert rest == "water plants"


@pytest.mark.parametrize(
    "text",
    [
        "finish the quarterly report",
        "write the weekly review",
        "file taxes by the end of the month",
        "clean the garage this weekend",
    ],
)
def test_adjectives_and_one_off_dates_are_not_repetition(text: str) -> None:
    assert _rule(text)[0] is None


def test_every_morning_carries_a_time_of_day() -> None:
    scratch = Scratch("take vitamins every morning")
    found = take_recurrence(scratch)
    assert found is not None and found.clock == time(9)


@pytest.mark.parametrize(
    ("rule", "clock", "expected"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=1", None, "2026-12-01"),
        ("FREQ=DAILY;INTERVAL=2", None, "2026-11-23"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(9, 30), "2026-11-24T09:30:00-05:00"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", time(18), "2026-11-23T18:00:00-05:00"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", None, "2026-11-27"),
        ("FREQ=MONTHLY;BYDAY=1MO", None, "2026-12-07"),
        ("FREQ=MONTHLY;BYDAY=-1FR", None, "2026-11-27"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", None, "2028-02-29"),
    ],
)
def test_first_occurrence(rule: str, clock: time | None, expected: str) -> None:
    due = first_occurrence(rule, MONDAY, clock=clock)
    assert due is not None and render(due) == expected


def test_the_interval_does_not_delay_the_first_instance() -> None:
    friday = datetime.fromisoformat("2027-01-29T18:30:00+05:30")
    due = first_occurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", friday)
    assert due == date(2027, 2, 4)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=1", "every month on the 1st"),
        ("FREQ=DAILY;INTERVAL=2", "every other day"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "every Monday and Thursday"),
        ("FREQ=MONTHLY;BYDAY=1MO", "on the first Monday of every month"),
        ("FREQ=YEARLY", "every year"),
    ],
)
def test_rules_read_back_in_plain_language(rule: str, text: str) -> None:
    assert describe_rule(rule) == text
