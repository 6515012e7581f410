import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from todo_chatbot.domain.recurrence import (
    anchor_rule,
    check_repeats_after,
    first_occurrence,
    next_occurrence,
    normalise_rule,
)

EST = timezone(timedelta(hours=-5))


def test_rule_is_canonicalised() -> None:
    assert normalise_rule("rrule:byday=mo,we;freq=weekly") == "FREQ=WEEKLY;BYDAY=MO,WE"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("BYDAY=MO", "needs FREQ"),
        ("FREQ=SOMETIMES", "not a recurrence frequency"),
        ("FREQ=HOURLY", "must be DAILY"),
        ("FREQ=DAILY;DTSTART=20260101T000000Z", "DTSTART"),
        ("FREQ=WEEKLY;BYDAY=XX", "not a weekday"),
        ("FREQ=DAILY;UNTIL=never", "not a valid RRULE"),
        ("FREQ=DAILY;INTERVAL", "KEY=VALUE"),
    ],
)
def test_bad_rules_are_refused(rule: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_rule(rule)


def test_daily_weekly_and_interval() -> None:
    assert next_occurrence("FREQ=DAILY", date(2026, 12, 31)) == date(2027, 1, 1)
    assert next_occurrence("FREQ=DAILY;INTERVAL=2", date(2026, 11, 23)) == date(2026, 11, 25)
    assert next_occurrence("FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 23)) == date(2026, 12, 7)
    rule = "FREQ=WEEKLY;BYDAY=MO,WE"
    assert next_occurrence(rule, date(2026, 11, 23)) == date(2026, 11, 25)
    assert next_occurrence(rule, date(2026, 11, 25)) == date(2026, 11, 30)


def test_weekday_rule_skips_the_weekend_and_keeps_time_and_offset() -> None:
    friday = datetime(2026, 11, 27, 9, 30, tzinfo=EST)
    following = next_occurrence("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", friday)
    assert following == datetime(2026, 11, 30, 9, 30, tzinfo=EST)
    assert following is not None and following.utcoffset() == timedelta(hours=-5)


def test_month_end_falls_on_the_last_day_of_short_months_without_drifting() -> None:
    rule = anchor_rule("FREQ=MONTHLY", date(2026, 1, 31))
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=31"
    seen = []
    current = date(2026, 1, 31)
    for _ in range(4):
        nxt = next_occurrence(rule, current)
        assert nxt is not None
        seen.append(nxt)
        current = nxt
    assert seen == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]


def test_month_end_in_a_leap_year() -> None:
    assert next_occurrence("FREQ=MONTHLY;BYMONTHDAY=30", date(2028, 1, 30)) == date(2028, 2, 29)


def test_leap_day_yearly_rule() -> None:
    rule = anchor_rule("FREQ=YEARLY", date(2028, 2, 29))
    assert next_occurrence(rule, date(2028, 2, 29)) == date(2029, 2, 28)
    assert next_occurrence(rule, date(2031, 2, 28)) == date(2032, 2, 29)


def test_first_monday_and_last_friday_of_the_month() -> None:
    assert next_occurrence("FREQ=MONTHLY;BYDAY=1MO", date(2026, 11, 2)) == date(2026, 12, 7)
    assert next_occurrence("FREQ=MONTHLY;BYDAY=-1FR", date(2026, 11, 27)) == date(2026, 12, 25)


def test_anchor_leaves_explicit_rules_alone() -> None:
    assert anchor_rule("FREQ=MONTHLY;BYDAY=1MO", date(2026, 1, 31)) == "FREQ=MONTHLY;BYDAY=1MO"
    assert anchor_rule("FREQ=MONTHLY", None) == "FREQ=MONTHLY"


def test_finished_rules_have_no_next() -> None:
    assert next_occurrence("FREQ=DAILY;COUNT=1", date(2026, 1, 1)) is None
    until = "FREQ=DAILY;UNTIL=20260103T000000Z"
    assert next_occurrence(until, datetime(2026, 1, 2, 9, tzinfo=EST)) is None


rules = st.sampled_from(
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    ]
)


@given(rules, st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_next_is_strictly_later_and_within_a_bounded_gap(rule: str, start: date) -> None:
    nxt = next_occurrence(rule, start)
    assert nxt is not None
    assert start < nxt <= start + timedelta(days=366 + 31)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL=-1"),
        ("FREQ=DAILY;INTERVAL=99999999999999999999", "whole number from 1 to 999"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20300101", "cannot both"),
        ("FREQ=DAILY;BYYEARDAY=100", "BYYEARDAY is not supported"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "no such day"),
        ("FREQ=MONTHLY;BYDAY=6MO", "out of range"),
        ("FREQ=WEEKLY;BYDAY=2MO", "needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=15", "cannot be combined"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", "more than the days"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS needs"),
        ("FREQ=WEEKLY;BYSETPOS=2;BYDAY=MO,MO", "MO is listed twice"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,1", "1 is listed twice"),
    ],
)
def test_rules_that_could_loop_or_never_occur_are_refused(rule: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_rule(rule)


def test_a_rule_must_repeat_after_its_due() -> None:
    check_repeats_after("FREQ=DAILY", date(2030, 1, 31))
    for ended in ("FREQ=DAILY;UNTIL=20200101", "FREQ=DAILY;COUNT=1"):
        with pytest.raises(ValueError, match="never repeats"):
            check_repeats_after(ended, date(2030, 1, 31))


def test_first_occurrence_from_today() -> None:
    wednesday = date(2026, 12, 2)
    assert first_occurrence("FREQ=DAILY", wednesday) == wednesday
    assert first_occurrence("FREQ=WEEKLY;BYDAY=MO", wednesday) == date(2026, 12, 7)
    assert first_occurrence("FREQ=WEEKLY;BYDAY=WE", wednesday) == wednesday
    assert first_occurrence("FREQ=MONTHLY;BYMONTHDAY=1", wednesday) == date(2027, 1, 1)


def test_no_occurrence_beyond_the_calendar() -> None:
    assert next_occurrence("FREQ=DAILY", date(9999, 12, 31)) is None
    assert next_occurrence("FREQ=YEARLY", datetime(9999, 6, 1, 9, tzinfo=EST)) is None


PARTS = st.fixed_dictionaries(
    {"FREQ": st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])},
    optional={
        "INTERVAL": st.integers(-2, 1200).map(str),
        "COUNT": st.integers(0, 3).map(str),
        "BYDAY": st.lists(
            st.tuples(
                st.sampled_from(["", "1", "2", "-1", "5", "6"]),
                st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
            ).map("".join),
            min_size=1,
            max_size=3,
        ).map(",".join),
        "BYMONTHDAY": st.lists(st.integers(-31, 31), min_size=1, max_size=2).map(
            lambda days: ",".join(map(str, days))
        ),
        "BYMONTH": st.lists(st.integers(0, 13), min_size=1, max_size=2).map(
            lambda months: ",".join(map(str, months))
        ),
        "BYSETPOS": st.integers(-6, 6).map(str),
    },
)


@settings(max_examples=300, deadline=None)
@given(parts=PARTS, start=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)))
def test_any_accepted_rule_answers_at_once(parts: dict[str, str], start: date) -> None:
    """No rule a user can store makes the search for its next occurrence run away."""
    try:
        rule = normalise_rule(";".join(f"{key}={value}" for key, value in parts.items()))
    except ValueError:
        return
    started = time.process_time()  # CPU time: a busy machine does not inflate it
    found = next_occurrence(anchor_rule(rule, start), start)
    assert time.process_time() - started < 2.0, rule  # a runaway search takes far longer
    assert found is None or found > start
