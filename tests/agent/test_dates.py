"""Date and time phrases relative to the user's clock."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from todo_chatbot.language.clock import find_clock
from todo_chatbot.language.dates import parse_when
from todo_chatbot.language.days import find_day
from todo_chatbot.language.moments import render

MONDAY = datetime.fromisoformat("2026-11-23T10:00:00-05:00")
INDIA = datetime.fromisoformat("2026-11-23T08:00:00+05:30")
LEAP = datetime.fromisoformat("2028-02-28T09:15:00+00:00")
YEAR_END = datetime.fromisoformat("2026-12-31T22:00:00-08:00")


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("tomorrow", MONDAY, "2026-11-24"),
        ("by friday", MONDAY, "2026-11-27"),
        ("this saturday", MONDAY, "2026-11-28"),
        ("next friday", MONDAY, "2026-12-04"),
        ("next monday", MONDAY, "2026-11-30"),
        ("in 3 days", MONDAY, "2026-11-26"),
        ("in a week", MONDAY, "2026-11-30"),
        ("in two weeks", MONDAY, "2026-12-07"),
        ("on the 1st", MONDAY, "2026-12-01"),
        ("on the 31st", MONDAY, "2026-12-31"),
        ("dec 5", MONDAY, "2026-12-05"),
        ("5th of december", MONDAY, "2026-12-05"),
        ("12/24", MONDAY, "2026-12-24"),
        ("2027-05-20", MONDAY, "2027-05-20"),
        ("jan 3", MONDAY, "2027-01-03"),
        ("end of the month", MONDAY, "2026-11-30"),
        ("end of the week", MONDAY, "2026-11-27"),
        ("next week", MONDAY, "2026-11-30"),
        ("this weekend", MONDAY, "2026-11-28"),
        ("next month", MONDAY, "2026-12-01"),
        ("the day after tomorrow", MONDAY, "2026-11-25"),
        ("tomorrow", LEAP, "2028-02-29"),
        ("by the end of the month", LEAP, "2028-02-29"),
        ("in 2 days", LEAP, "2028-03-01"),
        ("feb 29", MONDAY, "2028-02-29"),
        ("tomorrow", YEAR_END, "2027-01-01"),
        ("next month", YEAR_END, "2027-01-01"),
        ("12/24", YEAR_END, "2027-12-24"),
        ("on 28.02", MONDAY, "2027-02-28"),
        ("by 05.01", MONDAY, "2027-01-05"),
        ("due 15.03.2028", MONDAY, "2028-03-15"),
        ("by the end of 2027", MONDAY, "2027-12-31"),
        ("by the end of next year", MONDAY, "2027-12-31"),
    ],
)
def test_all_day_phrases(text: str, now: datetime, expected: str) -> None:
    when, rest = parse_when(f"pay rent {text}", now)
    assert when is not None
    assert render(when.value) == expected
    assert rest == "pay rent"


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("tomorrow at 8am", MONDAY, "2026-11-24T08:00:00-05:00"),
        ("tomorrow 5pm", MONDAY, "2026-11-24T17:00:00-05:00"),
        ("5pm tomorrow", MONDAY, "2026-11-24T17:00:00-05:00"),
        ("tomorrow morning", MONDAY, "2026-11-24T09:00:00-05:00"),
        ("this afternoon", MONDAY, "2026-11-23T15:00:00-05:00"),
        ("this evening", MONDAY, "2026-11-23T18:00:00-05:00"),
        ("tonight", MONDAY, "2026-11-23T20:00:00-05:00"),
        ("at noon", INDIA, "2026-11-23T12:00:00+05:30"),
        ("at 9am", MONDAY, "2026-11-24T09:00:00-05:00"),
        ("at 5", MONDAY, "2026-11-23T17:00:00-05:00"),
        ("on dec 5 at 3pm", MONDAY, "2026-12-05T15:00:00-05:00"),
        ("friday at 3pm", MONDAY, "2026-11-27T15:00:00-05:00"),
        ("at 8 in the evening", MONDAY, "2026-11-23T20:00:00-05:00"),
        ("at 9:30am", MONDAY, "2026-11-24T09:30:00-05:00"),
        ("at 17:45", MONDAY, "2026-11-23T17:45:00-05:00"),
        ("at 7.30 tomorrow", MONDAY, "2026-11-24T07:30:00-05:00"),
        ("fri at 8.15pm", MONDAY, "2026-11-27T20:15:00-05:00"),
        ("quarter past 3", MONDAY, "2026-11-23T15:15:00-05:00"),
        ("friday at midnight", MONDAY, "2026-11-28T00:00:00-05:00"),
        ("in 2 hours", MONDAY, "2026-11-23T12:00:00-05:00"),
        ("in half an hour", MONDAY, "2026-11-23T10:30:00-05:00"),
        ("in 90 minutes", INDIA, "2026-11-23T09:30:00+05:30"),
        ("at 7am", YEAR_END, "2027-01-01T07:00:00-08:00"),
    ],
)
def test_timed_phrases_keep_the_users_offset(text: str, now: datetime, expected: str) -> None:
    when, _ = parse_when(f"call mom {text}", now)
    assert when is not None and when.timed
    assert render(when.value) == expected


def test_a_duration_remembers_its_offset_from_now() -> None:
    when, _ = parse_when("in 3 days", MONDAY)
    assert when is not None and when.offset is not None
    assert when.offset.days == 3


@pytest.mark.parametrize(
    "text",
    [
        "buy sun cream",
        "read the first chapter",
        "call mom",
        "watch 1984",
        "add 2 eggs",
        "run 2.5 km",
        "pay sam 12.50",
        "update to version 3.14",
    ],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    when, rest = parse_when(text, MONDAY)
    assert when is None
    assert rest == text


def test_abbreviated_weekday_needs_a_preposition() -> None:
    assert find_day("buy wed cake", date(2026, 11, 23)) is None
    hit = find_day("due on wed", date(2026, 11, 23))
    assert hit is not None and hit.day == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("at 6", time(18)), ("at 7", time(7)), ("at 12", time(12)), ("9 pm", time(21))],
)
def test_hours_without_am_pm(text: str, expected: time) -> None:
    hit = find_clock(text)
    assert hit is not None and hit.clock == expected


def test_a_passed_time_today_rolls_to_tomorrow_but_tonight_does_not() -> None:
    late = datetime.fromisoformat("2026-11-23T21:00:00-05:00")
    at_nine, _ = parse_when("at 9am", late)
    tonight, _ = parse_when("tonight", late)
    assert at_nine is not None and render(at_nine.value) == "2026-11-24T09:00:00-05:00"
    assert tonight is not None and render(tonight.value) == "2026-11-23T20:00:00-05:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by end of day friday", "2026-11-27T17:00:00-05:00"),
        ("friday eod", "2026-11-27T17:00:00-05:00"),
        ("monday after work", "2026-11-30T18:00:00-05:00"),
        ("before 8 tomorrow", "2026-11-24T08:00:00-05:00"),
    ],
)
def test_the_end_of_a_named_day(text: str, expected: str) -> None:
    when, rest = parse_when(f"send the report {text}", MONDAY)
    assert when is not None
    assert render(when.value) == expected
    assert rest == "send the report"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("by march", "2027-03-01"), ("starting june", "2027-06-01"), ("in november", "2026-11-23")],
)
def test_a_month_alone_after_a_preposition(text: str, expected: str) -> None:
    when, _ = parse_when(f"renew the lease {text}", MONDAY)
    assert when is not None and render(when.value) == expected


def test_may_is_a_month_only_after_a_preposition() -> None:
    assert parse_when("i may call mom", MONDAY)[0] is None


def test_an_hour_without_am_pm_is_marked_as_a_guess() -> None:
    guessed, _ = parse_when("at 7:30", MONDAY)
    said, _ = parse_when("at 7:30pm", MONDAY)
    assert guessed is not None and guessed.half_day_guessed
    assert said is not None and not said.half_day_guessed


@pytest.mark.parametrize(
    ("line", "expected", "rest"),
    [
        ("book the hotel by the end of march", "2027-03-31", "book the hotel"),
        ("book the hotel mid june", "2027-06-15", "book the hotel"),
        ("book the hotel at the start of may", "2027-05-01", "book the hotel"),
        ("book the hotel friday 8", "2026-11-27T08:00:00-05:00", "book the hotel"),
        ("book a trip for early january", "2027-01-01", "book a trip"),
        ("book a trip in late may", "2027-05-20", "book a trip"),
        ("book a trip for mid june", "2027-06-15", "book a trip"),
    ],
)
def test_parts_of_a_month_and_an_hour_after_the_day(line: str, expected: str, rest: str) -> None:
    when, left = parse_when(line, MONDAY)
    assert when is not None and render(when.value) == expected
    assert left == rest


def test_a_number_after_a_day_is_no_hour_when_more_follows() -> None:
    when, rest = parse_when("buy milk tomorrow 2 liters", MONDAY)
    assert when is not None and render(when.value) == "2026-11-24"
    assert rest == "buy milk 2 liters"
