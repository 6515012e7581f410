"""Clock phrases: "5pm", "at 9:30", "noon", "tonight", "this afternoon", "in 2 hours"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.lexicon import HOUR_RE, NUMBER_RE, WEEKDAY_RE, number_value
from todo_chatbot.language.scratch import HOLE

_FLAGS = re.I

PART_OF_DAY = {
    "morning": time(9),
    "afternoon": time(15),
    "evening": time(18),
    "eve": time(18),
    "night": time(20),
    "tonight": time(20),
    "tonite": time(20),
    "after work": time(18),
    "after school": time(15),
    "after lunch": time(13),
    "before work": time(8),
    "before school": time(8),
}


@dataclass(frozen=True)
class ClockHit:
    clock: time
    spans: tuple[tuple[int, int], ...]
    today: bool = False  # "tonight", "this afternoon": no rolling over to tomorrow
    next_day: bool = False  # "midnight" closes the day it is said of
    # An hour said without am/pm or a part of the day ("at 7:30"): morning or evening is a
    # guess, which a task's own time may settle.
    half_day_guessed: bool = False


_CLOCK_LEAD = r"(?:(?:at|@|by|around|about|before|from|till|until|for|starting)\s+|@\s*)?"
_AMPM = re.compile(
    rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)"
    r"(?![a-z])",
    _FLAGS,
)
# "9-11am", "2 to 4pm": the start of the span, read with the end's am/pm.
_SPAN = re.compile(
    rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?:-|to|till|until)\s*"
    r"(?P<h2>\d{1,2})(?:[:.]\d{2})?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])",
    _FLAGS,
)
_COLON = re.compile(rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![\w:])", _FLAGS)
_AT_HOUR = re.compile(
    r"(?:\b(?:at|around|by|before|until|till|no\s+later\s+than)\s+|@\s*)(?P<h>\d{1,2})(?:\s*o'?clock)?(?![\w:/.,]\d|\d|\s*(?:st|nd|rd|th|"
    r"days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|%|am|pm|a\.m|p\.m|people|of)\b)",
    _FLAGS,
)
# "friday 8", "tomorrow 10": an hour said right after the day it is on.
# (The day may already be claimed by the date rules: then a hole stands before the hour.)
_DAY_THEN_HOUR = re.compile(
    rf"(?:\b(?:{WEEKDAY_RE}|today|tonight|tomorrow)|{HOLE})\s+(?P<h>\d{{1,2}})"
    rf"(?:\s*o'?clock|ish)?(?=\s*(?:$|[,.;!?{HOLE}]))",
    _FLAGS,
)
_HALF_PAST = re.compile(
    rf"\b{_CLOCK_LEAD}(?:a\s+)?(?P<q>half|quarter)\s+(?P<dir>past|to|after|til)\s+(?P<h>{HOUR_RE})\b",
    _FLAGS,
)
_NOON = re.compile(
    r"\b(?:(?:at|by|around|before)\s+)?(?P<word>noon|midday|midnight|lunch\s*time)\b", _FLAGS
)
_PART_OF_DAY = re.compile(
    r"\b(?P<lead>this\s+|in\s+the\s+|at\s+|during\s+the\s+|early\s+|late\s+|by\s+)?"
    r"(?P<pod>morning|afternoon|evening|night|tonight|tonite|(?:after|before)\s+(?:work|school)|"
    r"after\s+lunch)\b",
    _FLAGS,
)
_FIRST_THING = re.compile(r"\bfirst\s+thing(?:\s+in\s+the\s+morning)?\b", _FLAGS)


def _hour_from(hour: int, minute: int, pod: str | None, meridiem: str | None) -> time | None:
    if meridiem == "24h":
        pass
    elif meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower().startswith("p") else 0)
    elif pod in ("afternoon", "evening", "eve", "night", "tonight", "tonite") and hour < 12:
        hour += 12
    elif pod == "morning":
        hour = 0 if hour == 12 else hour
    elif 1 <= hour <= 6:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _adjacent(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether only spaces, claimed text or "at"/"on" separate two phrases."""
    start, end = (first[1], second[0]) if first[0] < second[0] else (second[1], first[0])
    between = text[start:end].replace(HOLE, " ").strip().lower()
    return between in ("", "at", "on", ",")


