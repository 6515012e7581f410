"""Clock phrases: "5pm", "at 9:30", "noon", "tonight", "this afternoon", "in 2 hours"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.lexicon import (
    EVENING_EVENTS,
    HOUR_RE,
    NUMBER_RE,
    SPOKEN_HOURS,
    SPOKEN_HOURS_RE,
    SPOKEN_MINUTES,
    SPOKEN_MINUTES_RE,
    WEEKDAY_RE,
    number_value,
)
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


_CLOCK_LEAD = (
    r"(?:(?:at|@|by|around|about|before|from|till|until|for|starting|no\s+later\s+than)\s+|@\s*)?"
)
# "am"/"pm", also as dictated: "a m", "p.m.".
_MERIDIEM = r"(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])(?:\s*-?\s*ish\b)?"
_AMPM = re.compile(
    rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}})(?:(?:[:.]|\s)(?P<m>[0-5]\d))?\s*{_MERIDIEM}",
    _FLAGS,
)
# "9-11am", "2 to 4pm": the start of the span, read with the end's am/pm.
_SPAN = re.compile(
    rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?:-|to|till|until)\s*"
    r"(?P<h2>\d{1,2})(?:[:.]\d{2})?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])",
    _FLAGS,
)
_COLON = re.compile(rf"(?<![\w:/.]){_CLOCK_LEAD}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![\w:])", _FLAGS)
# The British "at 7.30": only after a time word ("2.50" alone is a price, "28.02" a day).
_DOTTED = re.compile(
    r"(?:\b(?:at|around|by|before|from|till|until|starting)\s+|@\s*)(?P<h>[01]?\d|2[0-3])\."
    r"(?P<m>[0-5]\d)(?![\w.]|\.\d)",
    _FLAGS,
)
# A 24-hour clock in four digits: "due 0900 thursday", "at 1430", "1515 sharp", "2000 hours".
# (said after a time word or beside the day: "PO 4471", "form 21-0966" and years are no times)
_FOUR_DIGITS = re.compile(
    rf"(?:\b(?:at|@|by|before|after|until|till|from|nlt|due|around)\s+|(?<=[,{HOLE}])\s*|"
    rf"\b(?:{WEEKDAY_RE}|today|tomorrow|tonight)\s*,?\s+|(?<=\s)(?=\d{{4}}\s+(?:hours|hrs|sharp)\b))"
    r"(?<![\w#/.-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?![\w/.-]|,\d)(?:\s*(?P<hours>hours|hrs)\b)?(?:\s+sharp\b)?",
    _FLAGS,
)
_FOUR_DIGITS_BEFORE_DAY = re.compile(
    r"(?<![\w#/.-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s*"
    + HOLE
    + r"|\s+(?:on\s+)?(?:today|tomorrow|"
    rf"tonight|{WEEKDAY_RE}(?![a-z])))",
    _FLAGS,
)
_AT_HOUR = re.compile(
    r"(?:\b(?:at|around|by|before|until|till|no\s+later\s+than)\s+|@\s*)(?P<h>\d{1,2})"
    r"(?:\s*o'?\s?clock(?:\s+sharp)?\b|(?:ish)?(?:\s+sharp\b)?(?![\w:/.,]\d|\d|\s*(?:st|nd|rd|th|"
    r"past|after|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|%|am|pm|a\.m|p\.m|people|of|"
    r"noon|midnight)\b))",
    _FLAGS,
)
# The 24-hour "19h", "at 7h30" written in much of Europe.
_H_CLOCK = re.compile(
    r"(?:(?:\b(?:at|around|by|before|from|until|till)\s+|@\s*)(?P<h>\d{1,2})h(?P<m>[0-5]\d)?|"
    r"(?<![\w:/.])(?P<h2>\d{1,2})h(?P<m2>[0-5]\d))(?![\w:])",
    _FLAGS,
)
# Texting's "at 5p", "@ 10:30a".
_SHORT_MERIDIEM = re.compile(
    r"(?:\b(?:at|around|by|before)\s+|@\s*)(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?P<ap>[ap])(?![\w.])",
    _FLAGS,
)
# "gym 7a tmrw": bare, only right before the day ("apt 7a" is an address).
_BARE_SHORT_MERIDIEM = re.compile(
    r"(?<![\w#/])(?<!apt\s)(?<!room\s)(?<!unit\s)(?<!flat\s)(?<!suite\s)(?<!gate\s)(?<!seat\s)"
    r"(?<!row\s)(?<!bus\s)(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?P<ap>[ap])(?=\s*"
    + HOLE
    + r"|\s+(?:today|tonight|"
    rf"tomorrow|this\s|next\s|{WEEKDAY_RE}(?![a-z])))",
    _FLAGS,
)
# "#5 tmrw 3p", "gym ev mon 7a": bare, right after the day.
_DAY_THEN_SHORT_MERIDIEM = re.compile(
    rf"(?:{HOLE}+|\b(?:today|tonight|tomorrow|{WEEKDAY_RE}))\s+(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}}))?"
    r"(?P<ap>[ap])(?![\w.])",
    _FLAGS,
)
# "mon am", "tomorrow pm": the morning or the afternoon of that day.
_DAY_THEN_HALF = re.compile(
    rf"(?:\b(?:{WEEKDAY_RE}|today|tomorrow)|{HOLE})\s+(?P<half>am|pm)\b"
    r"(?!\s*\d|\s+(?:i|we|you|they|he|she|it)\b)",
    _FLAGS,
)
# "friday 8", "tomorrow 10": an hour said right after the day it is on.
# (The day may already be claimed by the date rules: then a hole stands before the hour.)
_DAY_THEN_HOUR = re.compile(
    rf"(?:\b(?:{WEEKDAY_RE}|today|tonight|tomorrow)|{HOLE})\s+(?P<h>\d{{1,2}})"
    rf"(?:\s*o'?clock|ish)?(?=\s*(?:$|[,.;!?{HOLE}]))",
    _FLAGS,
)
# "7 tonight", "8 in the morning": an hour said right before the part of the day it is in;
# also "7 evening", "8 morning" as second-language speakers say it, when the phrase ends there.
_HOUR_THEN_PART = re.compile(
    r"(?<![\w:/.$#-])(?P<h>\d{1,2})(?=\s+(?:tonight|tonite|(?:in\s+the|this)\s+(?:morning|"
    r"afternoon|evening)|at\s+night)\b|\s+(?:morning|afternoon|evening|night)\b"
    rf"\s*(?:$|[,.;!?{HOLE}]|(?:on|this|next|tomorrow|today|every|please|pls)\b))",
    _FLAGS,
)
# The hours (on a 12-hour clock face) that each part of the day can hold.
_HOURS_OF_PART = {
    "morning": frozenset(range(5, 13)),
    "afternoon": frozenset((12, 1, 2, 3, 4, 5, 6)),
    "evening": frozenset(range(4, 12)),
    "night": frozenset((*range(6, 13), 1, 2, 3)),
    "tonight": frozenset(range(5, 13)),
    "tonite": frozenset(range(5, 13)),
}


def _fits_part(hour: int, pod: str | None) -> bool:
    return pod is not None and hour in _HOURS_OF_PART.get(pod, frozenset())


# "haircut is half ten not eleven": "half ten" without "at" only where a time ends the phrase.
_BARE_HALF = (
    rf"half\s+{HOUR_RE}"
    r"(?:\s*(?:$|[,.;!?]|(?:not|am|pm|tomorrow|today|tonight|on|this|next|instead)\b))"
)
# "half past 3", "quarter to five", "ten to six", "20 past 9"; British "at half six" (6:30).
_HALF_PAST = re.compile(
    rf"\b{_CLOCK_LEAD}(?:a\s+)?(?P<q>half|quarter|twenty[\s-]five|twenty|ten|five|\d{{1,2}})"
    rf"(?P<unit>\s+minutes?)?\s+(?P<dir>past|to|after|til)\s+(?P<h>{HOUR_RE})\b"
    rf"|\b(?:(?:at|by|around)\s+|(?={_BARE_HALF}))(?P<half>half)\s+(?P<hh>{HOUR_RE})"
    r"(?!\s*(?:past|to|an?|hours?)\b)",
    _FLAGS,
)
_MERIDIEM_AFTER = re.compile(rf"\s*{_MERIDIEM}", _FLAGS)
_QUARTERS = {"half": 30, "quarter": 15, "twenty five": 25, "twenty": 20, "ten": 10, "five": 5}
_NOON = re.compile(
    r"\b(?:(?:at|by|around|before)\s+)?(?:12\s*)?(?P<word>noon|midday|midnight|lunch\s*time)\b",
    _FLAGS,
)
# "parents evening", "movie night": the name of an event, not a time of the day
_NOT_AFTER_EVENT = "".join(rf"(?<!\b{word}\s)" for word in sorted(EVENING_EVENTS))
_PART_OF_DAY = re.compile(
    # (not the greeting "good morning", which names no time of the task)
    r"(?<!\bgood\s)\b(?:later\s+)?"
    r"(?P<lead>this\s+|(?:in|of)\s+the\s+|at\s+|during\s+the\s+|early\s+|late\s+|by\s+)?"
    rf"(?P<pod>{_NOT_AFTER_EVENT}(?:morning|afternoon|evening|night)|tonight|tonite|"
    r"(?:after|before)\s+(?:work|school)|"
    # "fri eve", "this eve" (a day just named: never "christmas eve")
    rf"after\s+lunch|(?:(?<={HOLE}\s)|(?<=this\s))eve)\b"
    # "night shift differential", "morning routine": a kind of thing, not a time of the day
    r"(?!\s+(?:shifts?|owls?|lights?|stands?|clubs?|school|class(?:es)?|routines?|person|"
    r"people|nurses?|staff|crew|duty|cream|feeds?|sky)\b)",
    _FLAGS,
)
# A clock time in words, as dictated: "at eight", "three thirty", "ten a m", "one o'clock".
_SPOKEN = re.compile(
    rf"(?<![\w'-])(?P<lead>(?:at|around|by|before|until|till|from|starting|to)\s+|@\s*)?"
    rf"(?P<h>{SPOKEN_HOURS_RE})(?![\w'-])(?:[\s-]+(?P<m>{SPOKEN_MINUTES_RE})(?![\w'-]))?"
    rf"(?:\s*(?P<oc>o'?\s?clock))?(?:\s*{_MERIDIEM})?(?:\s+(?:sharp|on\s+the\s+dot)\b)?",
    _FLAGS,
)
# What may follow a bare spoken hour ("at nine", "around eight"): not "at one point".
_AFTER_BARE_HOUR = re.compile(
    rf"\s*(?:$|[,.;!?){HOLE}]|(?:in|on|this|tomorrow|today|tonight|to|and|for|with|sharp|"
    rf"please|pls|every|next|then|or|so|is|if|morning|afternoon|evening|night|{WEEKDAY_RE})\b)",
    _FLAGS,
)
_LEAD_OF_BARE_HOUR = ("at", "@", "around", "by", "before", "until", "till")
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


# "morning pages", "evening walk", "the night shift": a part of the day that opens the title
# and names a kind of thing, not when it is due.
_KIND_OPENING = re.compile(r"^\s*(?:(?:a|an|the|my|our|his|her|their)\s+)?$", _FLAGS)
_KIND_NOUN = re.compile(
    r"\s+(?!(?:at|on|in|of|by|before|after|and|or|please|pls|every|each|tomorrow|today|tonight|this|"
    rf"next|then|with|for|to|until|till|from|{WEEKDAY_RE})\b)[a-z]",
    _FLAGS,
)


def _names_a_kind(text: str, match: re.Match[str]) -> bool:
    if match["lead"] or match["pod"].lower() not in ("morning", "afternoon", "evening", "night"):
        return False
    return bool(_KIND_OPENING.match(text[: match.start()])) and bool(
        _KIND_NOUN.match(text, match.end())
    )


def find_clock(text: str) -> ClockHit | None:
    """The clock time named in the text, if any (explicit numbers win over parts of the day)."""
    pod_match = next((m for m in _PART_OF_DAY.finditer(text) if not _names_a_kind(text, m)), None)
    pod = " ".join(pod_match["pod"].lower().split()) if pod_match else None
    pod_today = bool(
        pod_match and (pod in ("tonight", "tonite") or (pod_match["lead"] or "").startswith("this"))
    )

    h_clock = _H_CLOCK.search(text)
    if h_clock:
        hour, minute = int(h_clock["h"] or h_clock["h2"]), int(h_clock["m"] or h_clock["m2"] or 0)
        if hour <= 23:
            return ClockHit(time(hour, minute), (h_clock.span(),))
    patterns = (
        _SPAN,
        _AMPM,
        _COLON,
        _DOTTED,
        _SHORT_MERIDIEM,
        _BARE_SHORT_MERIDIEM,
        _DAY_THEN_SHORT_MERIDIEM,
        _FOUR_DIGITS,
        _FOUR_DIGITS_BEFORE_DAY,
        _AT_HOUR,
        _DAY_THEN_HOUR,
        _HOUR_THEN_PART,
    )
    for pattern in patterns:
        match = pattern.search(text)
        if not match or (pattern is _HOUR_THEN_PART and not _fits_part(int(match["h"]), pod)):
            continue
        meridiem = match.groupdict().get("ap")
        if pattern in (_FOUR_DIGITS, _FOUR_DIGITS_BEFORE_DAY):
            if match["h"] in ("19", "20") and not match.groupdict().get("hours"):
                continue  # "by 2030" is more likely a year than half past eight
            meridiem = "24h"
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
        after_day = pattern in (_DAY_THEN_HOUR, _DAY_THEN_SHORT_MERIDIEM)
        spans = [(match.start("h"), match.end()) if after_day else match.span()]
        if pod_match and near:
            spans.append(pod_match.span())
        guessed = meridiem is None and not use_pod and 1 <= int(match["h"]) <= 12
        return ClockHit(clock, tuple(spans), today=pod_today and use_pod, half_day_guessed=guessed)

    half_day = _DAY_THEN_HALF.search(text)
    if half_day:
        part = "morning" if half_day["half"].lower() == "am" else "afternoon"
        return ClockHit(PART_OF_DAY[part], (half_day.span("half"),))

    past_or_to = _past_or_to(text, pod_match, pod, pod_today)
    if past_or_to:
        return past_or_to

    spoken = _spoken_clock(text, pod_match, pod, pod_today)
    if spoken:
        return spoken

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


def _past_or_to(
    text: str, pod_match: re.Match[str] | None, pod: str | None, pod_today: bool
) -> ClockHit | None:
    for half in _HALF_PAST.finditer(text):
        if half["half"]:
            minutes, forward, hour = 30, True, half["hh"]
        else:
            said = " ".join(half["q"].lower().replace("-", " ").split())
            if said.isdigit() and half["dir"].lower() in ("to", "til") and not half["unit"]:
                continue  # "from 5 to 6" is a span, not six minutes to six
            minutes = int(said) if said.isdigit() else _QUARTERS[said]
            forward, hour = half["dir"].lower() not in ("to", "til"), half["h"]
        # "quarter past nine am", "half ten pm": the half of the day said after it
        said_after = _MERIDIEM_AFTER.match(text, half.end())
        meridiem = said_after["ap"] if said_after else None
        base = _hour_from(number_value(hour), 0, pod, meridiem)
        if base is None or minutes >= 60:
            continue
        moment = datetime.combine(date(2000, 1, 2), base)
        moment += timedelta(minutes=minutes if forward else -minutes)
        end = said_after.end() if said_after else half.end()
        spans = [(half.start(), end), *([pod_match.span()] if pod_match else [])]
        guessed = pod is None and meridiem is None
        return ClockHit(moment.time(), tuple(spans), today=pod_today, half_day_guessed=guessed)
    return None


_DAY_BEFORE = re.compile(rf"(?:\b(?:{WEEKDAY_RE}|today|tonight|tomorrow)|{HOLE})\s*$", _FLAGS)


def _spoken_clock(
    text: str, pod_match: re.Match[str] | None, pod: str | None, pod_today: bool
) -> ClockHit | None:
    """ "at eight in the morning", "friday three thirty": an hour in words, when what is
    around it shows it is a time of day ("two thirty-gallon bags" is not)."""
    for match in _SPOKEN.finditer(text):
        lead = (match["lead"] or "").strip().lower()
        near = pod_match is not None and _adjacent(text, match.span(), pod_match.span())
        if match["ap"] or match["oc"]:
            pass
        elif match["m"]:
            if not (lead or near or _DAY_BEFORE.search(text, 0, match.start())):
                continue
        elif near and not lead and _fits_part(SPOKEN_HOURS.index(match["h"].lower()) + 1, pod):
            pass  # "eight in the morning", "seven tonight"
        elif (
            lead not in _LEAD_OF_BARE_HOUR
            or (lead not in ("at", "@") and match["h"].lower() == "one")  # "one by one"
            or not _AFTER_BARE_HOUR.match(text, match.end())
        ):
            continue
        hour = SPOKEN_HOURS.index(match["h"].lower()) + 1
        minute = SPOKEN_MINUTES[" ".join(match["m"].lower().split())] if match["m"] else 0
        use_pod = near or (pod_match is not None and not match["ap"])
        clock = _hour_from(hour, minute, pod if use_pod else None, match["ap"])
        if clock is None:
            continue
        spans = [match.span(), *([pod_match.span()] if pod_match and near else [])]
        guessed = match["ap"] is None and not use_pod
        return ClockHit(clock, tuple(spans), today=pod_today and use_pod, half_day_guessed=guessed)
    return None


# --- durations from now --------------------------------------------------------------------

_CLOCK_OFFSET = re.compile(
    r"\b(?:with)?in\s+(?:the\s+next\s+)?(?:(?P<half>half\s+an?|a\s+half)|(?P<the>the\s+(?=hour\b))|"
    r"(?P<n>\d{1,4}(?:\.\d+)?|"
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
    if match.groupdict().get("the"):
        return per_unit  # "within the hour"
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


def clock_said_first(text: str) -> ClockHit | None:
    """The clock time ``text`` opens with (after spaces or a comma), if any: "at 9am …"."""
    hit = find_clock(text)
    if hit is None or not hit.spans:
        return None
    lead = len(text) - len(text.lstrip(" ,"))
    return hit if min(start for start, _ in hit.spans) == lead else None
