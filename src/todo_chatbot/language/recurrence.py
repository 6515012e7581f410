"""Repetition phrases → RFC 5545 RRULE text (without the ``RRULE:`` prefix).

"every other day" → FREQ=DAILY;INTERVAL=2, "every weekday" → FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,
"monthly on the 15th" → FREQ=MONTHLY;BYMONTHDAY=15, "first monday of the month" →
FREQ=MONTHLY;BYDAY=1MO, "last friday of every month" → FREQ=MONTHLY;BYDAY=-1FR,
"every dec 25" → FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25. The time of day is not part of the rule:
it belongs to the task's due instant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr

from todo_chatbot.language.clock import PART_OF_DAY, find_clock
from todo_chatbot.language.lexicon import (
    MAX_MONTH_DAYS,
    MONTH_RE,
    NTH_RE,
    NUMBER_RE,
    ORDINAL_LIST_RE,
    ORDINAL_RE,
    RRULE_DAYS,
    WEEKDAY_LIST_RE,
    WEEKDAY_PLURAL_RE,
    WEEKDAY_RE,
    month_number,
    nth_value,
    number_value,
    ordinal_value,
    weekday_index,
    weekday_list,
)
from todo_chatbot.language.moments import Due, at
from todo_chatbot.language.scratch import HOLE, Scratch

WEEKDAYS_MO_FR = (0, 1, 2, 3, 4)
WEEKEND = (5, 6)


@dataclass(frozen=True)
class Recurrence:
    rule: str
    clock: time | None = None  # "every morning" also says when in the day


def build_rule(
    freq: str,
    interval: int = 1,
    *,
    byday: list[str] | None = None,
    bymonthday: list[int] | None = None,
    bymonth: int | None = None,
) -> str:
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if bymonth:
        parts.append(f"BYMONTH={bymonth}")
    if bymonthday:
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in bymonthday))
    if byday:
        parts.append("BYDAY=" + ",".join(byday))
    return ";".join(parts)


def _days(indexes: list[int] | tuple[int, ...]) -> list[str]:
    return [RRULE_DAYS[i] for i in sorted(set(indexes))]


_FLAGS = re.I
# "repeat every month", "which recurs weekly", ", repeating daily".
_LEAD = (
    r"(?:(?:and\s+|,\s*)?(?:that\s+|which\s+|to\s+|it\s+)?(?:repeats?|repeating|repeated|recurs?|"
    r"recurring|recurrent)\s+(?:it\s+)?)?"
)
_WEEKDAY_SPAN_RE = rf"{WEEKDAY_RE}\s*(?:-|\bto\b|\bthrough\b|\bthru\b|\btill\b)\s*{WEEKDAY_RE}"
_DAYS_RE = rf"(?:{_WEEKDAY_SPAN_RE}|{WEEKDAY_LIST_RE})"
_MONTH_DAY_RE = (
    rf"(?:(?P<mon>{MONTH_RE})\s+(?:the\s+)?(?P<day>{ORDINAL_RE}|\d{{1,2}})\b|(?:the\s+)?"
    rf"(?P<day2>{ORDINAL_RE}|\d{{1,2}})\s+(?:of\s+)?(?P<mon2>{MONTH_RE})(?![a-z]))"
)
_INTERVAL_WORD = rf"(?:\d{{1,3}}(?:st|nd|rd|th)?|{NUMBER_RE}|other|second|third|fourth|fifth|sixth)"


def _interval(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower()
    if w == "other":
        return 2
    return ordinal_value(w) or number_value(w)


def _weekday_codes(phrase: str) -> list[str]:
    span = re.fullmatch(
        rf"\s*({WEEKDAY_RE})\s*(?:-|to|through|thru|till)\s*({WEEKDAY_RE})\s*", phrase, _FLAGS
    )
    if span:
        first, last = weekday_index(span.group(1)), weekday_index(span.group(2))
        if first is not None and last is not None:
            count = (last - first) % 7
            return _days([(first + k) % 7 for k in range(count + 1)])
    return _days(weekday_list(phrase))


def _month_day_pair(m: re.Match[str]) -> tuple[int, int] | None:
    month = month_number(m["mon"] or m["mon2"] or "")
    day = ordinal_value(m["day"] or m["day2"] or "")
    if month is None or day is None or not 1 <= day <= MAX_MONTH_DAYS[month - 1]:
        return None
    return month, day


def _month_days(phrase: str) -> list[int] | None:
    days = [ordinal_value(w.group(0)) for w in re.finditer(ORDINAL_RE, phrase, _FLAGS)]
    if not days and phrase.strip().isdigit():
        days = [int(phrase)]  # "the 15 of every month"
    valid = sorted({d for d in days if d is not None and 1 <= d <= 31})
    return valid or None


# Tails that refine "every N <unit>": matched right after it.
_WEEK_TAIL = re.compile(rf"\s*,?\s*(?:on\s+)?(?:the\s+)?(?P<days>{_DAYS_RE})(?![a-z])", _FLAGS)
_MONTH_TAIL_NTH = re.compile(
    rf"\s*,?\s*(?:on\s+)?the\s+(?P<nth>{NTH_RE})\s+(?P<wd>{WEEKDAY_RE})(?![a-z])", _FLAGS
)
_MONTH_TAIL_LAST_DAY = re.compile(
    r"\s*,?\s*(?:on\s+|at\s+)?the\s+(?:last\s+day|end)(?:\s+of\s+the\s+month)?\b", _FLAGS
)
# "… on the 1st", "… on first day", "… on day 15", "… the 5th of the month".
_MONTH_TAIL_DAYS = re.compile(
    rf"\s*,?\s*(?:on\s+)?(?:(?:the\s+|(?=\d))(?P<md>{ORDINAL_LIST_RE})(?![a-z])(?:\s+day\b)?|"
    rf"(?P<md2>{ORDINAL_LIST_RE})\s+day\b|(?:day\s+)?(?P<md3>\d{{1,2}})"
    r"(?![\d:.]|\s*(?:am|pm|h|o'?clock|times|x)\b))"
    r"(?:\s+of\s+the\s+month)?",
    _FLAGS,
)
_YEAR_TAIL = re.compile(rf"\s*,?\s*(?:on\s+|in\s+)?{_MONTH_DAY_RE}", _FLAGS)
_YEAR_TAIL_MONTH = re.compile(rf"\s*,?\s*in\s+(?P<mon>{MONTH_RE})(?![a-z])", _FLAGS)


def _with_tail(scratch: Scratch, end: int, freq: str, interval: int) -> tuple[str, int]:
    """Read what may follow a frequency ("… on friday", "… on the 1st"); return rule and end."""
    text = scratch.text
    if freq == "WEEKLY":
        tail = _WEEK_TAIL.match(text, end)
        if tail:
            return build_rule(freq, interval, byday=_weekday_codes(tail["days"])), tail.end()
    elif freq == "MONTHLY":
        nth = _MONTH_TAIL_NTH.match(text, end)
        if nth:
            day = RRULE_DAYS[weekday_index(nth["wd"]) or 0]
            byday = [f"{nth_value(nth['nth'])}{day}"]
            return build_rule(freq, interval, byday=byday), nth.end()
        last = _MONTH_TAIL_LAST_DAY.match(text, end)
        if last:
            return build_rule(freq, interval, bymonthday=[-1]), last.end()
        days = _MONTH_TAIL_DAYS.match(text, end)
        if days:
            month_days = _month_days(days["md"] or days["md2"] or f"{days['md3']}th")
            if month_days:
                return build_rule(freq, interval, bymonthday=month_days), days.end()
    elif freq == "YEARLY":
        on = _YEAR_TAIL.match(text, end)
        pair = _month_day_pair(on) if on else None
        if on and pair:
            return build_rule(freq, interval, bymonth=pair[0], bymonthday=[pair[1]]), on.end()
        month = _YEAR_TAIL_MONTH.match(text, end)
        if month:
            return build_rule(freq, interval, bymonth=month_number(month["mon"])), month.end()
    return build_rule(freq, interval), end


_UNIT_FREQ = {
    "day": "DAILY",
    "week": "WEEKLY",
    "fortnight": "WEEKLY",
    "month": "MONTHLY",
    "year": "YEARLY",
    "yr": "YEARLY",
    "hour": "HOURLY",
    "quarter": "MONTHLY",
}
_ADVERB_FREQ = {
    "hourly": ("HOURLY", 1),
    "daily": ("DAILY", 1),
    "nightly": ("DAILY", 1),
    "everyday": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "bi-weekly": ("WEEKLY", 2),
    "bi weekly": ("WEEKLY", 2),
    "fortnightly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "bimonthly": ("MONTHLY", 2),
    "bi-monthly": ("MONTHLY", 2),
    "bi monthly": ("MONTHLY", 2),
    "quarterly": ("MONTHLY", 3),
    "semiannually": ("MONTHLY", 6),
    "semi-annually": ("MONTHLY", 6),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}

Finder = Callable[[Scratch], Recurrence | None]


_EXCEPT_BEFORE = re.compile(
    r"(?:except|excluding|but\s+not|apart\s+from|other\s+than)\s+(?:on\s+|for\s+)?(?:the\s+)?$",
    _FLAGS,
)


def _unless_excepted(
    make: Callable[[re.Match[str]], Recurrence | None],
) -> Callable[[re.Match[str]], Recurrence | None]:
    """ "every day except weekends": the days after "except" are left out, not the rule."""

    def checked(match: re.Match[str]) -> Recurrence | None:
        if _EXCEPT_BEFORE.search(match.string, 0, match.start()):
            return None
        return make(match)

    return checked


def _claiming(pattern: str, make: Callable[[re.Match[str]], Recurrence | None]) -> Finder:
    compiled = re.compile(pattern, _FLAGS)

    def find(scratch: Scratch) -> Recurrence | None:
        for match in scratch.finditer(compiled):
            found = make(match)
            if found:
                scratch.claim(*match.span())
                return found
        return None

    return find


def _nth_weekday_of_month(m: re.Match[str]) -> Recurrence | None:
    index = weekday_index(m["wd"])
    if index is None:
        return None
    return Recurrence(build_rule("MONTHLY", byday=[f"{nth_value(m['nth'])}{RRULE_DAYS[index]}"]))


def _nth_weekdays_of_month(m: re.Match[str]) -> Recurrence | None:
    """ "every 2nd and 4th tuesday" → FREQ=MONTHLY;BYDAY=2TU,4TU."""
    index = weekday_index(m["wd"])
    if index is None:
        return None
    nths = re.findall(NTH_RE, m["nths"], _FLAGS)
    byday = [f"{nth_value(n)}{RRULE_DAYS[index]}" for n in nths]
    return Recurrence(build_rule("MONTHLY", byday=list(dict.fromkeys(byday))))


def _every_unit(scratch: Scratch) -> Recurrence | None:
    pattern = re.compile(
        rf"\b{_LEAD}(?:every|each|once\s+every)\s+(?:(?P<n>{_INTERVAL_WORD})\s+)?"
        r"(?P<unit>day|week|fortnight|month|year|yr|hour|quarter)s?\b",
        _FLAGS,
    )
    match = scratch.search(pattern)
    if not match:
        return None
    unit = match["unit"].lower()
    interval = _interval(match["n"]) * {"fortnight": 2, "quarter": 3}.get(unit, 1)
    rule, end = _with_tail(scratch, match.end(), _UNIT_FREQ[unit], interval)
    scratch.claim(match.start(), end)
    return Recurrence(rule)


def _adverb(scratch: Scratch) -> Recurrence | None:
    words = "|".join(re.escape(w) for w in sorted(_ADVERB_FREQ, key=len, reverse=True))
    pattern = re.compile(rf"\b{_LEAD}(?:every\s+|each\s+)?(?P<adv>{words})\b", _FLAGS)
    for match in scratch.finditer(pattern):
        freq, interval = _ADVERB_FREQ[match["adv"].lower()]
        rule, end = _with_tail(scratch, match.end(), freq, interval)
        if end == match.end() and not _ADVERB_FOLLOWER.match(scratch.text, end):
            continue  # "the quarterly report", "a weekly review": an adjective of the title
        noun = _REPEATED_NOUN.match(scratch.text, end)  # "daily reminder pls"
        scratch.claim(match.start(), noun.end() if noun else end)
        return Recurrence(rule)
    return None


# What may follow a frequency adverb that is not describing the next word.
_REPEATED_NOUN = re.compile(r"\s+(?:reminders?|thing)\b", _FLAGS)
_ADVERB_FOLLOWER = re.compile(
    r"\s*(?:$|[^\w\s]|(?:at|on|in|from|starting|until|till|by|every|and|with|for|beginning|due|"
    r"remind|reminder|p[1-4]|urgent|high|low|medium|priority|tonight|today|tomorrow|this|next|"
    r"then|please|task|todo|to-do|thing|one|reminder|except|excluding|til|x\d{1,3}|\d+)\b)",
    _FLAGS,
)


_ONCE_PER = re.compile(
    rf"\b{_LEAD}(?:once|one\s+time)\s+(?:a|per|each|every)\s+(?P<unit>day|week|month|year)\b",
    _FLAGS,
)


def _once_per_unit(scratch: Scratch) -> Recurrence | None:
    """ "once a week", "once a month on the 1st"."""
    match = scratch.search(_ONCE_PER)
    if not match:
        return None
    rule, end = _with_tail(scratch, match.end(), _UNIT_FREQ[match["unit"].lower()], 1)
    scratch.claim(match.start(), end)
    return Recurrence(rule)


def _every_weekdays(m: re.Match[str]) -> Recurrence | None:
    codes = _weekday_codes(m["days"])
    if not codes:
        return None
    return Recurrence(build_rule("WEEKLY", _interval(m.groupdict().get("n")), byday=codes))


def _every_part_of_day(m: re.Match[str]) -> Recurrence | None:
    pod = m["pod"].lower()
    if pod == "weeknight":
        return Recurrence(build_rule("WEEKLY", byday=_days(WEEKDAYS_MO_FR)), time(20))
    return Recurrence(build_rule("DAILY", _interval(m.groupdict().get("n"))), PART_OF_DAY[pod])


_EVERY_PART_OF_DAY = re.compile(
    rf"\b{_LEAD}(?:every|each)\s+(?:(?P<n>other|second)\s+)?(?P<pod>morning|afternoon|evening|night|"
    r"weeknight)\b",
    _FLAGS,
)


def _every_part_of_day_at(scratch: Scratch) -> Recurrence | None:
    """ "every evening", and "every evening at nine" (21:00: the hour is read in that part)."""
    match = scratch.search(_EVERY_PART_OF_DAY)
    found = _every_part_of_day(match) if match else None
    if match is None or found is None:
        return None
    start = match.start("pod")
    segment = scratch.text[start:]
    hit = find_clock(segment)
    spans = sorted(hit.spans) if hit else []
    said_with_it = (
        hit is not None
        and len(spans) == 2
        and spans[0][0] == 0
        and not segment[spans[0][1] : spans[1][0]].strip(" ,")
    )
    scratch.claim(match.start(), match.end())
    if hit is None or not said_with_it:
        return found
    scratch.claim(start + spans[1][0], start + spans[1][1])
    return replace(found, clock=hit.clock)


def _monthly_days(m: re.Match[str]) -> Recurrence | None:
    days = _month_days(m["md"])
    return Recurrence(build_rule("MONTHLY", bymonthday=days)) if days else None


def _yearly_date(m: re.Match[str]) -> Recurrence | None:
    pair = _month_day_pair(m)
    if pair is None:
        return None
    return Recurrence(build_rule("YEARLY", bymonth=pair[0], bymonthday=[pair[1]]))


_FINDERS: tuple[Finder, ...] = (
    # "three times a week - mon, wed, fri", "twice a week on tue and thu": the days say which
    _claiming(
        rf"\b{_LEAD}(?:twice|(?:two|three|four|five|six|[2-6])\s+times)\s+(?:a|per|each|every)\s+week"
        rf"\s*(?:[-:,\u2013\u2014]\s*|\s)(?:on\s+)?(?:the\s+)?(?P<days>{_DAYS_RE})(?![a-z])",
        _every_weekdays,
    ),
    # "every 2nd and 4th tuesday", "on the first and third monday of the month"
    _claiming(
        rf"\b{_LEAD}(?:every|each|on)\s+(?:the\s+)?(?P<nths>{NTH_RE}(?:\s*(?:,|&|\band\b)\s*(?:the\s+)?"
        rf"{NTH_RE})+)\s+(?P<wd>{WEEKDAY_RE})s?(?![a-z])(?:\s+(?:of|in)\s+(?:the|each|every)\s+month\b)?",
        _nth_weekdays_of_month,
    ),
    # "the first monday of the month", "last friday of every month"
    _claiming(
        rf"\b{_LEAD}(?:on\s+)?(?:the\s+|every\s+|each\s+)?(?P<nth>{NTH_RE})\s+(?P<wd>{WEEKDAY_RE})"
        r"\s+(?:of|in)\s+(?:the\s+|each\s+|every\s+|a\s+)?month\b",
        _nth_weekday_of_month,
    ),
    # "every first monday" (not "every second monday", which is every other one)
    _claiming(
        rf"\b{_LEAD}(?:every|each)\s+(?P<nth>first|1st|third|3rd|fourth|4th|fifth|last|final)\s+"
        rf"(?P<wd>{WEEKDAY_RE})(?![a-z])",
        _nth_weekday_of_month,
    ),
    # "on the last day of every month", "at the end of each month"
    _claiming(
        rf"\b{_LEAD}(?:(?:on|at|by)\s+)?(?:the\s+|every\s+|each\s+)?(?:last\s+day|end)\s+of\s+"
        r"(?:each|every)\s+month\b|\b(?:every|each)\s+(?:last\s+day|end)\s+of\s+(?:the\s+)?month\b|"
        r"\b(?:every|each)\s+month[\s-]end\b",
        lambda m: Recurrence(build_rule("MONTHLY", bymonthday=[-1])),
    ),
    # "every 15th", "on the 1st and 15th of every month"
    _claiming(
        rf"\b{_LEAD}(?:on\s+)?(?:the\s+)?(?P<md>{ORDINAL_LIST_RE}|\d{{1,2}})\s+(?:day\s+)?of\s+(?:each|every)"
        r"\s+month\b",
        _monthly_days,
    ),
    # "15th every month", "on the 10th monthly": the day said before how often.
    _claiming(
        rf"\b{_LEAD}(?:on\s+)?(?:the\s+|(?=\d))(?P<md>{ORDINAL_LIST_RE})(?:\s+day)?\s*,?\s+(?:of\s+)?"
        rf"(?:(?:every|each)\s+month\b|monthly\b(?=\s*(?:$|[^\w\s])))",
        _monthly_days,
    ),
    _every_unit,
    _claiming(
        rf"\b{_LEAD}(?:every|each)\s+(?:(?P<n>other|second|2nd|third|3rd)\s+)?(?P<days>{_DAYS_RE})"
        r"(?![a-z])",
        _every_weekdays,
    ),
    # "mon-fri", "monday to friday": a span of days is a weekly habit; so is "mon/wed/fri".
    _claiming(
        rf"\b{_LEAD}(?:on\s+|from\s+)?(?P<days>{_WEEKDAY_SPAN_RE})(?![a-z])", _every_weekdays
    ),
    _claiming(
        rf"(?<!this\s)(?<!next\s)\b{_LEAD}(?:on\s+)?(?P<days>{WEEKDAY_RE}(?:\s*/\s*{WEEKDAY_RE})+|"
        rf"{WEEKDAY_RE}(?:(?:\s*,\s*|\s+)(?:and\s+)?{WEEKDAY_RE}){{2,}}|"
        rf"{WEEKDAY_RE}\s*(?:&|\+|\band\b|\bn\b)\s*{WEEKDAY_RE}(?=\s*$))(?![a-z])",
        _every_weekdays,
    ),
    _claiming(
        rf"\b{_LEAD}(?:(?:every|each|on|all)\s+)?(?:week\s*days|weekday|work\s*days?|business\s+days?|"
        r"working\s+days?)\b",
        _unless_excepted(lambda m: Recurrence(build_rule("WEEKLY", byday=_days(WEEKDAYS_MO_FR)))),
    ),
    _claiming(
        # "on the weekend" is the coming one; "on weekends" is every one.
        rf"\b{_LEAD}(?:(?:every|each)\s+(?:(?P<n>other|second)\s+)?(?:the\s+)?weekends?|"
        r"(?:on\s+(?:the\s+)?)?weekends)\b",
        _unless_excepted(
            lambda m: Recurrence(build_rule("WEEKLY", 2 if m["n"] else 1, byday=_days(WEEKEND)))
        ),
    ),
    _every_part_of_day_at,
    _once_per_unit,
    _claiming(rf"\b{_LEAD}(?:every|each)\s+(?:year\s+on\s+)?{_MONTH_DAY_RE}", _yearly_date),
    _claiming(rf"\b{_LEAD}(?:on\s+)?{_MONTH_DAY_RE}\s+(?:every|each)\s+year\b", _yearly_date),
    _claiming(
        rf"\b{_LEAD}(?:every|each)\s+(?P<md>{ORDINAL_LIST_RE})(?![a-z])(?:\s+of\s+the\s+month)?",
        _monthly_days,
    ),
    _claiming(
        rf"\b{_LEAD}(?:only\s+)?(?:on\s+)?(?P<days>{WEEKDAY_PLURAL_RE}(?:\s*(?:,|&|/|\band\b|\bor\b)\s*(?:and\s+)?"
        rf"{WEEKDAY_RE}s?)*)(?![a-z])",
        _every_weekdays,
    ),
    _adverb,
)


def take_recurrence(scratch: Scratch) -> Recurrence | None:
    """Claim the first repetition phrase in ``scratch``."""
    for find in _FINDERS:
        found = find(scratch)
        if found:
            scratch.take(_ONLY_THESE)
            scratch.take(_ONLY_BEFORE)
            found = _except_days(scratch, found)
            if rule_parts(found.rule).get("FREQ") == "WEEKLY":
                return _with_weekly_said_before(scratch, found)
            return found
    return None


# "make yoga class only every tuesday": the word said before the repetition, too.
_ONLY_BEFORE = re.compile(rf"\bonly\s*(?={HOLE})", _FLAGS)
# "weekdays only", "on mondays only": the word that stresses the days belongs to them.
_ONLY_THESE = re.compile(
    rf"(?<={HOLE})\s*,?\s*only\b(?!\s+(?:if|when|for|to|after|before)\b)", _FLAGS
)


# "every day except sunday", "every morning but not on weekends": the other days of the week.
_EXCEPT = re.compile(
    rf"(?<={HOLE})\s*,?\s*(?:except|but\s+not|excluding|apart\s+from|other\s+than)\s+(?:on\s+|for\s+)?"
    rf"(?:the\s+)?(?P<days>weekends?|weekdays?|{_DAYS_RE})(?![a-z])",
    _FLAGS,
)


def _except_days(scratch: Scratch, found: Recurrence) -> Recurrence:
    parts = rule_parts(found.rule)
    if found.rule == "FREQ=DAILY":
        days = list(range(7))
    elif set(parts) == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY" and parts["BYDAY"]:
        days = [RRULE_DAYS.index(code) for code in parts["BYDAY"].split(",") if code in RRULE_DAYS]
    else:
        return found
    match = scratch.search(_EXCEPT)
    if not match:
        return found
    said = match["days"].lower()
    if said.startswith("weekend"):
        left_out: tuple[int, ...] = WEEKEND
    elif said.startswith("weekday"):
        left_out = WEEKDAYS_MO_FR
    else:
        left_out = tuple(weekday_list(said))
    kept = [day for day in days if day not in left_out]
    if not kept or len(kept) == len(days):
        return found
    scratch.claim(*match.span())
    return replace(found, rule=build_rule("WEEKLY", byday=_days(kept)))


# "weekly on fridays", "bi-weekly on fridays": the frequency said again right before the
# days that already say it (and, for "bi-weekly", how many weeks apart).
_WEEKLY_BEFORE = re.compile(
    r"(?<![\w-])(?:(?P<two>bi-?\s?weekly|fortnightly|every\s+(?:other|2|two)\s+weeks?)|weekly|"
    rf"every\s+week)[\s,]*(?={HOLE})",
    _FLAGS,
)


# "biweekly 1:1 with my manager on thursdays": the frequency said apart from the days;
# "yoga tues + thurs 6pm every week": the days said apart from the frequency.
_TWO_WEEKLY = re.compile(r"(?<![\w-])(?:bi-?\s?weekly|fortnightly)(?![\w-])", _FLAGS)
_DAYS_APART = re.compile(rf"(?<![\w-])(?P<days>{WEEKDAY_LIST_RE})(?![a-z])", _FLAGS)


def _with_weekly_said_before(scratch: Scratch, found: Recurrence) -> Recurrence:
    parts = rule_parts(found.rule)
    if "BYDAY" not in parts and "INTERVAL" not in parts:
        days = scratch.search(_DAYS_APART)
        codes = _weekday_codes(days["days"]) if days else None
        if days and codes:
            scratch.claim(*days.span())
            found = replace(found, rule=build_rule("WEEKLY", byday=codes))
    match = _WEEKLY_BEFORE.search(scratch.text) or scratch.search(_TWO_WEEKLY)
    if not match:
        return found
    scratch.claim(*match.span())
    two = match.re is _TWO_WEEKLY or match["two"]
    if two and "INTERVAL=" not in found.rule:
        return replace(found, rule=found.rule.replace("FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", 1))
    return found


def first_occurrence(
    rule: str, now: datetime, *, start: date | None = None, clock: time | None = None
) -> Due | None:
    """When a new recurring task is first due: the rule's first occurrence from ``start``.

    All day unless a time of day was given; a timed occurrence must still be ahead of ``now``.
    """
    first_day = start or now.date()
    if clock is None and rule_parts(rule).get("FREQ") == "HOURLY":
        upcoming = now + timedelta(hours=1)  # the next full hour
        first_day, clock = upcoming.date(), time(upcoming.hour)
    begin = datetime.combine(first_day, clock or time(0))
    # The first instance is the next matching day; the interval only spaces later ones
    # ("every 2 weeks on thursday" starts this coming Thursday).
    first_rule = ";".join(p for p in rule.split(";") if not p.upper().startswith("INTERVAL="))
    try:
        series = rrulestr(first_rule, dtstart=begin)
        threshold = begin
        if clock is not None:
            threshold = max(begin, now.replace(tzinfo=None, microsecond=0) + timedelta(seconds=1))
        found = series.after(threshold, inc=True)
    except (ValueError, TypeError, OverflowError):
        return None
    if found is None:
        return None
    if clock is None:
        return found.date()
    return at(found.date(), found.time(), now)


def rule_parts(rule: str) -> dict[str, str]:
    """ "FREQ=WEEKLY;BYDAY=MO" → {"FREQ": "WEEKLY", "BYDAY": "MO"}."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for part in text.split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            parts[key.strip().upper()] = value.strip().upper()
    return parts