def find_clock(text: str) -> ClockHit | None:
    """The clock time named in the text, if any (explicit numbers win over parts of the day)."""
    pod_match = _PART_OF_DAY.search(text)
    pod = " ".join(pod_match["pod"].lower().split()) if pod_match else None
    pod_today = bool(
        pod_match and (pod in ("tonight", "tonite") or (pod_match["lead"] or "").startswith("this"))
    )

    for pattern in (_SPAN, _AMPM, _COLON, _AT_HOUR, _DAY_THEN_HOUR):
        match = pattern.search(text)
        if not match:
            continue
        meridiem = match.groupdict().get("ap")
        if pattern is _SPAN and int(match["h"]) > int(match["h2"]) and meridiem:
            meridiem = "am" if meridiem.lower().startswith("p") else "pm"  # "11-1pm" starts at 11am
        near = pod_match is not None and _adjacent(text, match.span(), pod_match.span())
        # A part of the day far from the time only helps to read it ("morning jog at 6").
        use_pod = near or (pod_match is not None and meridiem is None)
        minute = int(match["m"]) if match.groupdict().get("m") else 0
        if meridiem is None and len(match["h"]) == 2 and match["h"].startswith("0"):
            meridiem = "24h"  # "01:50" is written on a 24-hour clock: ten to two at night
        clock = _hour_from(int(match["h"]), minute, pod if use_pod else None, meridiem)
        if clock is None:
            continue
        spans = [match.span("h") if pattern is _DAY_THEN_HOUR else match.span()]
        if pod_match and near:
            spans.append(pod_match.span())
        guessed = meridiem is None and not use_pod and 1 <= int(match["h"]) <= 12
        return ClockHit(clock, tuple(spans), today=pod_today and use_pod, half_day_guessed=guessed)

    half = _HALF_PAST.search(text)
    if half:
        base = _hour_from(number_value(half["h"]), 0, pod, None)
        if base is not None:
            minutes = 30 if half["q"].lower() == "half" else 15
            moment = datetime.combine(date(2000, 1, 2), base)
            moment += timedelta(minutes=-minutes if half["dir"].lower() == "to" else minutes)
            spans = [half.span(), *([pod_match.span()] if pod_match else [])]
            return ClockHit(
                moment.time(), tuple(spans), today=pod_today, half_day_guessed=pod is None
            )

    noon = _NOON.search(text)
    if noon:
        if noon["word"].lower() == "midnight":
            return ClockHit(time(0), (noon.span(),), next_day=True)
        return ClockHit(time(12), (noon.span(),))

    first = _FIRST_THING.search(text)
    if first:
        spans = [first.span()]
        if pod_match and pod == "morning" and _adjacent(text, first.span(), pod_match.span()):
            spans.append(pod_match.span())  # "tomorrow morning first thing"
        return ClockHit(time(9), tuple(spans))

    if pod_match and pod:
        return ClockHit(PART_OF_DAY[pod], (pod_match.span(),), today=pod_today)
    return None


# --- durations from now --------------------------------------------------------------------

_CLOCK_OFFSET = re.compile(
    r"\b(?:with)?in\s+(?:(?P<half>half\s+an?|a\s+half)|(?P<n>\d{1,4}(?:\.\d+)?|"
    rf"{NUMBER_RE}))?\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b(?P<and_half>\s+and\s+a\s+half)?"
    r"(?:\s+from\s+now)?",
    _FLAGS,
)
_CLOCK_OFFSET_AFTER = re.compile(
    rf"\b(?P<n>\d{{1,4}}|{NUMBER_RE})\s+(?P<unit>hours?|hrs?|minutes?|mins?)\s+from\s+now\b", _FLAGS
)


def _minutes_in(match: re.Match[str]) -> float | None:
    unit = match["unit"].lower()
    per_unit = 60 if unit.startswith("h") else 1
    if match.groupdict().get("half"):
        return per_unit / 2
    raw = match["n"]
    if raw and re.fullmatch(r"\d+(?:\.\d+)?", raw):
        count: float = min(float(raw), 100_000.0)
    else:
        count = number_value(raw)
    if match.groupdict().get("and_half"):
        count += 0.5
    return count * per_unit


def find_clock_offset(text: str) -> tuple[relativedelta, int, int] | None:
    """ "in 2 hours", "in 30 minutes", "in an hour and a half": a span of clock time."""
    for pattern in (_CLOCK_OFFSET, _CLOCK_OFFSET_AFTER):
        match = pattern.search(text)
        if match:
            minutes = _minutes_in(match)
            if minutes:
                whole = int(minutes)
                seconds = round((minutes - whole) * 60)
                return relativedelta(minutes=whole, seconds=seconds), match.start(), match.end()
    return None
