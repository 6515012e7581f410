"""Day phrases: "tomorrow", "next friday", "dec 5", "12/24", "on the 1st", "in 3 days"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as weekday_code

from todo_chatbot.language.lexicon import (
    EVENT_NOUNS,
    FLOATING_HOLIDAY_RE,
    FLOATING_HOLIDAYS,
    HOLIDAY_RE,
    MAX_MONTH_DAYS,
    MONTH_FIRST_REGIONS,
    MONTH_RE,
    NTH_RE,
    NUMBER_RE,
    NUMBER_WORDS,
    ORDINAL_RE,
    ORDINAL_WORDS,
    WEEKDAY_FULL_RE,
    WEEKDAY_RE,
    holiday_day,
    month_number,
    nth_value,
    number_value,
    ordinal_value,
    weekday_index,
    words_re,
)
from todo_chatbot.language.scratch import HOLE

_FLAGS = re.I
# Words that may introduce a date and belong to it ("due by friday", "starting monday").
_PREP = (
    r"(?:(?:due|by|on|before|until|till|til|for|from|starting|starts|start|beginning|deadline"
    r"\s*(?:is|of|on|:)|no\s+later\s+than|as\s+of|effective|within)\s+(?:on\s+|by\s+|is\s+)?)?"
)
_DAY_NUMBER = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{'|'.join(sorted(ORDINAL_WORDS, key=len, reverse=True))})"
)


# A day of the month said as a plain number word, as some speakers do: "tuesday one december".
_CARDINAL_DAYS = {
    word: value
    for word, value in NUMBER_WORDS.items()
    if word.isalpha() and word not in ("a", "an", "few", "couple", "single") and value <= 31
}
_CARDINAL_DAY_RE = rf"(?:{'|'.join(sorted(_CARDINAL_DAYS, key=len, reverse=True))})"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_month_day(today: date, month: int, day: int, year: int | None) -> date | None:
    """That month/day this year, or the next year it exists in once it has passed."""
    if not 1 <= month <= 12 or not 1 <= day <= MAX_MONTH_DAYS[month - 1]:
        return None
    if year is not None:
        return _safe_date(year if year >= 100 else 2000 + year, month, day)
    for candidate_year in range(today.year, today.year + 9):
        found = _safe_date(candidate_year, month, day)
        if found and found >= today:
            return found
    return None


def _next_month_day_of_month(today: date, day: int) -> date | None:
    """The next "the 15th" on or after today (skipping months too short for it)."""
    if not 1 <= day <= 31:
        return None
    cursor = today.replace(day=1)
    for _ in range(13):
        found = _safe_date(cursor.year, cursor.month, day)
        if found and found >= today:
            return found
        cursor += relativedelta(months=1)
    return None


def _weekday_after(today: date, weekday: int, *, include_today: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _monday_of_next_week(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def end_of_week(today: date) -> date:
    """The working week ends on Friday; at the weekend it is the day itself."""
    return today if today.weekday() >= 4 else today + timedelta(days=4 - today.weekday())


def end_of_month(day: date) -> date:
    return day + relativedelta(day=31)


# After these words a short weekday at the end is a word of the sentence: "lie in the sun".
_NOT_BEFORE_A_DAY = re.compile(
    r"(?:\b(?:the|a|an|my|your|our|his|her|their|i|we|you|they|he|she|it|get|got|getting|be|"
    r"been|is|was|has|have|had|in|of|some|more|much|no|any)\s*|')$",
    _FLAGS,
)
_LINE_END = re.compile(
    rf"[\s{HOLE}.!?,]*(?:\b(?:instead|again|then|now|too|please|pls|plz|thx|thanks|ty|ok|lol)\b"
    rf"[\s{HOLE}.!?,]*)*$|\s+-(?:\s|{HOLE})"  # (or another field: "reimage laptop - fri - p2")
    r"|(?<=\.)\s+|[.!?]+\s+",  # (or the sentence: "call bank fri. about the card thing")
    re.I,
)


_ASKS_WHAT_I_HAVE = re.compile(r"\b(?:do|did|will)\s+(?:i|we|u|you)\s+(?:have|got)\s*$", _FLAGS)


def _closes_the_line(match: re.Match[str]) -> bool:
    """ "send the deck to sarah fri": a short weekday typed last is the day it is due."""
    text = match.string
    asked = _ASKS_WHAT_I_HAVE.search(text, 0, match.start())  # "what do i have thurs"
    return bool(
        _LINE_END.match(text, match.end())
        and (asked or not _NOT_BEFORE_A_DAY.search(text, 0, match.start()))
    )


def _weekday_day(match: re.Match[str], today: date) -> date | None:
    word = match.group("wd")
    weekday = weekday_index(word)
    modifier = " ".join((match.group("mod") or "").lower().split())
    week = " ".join((match.group("wk") or "").lower().split())
    followed_by_time = re.match(
        r"\s+(?:at\s+)?\d|\s+(?:at\s+)?(?:morning|afternoon|evening|eve|night|am|pm|noon|midnight)\b",
        match.string[match.end() :],
        re.I,
    )
    introduced = bool(
        match.group("prep") or modifier or week or followed_by_time or _closes_the_line(match)
    )
    if weekday is None or (not introduced and not re.fullmatch(WEEKDAY_FULL_RE, word, re.I)):
        return None  # "sun cream" or "wed" alone are not dates
    if "next" in week or modifier == "next":
        monday = _monday_of_next_week(today)
        return monday + timedelta(days=weekday)
    if "after next" in week:
        return _monday_of_next_week(today) + timedelta(days=weekday + 7)
    if "this" in week:
        return today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    return _weekday_after(today, weekday, include_today=modifier.startswith("this"))


def _period_day(phrase: str, today: date) -> date | None:
    phrase = " ".join(phrase.lower().split())
    if phrase in ("day", "the day", "eod", "cob", "close of business", "today"):
        return today
    if phrase in ("week", "this week", "eow"):
        return end_of_week(today)
    if phrase == "next week":
        return _monday_of_next_week(today)
    if phrase == "end of next week":
        return end_of_week(_monday_of_next_week(today))
    if phrase in ("month", "this month", "eom"):
        return end_of_month(today)
    if phrase == "next month":
        return today.replace(day=1) + relativedelta(months=1)
    if phrase == "end of next month":
        return end_of_month(today + relativedelta(months=1, day=1))
    if phrase in ("year", "this year", "eoy"):
        return date(today.year, 12, 31)
    if phrase == "next year":
        return date(today.year + 1, 1, 1)
    if phrase == "before the weekend":
        return end_of_week(today)
    if phrase in ("weekend", "this weekend", "the weekend", "coming weekend"):
        return today if today.weekday() >= 5 else _weekday_after(today, 5, include_today=True)
    if phrase == "next weekend":
        return _monday_of_next_week(today) + timedelta(days=5)
    return None


def _period_end(match: re.Match[str], today: date) -> date | None:
    """ "end of the month" → the month's last day; "end of next week" → next week's Friday."""
    period = " ".join(match["per"].lower().split())
    return _period_day(f"end of {period}" if period.startswith("next") else period, today)


def _span(count: int, unit: str) -> relativedelta:
    unit = unit.lower()
    if unit.startswith("fortnight"):
        return relativedelta(weeks=2 * count)
    if unit.startswith("w"):
        return relativedelta(weeks=count)
    if unit.startswith("mo"):
        return relativedelta(months=count)
    if unit.startswith("y"):
        return relativedelta(years=count)
    return relativedelta(days=count)


@dataclass(frozen=True)
class _DayRule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date], date | None]
    is_offset: bool = False


def _iso(m: re.Match[str], _today: date) -> date | None:
    return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _slashed(m: re.Match[str], today: date) -> date | None:
    first, second = int(m["a"]), int(m["b"])
    month, day = (first, second) if first <= 12 else (second, first)
    year = int(m["y"]) if m["y"] else None
    return _next_month_day(today, month, day, year)


def _dotted(m: re.Match[str], today: date) -> date | None:
    return _next_month_day(today, int(m["a"]), int(m["b"]), int(m["y"]) if m["y"] else None)


def _month_day(m: re.Match[str], today: date) -> date | None:
    month = month_number(m["mon"])
    day = ordinal_value(m["day"])
    if month is None or day is None:
        return None
    return _next_month_day(today, month, day, int(m["y"]) if m["y"] else None)


def _spoken_month_day(m: re.Match[str], today: date) -> date | None:
    month = month_number(m["mon"])
    day = _CARDINAL_DAYS.get(m["day"].lower())
    if month is None or day is None:
        return None
    return _next_month_day(today, month, day, int(m["y"]) if m["y"] else None)


def _holiday(m: re.Match[str], today: date) -> date | None:
    named = holiday_day(m["hol"])
    return None if named is None else _next_month_day(today, *named, None)


def _floating_holiday(m: re.Match[str], today: date) -> date | None:
    """ "by thanksgiving": the nth weekday of its month, this year or next once it passed."""
    month, weekday, nth, after = FLOATING_HOLIDAYS[" ".join(m["hol"].lower().split())]
    for year in (today.year, today.year + 1):
        day = _nth_weekday_in(date(year, month, 1), weekday, nth)
        if day is not None and day + timedelta(days=after) >= today:
            return day + timedelta(days=after)
    return None


def _month_start(m: re.Match[str], today: date) -> date | None:
    """ "by march", "starting june": the 1st of that month, or today within it."""
    month = month_number(m["mon"])
    if month is None:
        return None
    if month == today.month:
        return today
    year = today.year if month > today.month else today.year + 1
    return date(year, month, 1)


def _part_of_month(m: re.Match[str], today: date) -> date | None:
    """ "the end of march", "mid june", "the start of may": a day within that month."""
    start = _month_start(m, today)
    if start is None:
        return None
    part = m["part"].lower()
    if part.startswith("end"):
        return start + relativedelta(day=31)
    if part.startswith("mid"):
        return max(start, start.replace(day=15))
    if part == "late":
        return max(start, start.replace(day=20))
    return start


def _relative_word(m: re.Match[str], today: date) -> date | None:
    word = m["rel"].lower()
    if "after" in word:
        return today + timedelta(days=2)
    if word.startswith("yester"):
        return today - timedelta(days=1)
    if word.startswith(("tod", "now")):
        return today
    return today + timedelta(days=1)


def _part_of_period(m: re.Match[str], today: date) -> date | None:
    """ "early next week" → its Monday, "mid next week" → Wednesday, "later this week" →
    Friday; "mid next month" → the 15th. Never a day already past."""
    part = m["part"].lower()
    which, unit = " ".join(m["per"].lower().split()).split()
    ahead = which == "next"
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7 if ahead else 0)
        day = monday + timedelta(days=0 if part in _EARLY else 2 if part in _MIDDLE else 4)
    else:
        first = today.replace(day=1) + relativedelta(months=1 if ahead else 0)
        day = first.replace(day=1 if part in _EARLY else 15 if part in _MIDDLE else 20)
    return max(today, day)


_EARLY = ("early", "start", "beginning")
_MIDDLE = ("mid", "middle")


def _in_duration(m: re.Match[str], today: date) -> date | None:
    try:
        return today + _span(number_value(m["n"]), m["unit"])
    except (OverflowError, ValueError):
        return None


def _day_of_month(m: re.Match[str], today: date) -> date | None:
    day = ordinal_value(m["day"])
    if day is None:
        return None
    if m["which"] and "next" in m["which"].lower():
        start = today.replace(day=1) + relativedelta(months=1)
        return _safe_date(start.year, start.month, day)
    return _next_month_day_of_month(today, day)


def _day_in_next_month(today: date, word: str) -> date | None:
    start = today.replace(day=1) + relativedelta(months=1)
    day = ordinal_value(word)
    return _safe_date(start.year, start.month, day) if day else None


def _weekday_and_day_of_month(m: re.Match[str], today: date) -> date | None:
    """ "monday the 7th": the next 7th that is a Monday in the coming three months; else (a
    slip of the tongue more likely than a date a year away) the next 7th."""
    day, weekday = ordinal_value(m["day"]), weekday_index(m["wd"])
    if day is None:
        return None
    cursor = today
    for _ in range(3):
        found = _next_month_day_of_month(cursor, day)
        if found is None or found.weekday() == weekday:
            return found or _next_month_day_of_month(today, day)
        cursor = found + timedelta(days=1)
    return _next_month_day_of_month(today, day)


def _nth_weekday(m: re.Match[str], today: date) -> date | None:
    """ "the 2nd tuesday of next month", "the last friday of december"."""
    weekday = weekday_index(m["wd"])
    if weekday is None:
        return None
    if m["mon"]:
        month = month_number(m["mon"])
        if month is None:
            return None
        year = today.year if month >= today.month else today.year + 1
        first = date(year, month, 1)
    else:
        which = (m["which"] or "this").lower()
        first = today.replace(day=1) + relativedelta(months=1 if which == "next" else 0)
    nth = nth_value(m["nth"])
    day = _nth_weekday_in(first, weekday, nth)
    if day is not None and day < today and not m["mon"] and (m["which"] or "").lower() != "next":
        return _nth_weekday_in(first + relativedelta(months=1), weekday, nth)
    return day


def _nth_weekday_in(first: date, weekday: int, nth: int) -> date | None:
    if nth > 0:
        day = first + relativedelta(weekday=weekday_code(weekday)(nth))
    else:
        day = first + relativedelta(day=31, weekday=weekday_code(weekday)(nth))
    return day if day.month == first.month else None


def _weeks_on_weekday(m: re.Match[str], today: date) -> date | None:
    """ "in two weeks on friday": that weekday in the (Monday-based) week N weeks ahead."""
    weekday = weekday_index(m["wd"])
    if weekday is None:
        return None
    ahead = today + timedelta(weeks=number_value(m["n"]))
    return ahead - timedelta(days=ahead.weekday()) + timedelta(days=weekday)


def _span_from_day(m: re.Match[str], today: date) -> date | None:
    """ "a week from friday", "two days after tomorrow": counted from the day named."""
    base_word = m["base"].lower()
    weekday = weekday_index(base_word)
    if weekday is not None:
        base = _weekday_after(today, weekday, include_today=False)
    elif base_word.startswith("tom"):
        base = today + timedelta(days=1)
    else:
        base = today
    return base + _span(number_value(m["n"]), m["unit"])


# "for thanksgiving dinner", "by christmas party time": the holiday names an occasion of the
# title when a word of its own follows (other than a time of that day or a connector).
_NOT_AN_OCCASION_NOUN = (
    r"(?!\s+(?!(?:at|on|in|by|and|or|to|with|from|this|next|morning|afternoon|evening|night|"
    r"noon|please|pls|thanks|i|we|so|if|then|but|because)\b)[a-z])"
)
# "book flights for xmas" names what the task is for (the deadline comes before it); "call
# grandma for christmas morning" names when.
_MOMENT_OF_HOLIDAY = (
    rf"(?:{HOLIDAY_RE}|{FLOATING_HOLIDAY_RE})\s+(?:morning|afternoon|evening|night|at\s|@|\d)"
)
_NOT_A_DAY_AFTER = (
    rf"(?!\s*(?:of\s+)?(?:{MONTH_RE}|{WEEKDAY_RE}|day|week|month|year|time|task|one|item|"
    r"todo|thing|step|round|attempt|page|chapter|draft|version|place|floor|of\s+(?:each|every)))"
)

_DAY_RULES = (
    _DayRule(
        re.compile(
            rf"\b{_PREP}the\s+(?P<nth>{NTH_RE})\s+(?P<wd>{WEEKDAY_RE})\s+(?:of|in)\s+(?:(?P<which>"
            rf"this|next|the)\s+month|(?P<mon>{MONTH_RE}))",
            _FLAGS,
        ),
        _nth_weekday,
    ),
    _DayRule(
        re.compile(
            rf"\b(?:with)?in\s+(?P<n>{NUMBER_RE})\s+weeks?(?:'?\s*time)?\s*,?\s+(?:on\s+)?(?:the\s+)?"
            rf"(?P<wd>{WEEKDAY_RE})(?![a-z])",
            _FLAGS,
        ),
        _weeks_on_weekday,
    ),
    _DayRule(
        re.compile(rf"\b{_PREP}(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})\b", _FLAGS), _iso
    ),
    _DayRule(
        re.compile(
            rf"(?<![\w/.:]){_PREP}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?"
            r"(?![\w/])",
            _FLAGS,
        ),
        _slashed,
    ),
    # "28.02", "05.01.2027": dotted dates are written day first everywhere that writes them.
    _DayRule(
        re.compile(
            rf"(?<![\w/.:$£€])(?<!at\s)(?<!around\s){_PREP}(?P<b>\d{{1,2}})\.(?P<a>\d{{2}})"
            r"(?:\.(?P<y>\d{4}|\d{2}))?(?![\w.]|\.\d|\s*(?:am|pm|a\.m|p\.m|%))",
            _FLAGS,
        ),
        _dotted,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:{WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<mon>{MONTH_RE})\s+(?:the\s+)?"
            rf"(?P<day>{_DAY_NUMBER})\b(?!:)(?:,?\s+(?P<y>\d{{4}})\b)?",
            _FLAGS,
        ),
        _month_day,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:{WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<day>{_DAY_NUMBER})\s+(?:of\s+)?"
            rf"(?P<mon>{MONTH_RE})(?![a-z])(?:,?\s+(?P<y>\d{{4}})\b)?",
            _FLAGS,
        ),
        _month_day,
    ),
    _DayRule(
        # "on tuesday one december", "on five january": only after a weekday or "on", where a
        # number word cannot count things ("two december concerts").
        re.compile(
            rf"\b{_PREP}(?:{WEEKDAY_RE},?\s+|(?<=on\s))(?:the\s+)?(?P<day>{_CARDINAL_DAY_RE})\s+"
            rf"(?:of\s+)?(?P<mon>{MONTH_RE})(?![a-z])(?:,?\s+(?P<y>\d{{4}})\b)?",
            _FLAGS,
        ),
        _spoken_month_day,
    ),
    _DayRule(
        # "the twenty second at noon", "22nd at 9am": a day of the month said with its hour.
        re.compile(
            rf"(?<![\w'])(?:the\s+)?(?P<day>{ORDINAL_RE})(?P<which>)(?=\s+(?:at\s|@|\d{{1,2}}(?::\d\d)?"
            r"\s*(?:am|pm)\b|in\s+the\s+(?:morning|afternoon|evening)\b))",
            _FLAGS,
        ),
        _day_of_month,
    ),
    _DayRule(
        # "on monday the 7th": the day of the month says which Monday.
        re.compile(
            rf"\b{_PREP}(?P<wd>{WEEKDAY_RE}),?\s+(?:the\s+)?(?P<day>{ORDINAL_RE})(?![\w:])"
            rf"{_NOT_A_DAY_AFTER}",
            _FLAGS,
        ),
        _weekday_and_day_of_month,
    ),
    _DayRule(
        re.compile(
            # ("until 15 of this month", as said in other languages: a number, no "the")
            rf"\b{_PREP}(?:the\s+)?(?P<day>{ORDINAL_RE}|\d{{1,2}})\s+(?:day\s+)?of\s+(?P<which>the|this|next)\s+month\b",
            _FLAGS,
        ),
        _day_of_month,
    ),
    _DayRule(
        re.compile(
            r"\b(?:(?:on|by|before|until|till|til|at|over|after|due)\s+(?:the\s+)?|for\s+(?:the\s+)?"
            rf"(?={_MOMENT_OF_HOLIDAY}))(?P<hol>{FLOATING_HOLIDAY_RE})(?![\w']){_NOT_AN_OCCASION_NOUN}",
            _FLAGS,
        ),
        _floating_holiday,
    ),
    _DayRule(
        # Only after a preposition: "christmas shopping" names no day, "by christmas" does.
        re.compile(
            r"\b(?:(?:on|by|before|until|till|til|at|over|after|due)\s+(?:the\s+)?|for\s+(?:the\s+)?"
            rf"(?={_MOMENT_OF_HOLIDAY}))(?P<hol>{HOLIDAY_RE})(?![\w']){_NOT_AN_OCCASION_NOUN}",
            _FLAGS,
        ),
        _holiday,
    ),
    _DayRule(
        re.compile(
            rf"\b(?:{_PREP}|for\s+|in\s+)(?:the\s+)?(?P<part>end|beginning|start|middle|mid|early|late)"
            r"(?:\s+of|-|\s+)\s*"
            rf"(?P<mon>{MONTH_RE})(?![\w'])(?!\s*\d)",
            _FLAGS,
        ),
        _part_of_month,
    ),
    _DayRule(
        # A month alone, after a preposition: "by march", "starting june" (not "I may").
        re.compile(
            r"\b(?:by|before|in|until|till|til|starting|from|beginning)\s+(?:early\s+)?"
            rf"(?P<mon>{MONTH_RE})(?![\w'])(?!\s*\d)",
            _FLAGS,
        ),
        _month_start,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:later\s+)?(?P<rel>(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)|tomorrow|tmrw|tmr|"
            r"tmrow|tomorow|tommorow|tommorrow|tomorrows|2morrow|2moro|today|todays|yesterday)\b",
            _FLAGS,
        ),
        _relative_word,
    ),
    _DayRule(
        re.compile(
            rf"\b(?P<prep>{_PREP})(?:(?P<mod>this\s+coming|this|next|coming|upcoming|the\s+following|"
            rf"following|the\s+next|the\s+coming)\s+)?(?P<wd>{WEEKDAY_RE})(?![a-z'])(?:\s+(?P<wk>"
            # "monday next" (British): the Monday of next week
            r"(?:of\s+)?next\s+week|(?:of\s+)?this\s+week|after\s+next|next(?=\s*(?:$|[,.;!?]))))?",
            _FLAGS,
        ),
        _weekday_day,
    ),
    _DayRule(
        # "restock limes before fridays shift": done by the day of the event
        re.compile(
            rf"\b(?P<prep>before|by|ahead\s+of)\s+(?P<mod>this\s+|next\s+)?(?P<wd>{WEEKDAY_RE})'s"
            rf"\s+(?:big\s+|first\s+|early\s+|late\s+|night\s+)?{words_re(EVENT_NOUNS)}\b(?P<wk>)",
            _FLAGS,
        ),
        _weekday_day,
    ),
    _DayRule(
        re.compile(
            rf"\b(?P<prep>{_PREP})(?P<wk>next\s+week)(?:'s)?\s+(?:on\s+)?(?P<mod>)(?P<wd>{WEEKDAY_RE})"
            r"(?![a-z])",
            _FLAGS,
        ),
        _weekday_day,
    ),
    _DayRule(
        re.compile(
            rf"\b(?:(?:with)?in\s+(?:the\s+)?next\s+|over\s+the\s+next\s+|(?:with)?in\s+|"
            rf"after\s+(?=(?:{NUMBER_RE})\s*(?:days?|weeks?|wks?|months?)\b))"
            rf"(?P<n>{NUMBER_RE})?\s*(?P<unit>days?|weeks?|wks?|"
            r"months?|mos?|years?|yrs?|fortnights?)\b(?:\s+or\s+(?:two|so|three))?"
            r"(?:'?\s+(?:from\s+)?(?:now|today|time))?",
            _FLAGS,
        ),
        _in_duration,
        is_offset=True,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?P<n>{NUMBER_RE})\s+(?P<unit>days?|weeks?)\s+(?:from|after)\s+"
            rf"(?P<base>{WEEKDAY_RE}|tomorrow)(?![a-z])",
            _FLAGS,
        ),
        _span_from_day,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?P<n>{NUMBER_RE})\s+(?P<unit>days?|weeks?|months?|years?|fortnights?)\s+"
            r"(?:from\s+(?:now|today)|later|out)\b",
            _FLAGS,
        ),
        _in_duration,
        is_offset=True,
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:the\s+)?(?P<part>early|start|beginning|mid|middle|late|later)(?:\s+of|\s+in|-)?"
            r"\s*(?P<per>(?:this|next|the)\s+(?:week|month))\b",
            _FLAGS,
        ),
        _part_of_period,
    ),
    _DayRule(
        re.compile(rf"\b{_PREP}(?:the\s+)?week\s+after\s+next\b", _FLAGS),
        lambda m, today: _monday_of_next_week(today) + timedelta(days=7),
    ),
    _DayRule(
        # "next month on the 5th", "the 5th next month".
        re.compile(
            rf"\b{_PREP}(?:(?P<which>next)\s+month,?\s+(?:on\s+)?the\s+(?P<day>{ORDINAL_RE})(?![\w:])|"
            rf"the\s+(?P<day2>{ORDINAL_RE})\s+(?P<which2>next)\s+month\b)",
            _FLAGS,
        ),
        lambda m, today: _day_in_next_month(today, m["day"] or m["day2"]),
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<per>day|week|month|year|next\s+week|"
            r"next\s+month|this\s+week|this\s+month|this\s+year)\b",
            _FLAGS,
        ),
        _period_end,
    ),
    # "until end of 2027", "by the end of next year"
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?:the\s+)?end\s+of\s+(?:(?P<y>20\d\d)|(?P<next>next\s+year))\b", _FLAGS
        ),
        lambda m, today: date(int(m["y"]) if m["y"] else today.year + 1, 12, 31),
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}(?P<per>eod|eow|eom|eoy|cob|close\s+of\s+business|(?:this|next)\s+"
            r"(?:week|weekend|month|year))\b|\b(?:on|by|for|over|at|during)\s+(?P<per2>the\s+weekend)\b|"
            r"\b(?P<per3>before\s+the\s+weekend)\b|\b(?:this\s+|the\s+)?(?P<per4>coming\s+weekend)\b",
            _FLAGS,
        ),
        lambda m, today: _period_day(m["per"] or m["per2"] or m["per3"] or m["per4"], today),
    ),
    _DayRule(
        re.compile(
            rf"\b{_PREP}the\s+(?P<day>\d{{1,2}}(?:st|nd|rd|th))(?:\s+(?:day\s+)?of\s+"
            rf"(?P<which>the|this|next)\s+month)?\b{_NOT_A_DAY_AFTER}",
            _FLAGS,
        ),
        _day_of_month,
    ),
    _DayRule(
        re.compile(
            rf"\b(?:on|by|due|before|until|till|to|for)\s+(?:on\s+)?(?:the\s+|(?=\d))(?P<day>{ORDINAL_RE})"
            r"(?:\s+(?:day\s+)?"
            rf"of\s+(?P<which>the|this|next)\s+month)?\b{_NOT_A_DAY_AFTER}",
            _FLAGS,
        ),
        _day_of_month,
    ),
)


@dataclass(frozen=True)
class DayHit:
    day: date
    start: int
    end: int
    offset: relativedelta | None = None


# Days with a weekday in their name, which name no weekday: "black friday returns" (a
# holiday the day is, "on black friday", is read by the holiday rules).
_NAMED_WEEKDAY = re.compile(
    r"(?<!\bon\s)(?<!\bby\s)(?<!\bbefore\s)(?<!\bafter\s)(?<!\buntil\s)(?<!\btill\s)(?<!\bfor\s)"
    r"\b(?:black|good|cyber|ash|palm|easter|holy|maundy|super|giving)\s+"
    r"(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    _FLAGS,
)


def find_day(text: str, today: date) -> DayHit | None:
    """The first day named in the text (the longest phrase when several start together)."""
    text = _NAMED_WEEKDAY.sub(
        lambda m: m.group(0)[: m.start("day") - m.start()] + "_" * len(m["day"]), text
    )
    best: DayHit | None = None
    for rule in _DAY_RULES:
        for match in rule.pattern.finditer(text):
            if best is not None and (match.start(), -match.end()) >= (best.start, -best.end):
                continue
            try:
                day = rule.resolve(match, today)
            except (OverflowError, ValueError):
                day = None
            if day is None:
                continue
            offset = _span(number_value(match["n"]), match["unit"]) if rule.is_offset else None
            best = DayHit(day, match.start(), match.end(), offset)
            break
    return best


_LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_](?:[a-z]{4}[-_])?(?P<region>[a-z]{2}|\d{3}))?", re.I)
_SLASHED = re.compile(r"(?<![\w/.:])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?P<y>/(?:\d{4}|\d{2}))?(?![\w/])")


def day_first(locale: str | None) -> bool:
    """Whether a locale ("en-GB", "de_DE") writes the day before the month. Without a locale,
    or for the regions that write the month first (en-US), it does not."""
    match = _LOCALE.match(locale.strip()) if locale else None
    if not match:
        return False
    region = (match["region"] or "").upper()
    if not region:
        return match.group(0).lower() != "en"
    return region not in MONTH_FIRST_REGIONS


def swap_day_month(text: str) -> str:
    """ "3/12" written day first becomes "12/3", the order the date rules read."""
    return _SLASHED.sub(lambda m: f"{m['b']}/{m['a']}{m['y'] or ''}", text)
