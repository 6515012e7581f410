"""Dates, times and repetition as people dictate and type them: spoken clock times, short
forms, corrections, a day of the month said before how often, and the hour read from the
time it is said at."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.agent.helpers import args_like, first_call
from todo_chatbot.language.moments import render
from todo_chatbot.language.task_line import parse_task_line

MONDAY = datetime.fromisoformat("2026-11-23T10:00:00-05:00")
THURSDAY_EVENING = datetime.fromisoformat("2026-12-03T19:30:00-05:00")


def _due(text: str, now: datetime = MONDAY) -> tuple[str | None, str]:
    line = parse_task_line(text, now)
    return (render(line.due) if line.due is not None else None), line.title


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call my sister tomorrow at eight in the morning", "2026-11-24T08:00:00-05:00"),
        ("call my sister tomorrow eight in the morning", "2026-11-24T08:00:00-05:00"),
        ("call my sister friday at three thirty", "2026-11-27T15:30:00-05:00"),
        ("call my sister on wednesday at four fifteen", "2026-11-25T16:15:00-05:00"),
        ("call my sister on the fifth at ten a m", "2026-12-05T10:00:00-05:00"),
        ("call my sister at one o'clock tomorrow", "2026-11-24T13:00:00-05:00"),
        ("call my sister on the twelfth at seven thirty pm", "2026-12-12T19:30:00-05:00"),
        ("call my sister saturday at two o'clock in the afternoon", "2026-11-28T14:00:00-05:00"),
        ("call my sister on the eleventh at six in the evening", "2026-12-11T18:00:00-05:00"),
        ("call my sister friday three thirty", "2026-11-27T15:30:00-05:00"),
        ("call my sister at nine tomorrow", "2026-11-24T09:00:00-05:00"),
        ("call my sister at eight sharp tomorrow", "2026-11-24T08:00:00-05:00"),
        ("call my sister at ten to five", "2026-11-23T16:50:00-05:00"),
        ("call my sister at twenty past six", "2026-11-23T18:20:00-05:00"),
        ("call my sister at half six", "2026-11-23T18:30:00-05:00"),
        ("call my sister 7 tonight", "2026-11-23T19:00:00-05:00"),
        ("call my sister seven tonight", "2026-11-23T19:00:00-05:00"),
        ("call my sister by five", "2026-11-23T17:00:00-05:00"),
        ("call my sister tomorrow at 3ish", "2026-11-24T15:00:00-05:00"),
    ],
)
def test_spoken_clock_times(text: str, due: str) -> None:
    assert _due(text) == (due, "call my sister")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("buy two thirty-gallon bags", "buy two thirty-gallon bags"),
        ("call bob at one point", "call bob at one point"),
        ("sort the photos one by one", "sort the photos one by one"),
        ("buy 3 in the morning", "buy 3"),  # 3 is no morning hour: the morning alone is
    ],
)
def test_numbers_that_are_no_time_of_day_stay_in_the_title(text: str, title: str) -> None:
    due, kept = _due(text)
    assert kept == title
    assert due is None or due.endswith("T09:00:00-05:00")


@pytest.mark.parametrize(
    ("text", "due", "title"),
    [
        ("get flu shot this wknd", "2026-11-28", "get flu shot"),
        ("call mom nxt wk", "2026-11-30", "call mom"),
        ("p1 #work send the deck to sarah fri", "2026-11-27", "send the deck to sarah"),
        ("tidy the garage sat.", "2026-11-28", "tidy the garage"),
        ("renew passport in 2wks", "2026-12-07", "renew passport"),
        ("call mom a week from friday", "2026-12-04", "call mom"),
        ("finish the essay over the next two weeks", "2026-12-07", "finish the essay"),
        ("finish the essay in next 3 days", "2026-11-26", "finish the essay"),
        ("call mom before the weekend", "2026-11-27", "call mom"),
        ("call mom later today", "2026-11-23", "call mom"),
        ("call mom this arvo", "2026-11-23T15:00:00-05:00", "call mom"),
    ],
)
def test_short_forms_of_days(text: str, due: str, title: str) -> None:
    assert _due(text) == (due, title)


@pytest.mark.parametrize(
    "text", ["lie in the sun", "wear sun cream", "the day we got wed", "i sat"]
)
def test_a_short_weekday_after_an_article_or_pronoun_is_a_word(text: str) -> None:
    assert parse_task_line(text, MONDAY).due is None


@pytest.mark.parametrize(
    ("text", "due", "title"),
    [
        ("call the bank wed, actually thu", "2026-11-26", "call the bank"),
        ("order contacts by wed no thurs", "2026-11-26", "order contacts"),
        ("tomorrow call insurance, wait no, make it mon", "2026-11-30", "call insurance"),
        ("call mom friday, sorry, saturday", "2026-11-28", "call mom"),
        ("submit the report no later than friday", "2026-11-27", "submit the report"),
    ],
)
def test_the_day_said_last_in_a_correction_wins(text: str, due: str, title: str) -> None:
    assert _due(text) == (due, title)


@pytest.mark.parametrize(
    ("text", "rule", "title"),
    [
        ("pay the card bill 15th every month", "FREQ=MONTHLY;BYMONTHDAY=15", "pay the card bill"),
        ("pay car loan on the 10th monthly", "FREQ=MONTHLY;BYMONTHDAY=10", "pay car loan"),
        ("pay water bill every month on first day", "FREQ=MONTHLY;BYMONTHDAY=1", "pay water bill"),
        ("pay water bill every month on day 15", "FREQ=MONTHLY;BYMONTHDAY=15", "pay water bill"),
        ("yoga tue n thu", "FREQ=WEEKLY;BYDAY=TU,TH", "yoga"),
        ("stretch every wkday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "stretch"),
        ("file taxes every quarter", "FREQ=MONTHLY;INTERVAL=3", "file taxes"),
        ("call mom on weekends", "FREQ=WEEKLY;BYDAY=SA,SU", "call mom"),
    ],
)
def test_repetition_as_typed(text: str, rule: str, title: str) -> None:
    line = parse_task_line(text, MONDAY)
    assert (line.recurrence, line.title) == (rule, title)


def test_on_the_weekend_is_the_coming_one_not_every_one() -> None:
    line = parse_task_line("organise the garage on the weekend", MONDAY)
    assert line.recurrence is None
    assert line.due is not None and render(line.due) == "2026-11-28"


@pytest.mark.parametrize(
    ("text", "now", "due"),
    [
        # 9 this morning has passed and 9 tonight is soon: the evening is meant.
        ("take out the recycling at 9", THURSDAY_EVENING, "2026-12-03T21:00:00-05:00"),
        ("call bob at 8", THURSDAY_EVENING, "2026-12-03T20:00:00-05:00"),
        # The evening reading is far off (or passed too): the next morning.
        ("call bob at 9", MONDAY, "2026-11-24T09:00:00-05:00"),
        ("call bob at 7:30", THURSDAY_EVENING, "2026-12-04T07:30:00-05:00"),
        # Said with am/pm: taken as said.
        ("call bob at 9am", THURSDAY_EVENING, "2026-12-04T09:00:00-05:00"),
    ],
)
def test_an_hour_without_am_pm_is_read_from_the_time_it_is_said(
    text: str, now: datetime, due: str
) -> None:
    line = parse_task_line(text, now)
    assert line.due is not None and render(line.due) == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call mom at 9 30 am", "2026-11-24T09:30:00-05:00"),
        ("call mom at 12 noon", "2026-11-23T12:00:00-05:00"),
        ("call mom at 5p", "2026-11-23T17:00:00-05:00"),
        ("call mom mon am", "2026-11-30T09:00:00-05:00"),
        ("call mom tomorrow pm", "2026-11-24T15:00:00-05:00"),
        ("call mom tomorrow 5 o'clock", "2026-11-24T17:00:00-05:00"),
        ("call mom at 5 o'clock of the afternoon", "2026-11-23T17:00:00-05:00"),
        ("call mom within the hour", "2026-11-23T11:00:00-05:00"),
        ("call mom this time tomorrow", "2026-11-24T10:00:00-05:00"),
        ("call mom on monday the 7th", "2026-12-07"),
        ("call mom after two days", "2026-11-25"),
        ("call mom next month on the 5th", "2026-12-05"),
        ("call mom early next week", "2026-11-30"),
        ("call mom mid next week", "2026-12-02"),
        ("call mom later this week", "2026-11-27"),
        ("call mom the week after next", "2026-12-07"),
        ("call mom on thanksgiving", "2026-11-26"),
        ("call mom on black friday", "2026-11-27"),
        ("call mom before memorial day", "2027-05-31"),
    ],
)
def test_more_ways_to_say_when(text: str, due: str) -> None:
    assert _due(text) == (due, "call mom")


@pytest.mark.parametrize(
    "text", ["buy a turkey for thanksgiving dinner", "buy groceries for christmas dinner"]
)
def test_a_holiday_before_a_noun_is_the_occasion_not_the_day(text: str) -> None:
    assert _due(text) == (None, text)


@pytest.mark.parametrize(
    ("text", "rule", "due"),
    [
        ("gym every evening at nine", "FREQ=DAILY", "2026-11-23T21:00:00-05:00"),
        ("gym every morning at 7", "FREQ=DAILY", "2026-11-24T07:00:00-05:00"),
        ("gym once a month on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-01"),
        ("gym once a week on friday", "FREQ=WEEKLY;BYDAY=FR", "2026-11-27"),
        ("gym every day except sunday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "2026-11-23"),
        (
            "gym every morning except weekends",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "2026-11-24T09:00:00-05:00",
        ),
        ("gym daily except weekends", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-23"),
        ("gym every weekday except friday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "2026-11-23"),
        ("gym bi weekly on fridays", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-11-27"),
    ],
)
def test_repetition_with_its_time_and_the_days_it_skips(text: str, rule: str, due: str) -> None:
    line = parse_task_line(text, MONDAY)
    assert (line.title, line.recurrence) == ("gym", rule)
    assert line.due is not None and render(line.due) == due


@pytest.mark.parametrize(
    ("text", "due", "title"),
    [
        ("book flights for xmas", None, "book flights for xmas"),
        ("buy gifts by christmas", "2026-12-25", "buy gifts"),
        ("call grandma for christmas morning", "2026-12-25T09:00:00-05:00", "call grandma"),
        ("call mom at 10am-ish", "2026-11-24T10:00:00-05:00", "call mom"),
        ("call mom the fifth of next month", "2026-12-05", "call mom"),
        # The weekday says which 7th; one that does not fit the coming months is a slip.
        ("call mom on monday the 7th", "2026-12-07", "call mom"),
        ("call mom on tuesday the 7th", "2026-12-07", "call mom"),
    ],
)
def test_occasions_and_days_of_the_month(text: str, due: str | None, title: str) -> None:
    assert _due(text) == (due, title)


@pytest.mark.parametrize(
    ("text", "due", "title"),
    [
        ("call dad tmrw eve", "2026-11-24T18:00:00-05:00", "call dad"),
        ("call dad fri eve", "2026-11-27T18:00:00-05:00", "call dad"),
        ("xmas eve party", None, "xmas eve party"),
        ("pay the bill the twenty second at noon", "2026-12-22T12:00:00-05:00", "pay the bill"),
        ("pay the bill 22nd at 9am", "2026-12-22T09:00:00-05:00", "pay the bill"),
        ("wait till friday to call mom", "2026-11-27", "wait to call mom"),
    ],
)
def test_evenings_and_days_said_with_their_hour(text: str, due: str | None, title: str) -> None:
    assert _due(text) == (due, title)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call mom the next friday", "2026-11-27"),
        ("call mom on monday next", "2026-11-30"),
        ("call mom at 19h30", "2026-11-23T19:30:00-05:00"),
        ("call mom 7h30 tomorrow", "2026-11-24T07:30:00-05:00"),
        ("call mom within this week", "2026-11-27"),
    ],
)
def test_ways_of_writing_from_other_englishes(text: str, due: str) -> None:
    assert _due(text) == (due, "call mom")


@pytest.mark.parametrize("text", ["pay rent the 15 of every month", "pay rent every month on 15"])
def test_a_day_of_the_month_without_its_ordinal_ending(text: str) -> None:
    line = parse_task_line(text, MONDAY)
    assert (line.title, line.recurrence) == ("pay rent", "FREQ=MONTHLY;BYMONTHDAY=15")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call bob at 3, no 4", "2026-11-23T16:00:00-05:00"),
        ("call bob at 3, no 4:30", "2026-11-23T16:30:00-05:00"),
        ("call bob tomorrow 8am, no wait 9am", "2026-11-24T09:00:00-05:00"),
        ("call bob at 3 no rush", "2026-11-23T15:00:00-05:00"),
    ],
)
def test_the_time_said_last_in_a_correction_wins(text: str, due: str) -> None:
    assert _due(text) == (due, "call bob")


def test_every_other_weekend() -> None:
    line = parse_task_line("gym every other weekend", MONDAY)
    assert line.recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call bob tomorrow at 9", "2026-12-04T09:00:00-05:00"),
        ("call bob tomorrow", "2026-12-04"),
        ("call bob the day after tomorrow", "2026-12-05"),
    ],
)
def test_tomorrow_said_after_midnight_is_the_day_after_the_night(text: str, due: str) -> None:
    assert _due(text, datetime.fromisoformat("2026-12-04T00:40:00-05:00")) == (due, "call bob")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call mom a fortnight from today", "2026-12-07"),
        ("call mom in three weeks' time", "2026-12-14"),
        ("call mom no later than 5pm friday", "2026-11-27T17:00:00-05:00"),
        ("call mom this coming weekend", "2026-11-28"),
        ("call mom in a week or two", "2026-11-30"),
    ],
)
def test_spans_and_deadlines(text: str, due: str) -> None:
    assert _due(text) == (due, "call mom")


def test_two_weekdays_joined_by_a_plus_are_a_weekly_habit() -> None:
    line = parse_task_line("yoga tues + thurs", MONDAY)
    assert (line.title, line.recurrence) == ("yoga", "FREQ=WEEKLY;BYDAY=TU,TH")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("call mom at eleven fifty nine", "2026-11-23T11:59:00-05:00"),
        ("call mom at six oh five", "2026-11-23T18:05:00-05:00"),
        ("call mom at five forty-five pm", "2026-11-23T17:45:00-05:00"),
        ("call mom in fourteen days", "2026-12-07"),
    ],
)
def test_numbers_in_words(text: str, due: str) -> None:
    assert _due(text) == (due, "call mom")


def test_minutes_in_words_from_now() -> None:
    line = parse_task_line("check the oven, remind me in forty minutes", MONDAY)
    assert line.remind_at is not None and render(line.remind_at) == "2026-11-23T10:40:00-05:00"


@pytest.mark.parametrize(
    ("text", "due", "title"),
    [
        ("call mom tomrw", "2026-11-24", "call mom"),
        ("pay tax by febuary 3", "2027-02-03", "pay tax"),
    ],
)
def test_short_forms_with_typos(text: str, due: str, title: str) -> None:
    assert _due(text) == (due, title)


@pytest.mark.parametrize("text", ["send the deck fri pls", "send the deck fri, thanks"])
def test_a_short_weekday_before_a_thank_you_still_ends_the_line(text: str) -> None:
    due, title = _due(text)
    assert due == "2026-11-27"
    assert "fri" not in title.split()


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        (
            "remind me at 9 to put the bins out",
            THURSDAY_EVENING,
            {"title": "put the bins out", "remind_at": "2026-12-03T21:00:00-05:00"},
        ),
        (
            "could you remind me to ring my brother tomorrow at seven in the evening",
            MONDAY,
            {"title": "ring my brother", "due": "2026-11-24T19:00:00-05:00"},
        ),
        (
            "p2 #home clean the oven sat",
            MONDAY,
            {"title": "clean the oven", "due": "2026-11-28", "tags": ["home"]},
        ),
        (
            "pay the gas bill 3rd every month",
            MONDAY,
            {"title": "pay the gas bill", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=3"},
        ),
        ("send the deck fri pls", MONDAY, {"title": "send the deck", "due": "2026-11-27"}),
    ],
)
def test_the_chat_reads_them_too(text: str, now: datetime, expected: dict[str, object]) -> None:
    call = first_call(text, now=now)
    assert call.tool == "add_task"
    assert args_like(call, expected) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("call Kim abt the demo tmrw", "call Kim abt the demo"),
        ("stretch for 10 mins tmrw", "stretch for 10 mins"),
        ("talk about the budget and abt hiring", "talk about the budget and about hiring"),
    ],
)
def test_a_title_keeps_the_users_shorthand(text: str, title: str) -> None:
    assert parse_task_line(text, MONDAY).title == title
    assert first_call(f"add {text}").args["title"] == title
