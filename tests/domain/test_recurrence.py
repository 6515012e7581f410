from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from todo_chatbot.domain.recurrence import anchor_rule, next_occurrence, normalise_rule

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
