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
  "end of the week" Friday, "next month" the 1st of next month; "early / mid / later next
  week" its Monday / Wednesday / Friday, "mid next month" its 15th.
- A clock time with no day is today, or tomorrow once that time has passed.
- An hour without am/pm: 1-6 is afternoon, 7-11 morning, 12 noon; but once that reading has
  passed today, the other half of the day when it comes within six hours ("at 9" said at
  19:30 is 21:00 tonight).
- Said before 03:00, "tomorrow" is the day that begins after the night (today's date).
- "fri, actually thu", "by wed no thurs", "at 3, no 4": what is said last replaces what it
  corrects.
- "for xmas" names an occasion (it stays in the title); "by/on/before xmas" is a due day.
- A day of month or month/day already past this year rolls over to the next one that exists.
- "12/24" is month/day (day/month only when the first number cannot be a month).
- "28.02" is day.month, as every country that writes dots reads it; "at 7.30" is a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.clock import (
    PART_OF_DAY,
    ClockHit,
    clock_said_first,
    find_clock,
    find_clock_offset,
)
from todo_chatbot.language.days import DayHit, find_day
from todo_chatbot.language.lexicon import DAY_CORRECTIONS, SPOKEN_HOURS_RE, words_re
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
    today: bool = False  # "tonight", "this afternoon": the clock names today, not only a time

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

    day_hit = _corrected_day(scratch, today) or _deadline_over_occasion(
        scratch.text, find_day(scratch.text, today), today
    )
    end_of_day = bool(day_hit and _END_OF_DAY.search(scratch.text[day_hit.start : day_hit.end]))
    if day_hit:
        day_hit = _after_the_night(day_hit, scratch.text, now)
        scratch.claim(day_hit.start, day_hit.end)
        day_hit, end_of_day = _end_of_which_day(scratch, day_hit, end_of_day, today)
    clock_hit = find_clock(scratch.text)
    if clock_hit is None and end_of_day:
        clock_hit = ClockHit(END_OF_WORKDAY, ())
    if clock_hit is None and day_hit is not None:
        clock_hit = _this_time(scratch, now)
    if clock_hit:
        for start, end in clock_hit.spans:
            scratch.claim(start, end)
        clock_hit = _corrected_clock(scratch, clock_hit)
    if day_hit is None and clock_hit is None:
        return None
    return resolve_when(
        now, day_hit.day if day_hit else None, clock_hit, day_hit.offset if day_hit else None
    )


_FOR_OCCASION = re.compile(r"^for\s", re.I)
# Before this hour, "tomorrow" is the day that starts after the night, which has already begun.
SMALL_HOURS_END = 3
_TOMORROW = re.compile(r"\btomorrow\b(?!'s)", re.I)


def _after_the_night(hit: DayHit, text: str, now: datetime) -> DayHit:
    """ "remind me tomorrow at 9" said at 00:40 means 9 this morning, not the day after."""
    if now.hour >= SMALL_HOURS_END or not _TOMORROW.search(text[hit.start : hit.end]):
        return hit
    return replace(hit, day=hit.day - timedelta(days=1))  # also "the day after tomorrow"


# "this time tomorrow" (not "the same time", which keeps a task's own time when it moves).
_THIS_TIME = re.compile(r"\b(?:at\s+|by\s+)?this\s+time\b(?!\s+(?:of|around|i|we)\b)", re.I)


def _this_time(scratch: Scratch, now: datetime) -> ClockHit | None:
    """ "this time tomorrow", "this time next week": the clock time it is now."""
    match = scratch.take(_THIS_TIME)
    if match is None:
        return None
    return ClockHit(now.time().replace(second=0, microsecond=0, tzinfo=None), ())


# "wed, actually thu", "by wed no thurs", "tmrw …, wait no, make it mon": the day said last.
_CORRECTION = re.compile(
    rf"[,;.]?\s*(?:-+\s*)?(?:\b(?:ugh+|oh|erm*|hmm+)[\s,]+)?\b(?:{words_re(DAY_CORRECTIONS)}\b[\s,.!-]*)+"
    r"(?:(?:on|for|to)\s+)?",
    re.I,
)


_NUMBER_FIRST = re.compile(rf"\d|{SPOKEN_HOURS_RE}(?![\w'-])", re.I)


def _corrected_clock(scratch: Scratch, said: ClockHit) -> ClockHit:
    """ "at 3, no 4", "8am, no wait 9am", "6pm. no, 7pm. no wait, 8pm": the time said after
    the last correction."""
    if not said.spans:
        return said
    text = scratch.text
    _claim_the_time_taken_back(scratch, min(start for start, _ in said.spans))
    end = max(stop for _, stop in said.spans)
    for _ in range(_MAX_CORRECTIONS):
        marker = _CORRECTION.match(text, end)
        if marker is None or _ONLY_WAIT.fullmatch(marker.group(0)):
            break
        rest = text[marker.end() :]
        lead = "at " if _NUMBER_FIRST.match(rest) else ""  # "no 4" says the hour alone
        hit = find_clock(lead + rest)
        if hit is None or min(start for start, _ in hit.spans) != 0:
            break
        scratch.claim(marker.start(), marker.end())
        spans = [
            (marker.end() + max(0, start - len(lead)), marker.end() + stop - len(lead))
            for start, stop in hit.spans
        ]
        for span in spans:
            scratch.claim(*span)
        said, end = replace(hit, spans=()), max(stop for _, stop in spans)
    return said


_CORRECTION_BEFORE = re.compile(rf"{_CORRECTION.pattern}$", re.I)


def _claim_the_time_taken_back(scratch: Scratch, start: int) -> None:
    """ "at 3, no 4:30" read as 4:30: the "at 3, no" before it leaves the title too."""
    head = scratch.text[:start]
    marker = _CORRECTION_BEFORE.search(head)
    if marker is None or _ONLY_WAIT.fullmatch(marker.group(0)):
        return
    taken_back = find_clock(head[: marker.start()])
    if taken_back and max(end for _, end in taken_back.spans) == len(
        head[: marker.start()].rstrip()
    ):
        for span in taken_back.spans:
            scratch.claim(*span)
        scratch.claim(marker.start(), marker.end())


_ONLY_WAIT = re.compile(r"\s*\bwait\s*(?:(?:on|for|to)\s+)?", re.I)


# A correction is said once or twice in a message; more markers are chatter ("no, no, no").
_MAX_CORRECTIONS = 4
_DAY_WINDOW = 64  # a day phrase is shorter: read only the start of what follows the marker


def _day_at_start(rest: str, today: date) -> DayHit | None:
    said = find_day(rest[:_DAY_WINDOW], today)
    if said is not None and said.end > _DAY_WINDOW - 8 and len(rest) > _DAY_WINDOW:
        said = find_day(rest, today)  # the phrase may run past the window
    return said if said is not None and said.start == 0 else None


def _corrected_day(scratch: Scratch, today: date) -> DayHit | None:
    """The day a correction names; the day it replaces is claimed too, so it leaves the title."""
    text = scratch.text
    for count, marker in enumerate(_CORRECTION.finditer(text)):
        if count == _MAX_CORRECTIONS:
            break
        if _ONLY_WAIT.fullmatch(marker.group(0)):
            continue  # "wait till friday" asks to wait, it corrects nothing
        said = _day_at_start(text[marker.end() :], today)
        if said is None:
            continue
        replaced = find_day(text[: marker.start()], today)
        if replaced is not None:
            scratch.claim(replaced.start, replaced.end)
        scratch.claim(marker.start(), marker.end())
        return DayHit(said.day, marker.end(), marker.end() + said.end, said.offset)
    return None


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
    clock = clock_hit.clock
    try:
        moment = at(base, clock, now)
        if day is None and clock_hit.half_day_guessed and moment <= now:
            moment, clock = _other_half_of_today(moment, now)
        # ("2am tonight" said at 23:00 is after midnight: tonight runs into tomorrow)
        small_hours = clock_hit.today and clock.hour < _NIGHT_ENDS
        rolls = day is None and (not clock_hit.today or small_hours) and moment <= now
        if clock_hit.next_day or rolls:
            moment = at(base + timedelta(days=1), clock, now)
    except OverflowError:
        return When(base, day=day)
    return When(
        moment,
        day=day,
        clock=clock,
        offset=offset,
        half_day_guessed=clock_hit.half_day_guessed,
        today=day is None and clock_hit.today,
    )


_NIGHT_ENDS = 5  # the hour before which "tonight" has gone past midnight
# How soon the other half of the day must come for an hour said without am/pm to mean it.
_SOON = timedelta(hours=6)


def _other_half_of_today(moment: datetime, now: datetime) -> tuple[datetime, time]:
    """ "remind me at 9" said at 19:30: 9 this morning has passed, so it is 21:00 tonight
    rather than 9 tomorrow morning (when that is soon)."""
    other = moment + timedelta(hours=12) if moment.hour < 12 else moment
    if now < other <= now + _SOON and other.date() == moment.date():
        return other, other.timetz().replace(tzinfo=None)
    return moment, moment.timetz().replace(tzinfo=None)


def take_clock_after(scratch: Scratch, end: int, part_of_day: str | None = None) -> time | None:
    """ "the day before at 9am", "the night before at seven": the clock time said right after
    a phrase ending at ``end`` (claimed); else the time of the part of the day it names."""
    hit = clock_said_first(scratch.text[end:])
    if hit is None:
        return PART_OF_DAY.get((part_of_day or "").lower())
    for start, stop in hit.spans:
        scratch.claim(end + start, end + stop)
    if hit.half_day_guessed and part_of_day == "night" and 5 <= hit.clock.hour < 12:
        return hit.clock.replace(hour=hit.clock.hour + 12)  # "the night before at 7": 19:00
    return hit.clock


def parse_when(text: str, now: datetime) -> tuple[When | None, str]:
    """Resolve the date/time in ``text``; also return what was left over."""
    scratch = Scratch(text)
    when = take_when(scratch, now)
    return when, scratch.rest()
