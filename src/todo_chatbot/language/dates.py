"""Dates and times relative to the user's clock: "tomorrow 5pm", "next friday", "in 3 days".

Conventions (documented because English leaves them open):
- A phrase with only a day ("friday", "dec 5", "in 3 days", "end of the month") is an all-day
  ``date``; one with a clock time or a part of the day is an aware ``datetime`` in the user's
  UTC offset.
- "EOD" / "close of business" is 17:00 of that day.
- Parts of the day: morning 09:00, noon 12:00, afternoon 15:00, evening 18:00, tonight/night
  20:00, midnight 00:00 of the next day.
- A bare weekday is the next one after today; "this friday" may be today; "next friday" is the
  Friday of next (Monday-based) week. "next week" is next Monday, "this weekend" Saturday,
  "end of the week" Friday, "next month" the 1st of next month.
- A clock time with no day is today, or tomorrow once that time has passed.
- An hour without am/pm: 1-6 is afternoon, 7-11 morning, 12 noon.
- A day of month or month/day already past this year rolls over to the next one that exists.
- "12/24" is month/day (day/month only when the first number cannot be a month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.clock import ClockHit, find_clock, find_clock_offset
from todo_chatbot.language.days import DayHit, find_day
from todo_chatbot.language.moments import Due, at, shift
from todo_chatbot.language.scratch import HOLE, Scratch

# "EOD", "close of business": the end of the working day, not just the date.
END_OF_WORKDAY = time(17)
_END_OF_DAY = re.compile(r"\b(?:eod|cob|close\s+of\s+business|end\s+of\s+(?:the\s+)?day)\b", re.I)
_END_OF_DAY_AFTER = re.compile(
    r"(?:\b(?:by|at|before)\s+)?(?:the\s+)?\b(?:eod|cob|close\s+of\s+business|end\s+of\s+(?:the\s+)?day)\b",
    re.I,
)


@dataclass(frozen=True)
class When:
    """A moment or a day the user named.

    ``day``/``clock`` are what was said explicitly (used when a recurrence needs a start and a
    time of day); ``offset`` is set for durations from now ("in 2 hours", "in 3 days").
    """

    value: Due
    day: date | None = None
    clock: time | None = None
    offset: relativedelta | None = None
    half_day_guessed: bool = False  # "at 7:30": whether morning or evening was not said

    @property
    def timed(self) -> bool:
        return isinstance(self.value, datetime)


def take_when(scratch: Scratch, now: datetime) -> When | None:
    """Claim the date/time phrases in ``scratch`` and resolve them against ``now``."""
    today = now.date()
    clock_offset = find_clock_offset(scratch.text)
    if clock_offset:
        delta, start, end = clock_offset
        scratch.claim(start, end)
        try:
            return When(shift(now, delta), offset=delta)
        except OverflowError:
            return None

    day_hit = _deadline_over_occasion(scratch.text, find_day(scratch.text, today), today)
    end_of_day = bool(day_hit and _END_OF_DAY.search(scratch.text[day_hit.start : day_hit.end]))
    if day_hit:
        scratch.claim(day_hit.start, day_hit.end)
        day_hit, end_of_day = _end_of_which_day(scratch, day_hit, end_of_day, today)
    clock_hit = find_clock(scratch.text)
    if clock_hit is None and end_of_day:
        clock_hit = ClockHit(END_OF_WORKDAY, ())
    if clock_hit:
        for start, end in clock_hit.spans:
            scratch.claim(start, end)
    if day_hit is None and clock_hit is None:
        return None
    return resolve_when(
        now, day_hit.day if day_hit else None, clock_hit, day_hit.offset if day_hit else None
    )


_FOR_OCCASION = re.compile(r"^for\s", re.I)


def _deadline_over_occasion(text: str, hit: DayHit | None, today: date) -> DayHit | None:
    """ "book flights for xmas by friday": "for xmas" says what the task is for; the other
    day is when it is due, and the occasion stays in the title."""
    if hit is None or not _FOR_OCCASION.match(text[hit.start : hit.end]):
        return hit
    masked = text[: hit.start] + HOLE * (hit.end - hit.start) + text[hit.end :]
    return find_day(masked, today) or hit


def _end_of_which_day(
    scratch: Scratch, day_hit: DayHit, end_of_day: bool, today: date
) -> tuple[DayHit, bool]:
    """ "end of day friday", "friday EOD": the end of the working day of the day named."""
    if end_of_day:
        other = find_day(scratch.text, today)
        if other is None:
            return day_hit, True
        scratch.claim(other.start, other.end)
        return other, True
    closing = _END_OF_DAY_AFTER.search(scratch.text)
    if closing is None:
        return day_hit, False
    scratch.claim(*closing.span())
    return day_hit, True


def resolve_when(
    now: datetime, day: date | None, clock_hit: ClockHit | None, offset: relativedelta | None
) -> When:
    if clock_hit is None:
        assert day is not None
        return When(day, day=day, offset=offset)
    base = day or now.date()
    try:
        moment = at(base, clock_hit.clock, now)
        if clock_hit.next_day or (day is None and not clock_hit.today and moment <= now):
            moment = at(base + timedelta(days=1), clock_hit.clock, now)
    except OverflowError:
        return When(base, day=day)
    return When(
        moment,
        day=day,
        clock=clock_hit.clock,
        offset=offset,
        half_day_guessed=clock_hit.half_day_guessed,
    )


def parse_when(text: str, now: datetime) -> tuple[When | None, str]:
    """Resolve the date/time in ``text``; also return what was left over."""
    scratch = Scratch(text)
    when = take_when(scratch, now)
    return when, scratch.rest()
