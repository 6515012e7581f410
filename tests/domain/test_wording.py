"""Recurrence rules read back in plain English, the one wording every interface shows."""

import pytest

from todo_chatbot.domain.wording import describe_rule


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("FREQ=DAILY", "every day"),
        ("FREQ=DAILY;INTERVAL=2", "every other day"),
        ("FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", "every weekend"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "every Monday and Thursday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "every other Monday and Wednesday"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=FR", "every 3 weeks on Friday"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", "every month on the 1st"),
        ("FREQ=MONTHLY;BYMONTHDAY=22", "every month on the 22nd"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"),
        ("FREQ=MONTHLY;BYDAY=1MO", "on the first Monday of every month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "on the last Friday of every month"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "on the last weekday of every month"),
        ("FREQ=YEARLY", "every year"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5", "every year on March 5th"),
        ("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "on the fourth Thursday of November, every year"),
        ("FREQ=DAILY;COUNT=10", "every day, 10 times"),
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", "every Friday until 31 Dec 2026"),
    ],
)
def test_rules_read_back_in_plain_language(rule: str, text: str) -> None:
    assert describe_rule(rule) == text
