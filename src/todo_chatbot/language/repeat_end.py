"""When a repetition stops: "every day until dec 31" (UNTIL), "for 10 days" (COUNT)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import NUMBER_RE, number_value
from todo_chatbot.language.recurrence import Recurrence, rule_parts
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I
_UNTIL = re.compile(
    r"\b(?:until|till|til|through|thru|up\s+to|ending(?:\s+on)?|ends?\s+on|stopping(?:\s+on)?)\s+",
    _FLAGS,
)
_FOR = re.compile(
    r"(?:\b(?:repeat(?:ed|ing)?|recurring)\s+)?"  # "every sunday, repeat 6 times"
    rf"(?:\b(?:for\s+(?:the\s+next\s+)?|x\s*)(?P<n>{NUMBER_RE})\s+(?P<unit>days?|weeks?|months?|years?|"
    r"times|occurrences|sessions|rounds)\b|\b(?P<m>\d{1,3})\s+times\b|\bx(?P<x>\d{1,3})\b)"
    r"(?:\s+(?:in\s+)?(?:total|altogether|overall|all\s+told))?",  # "10 times total"
    _FLAGS,
)
# "until the exam on march 30", "till my trip on the 4th": the event named, then its day.
_EVENT_BEFORE_DAY = re.compile(r"(?:the|my|our)\s+[a-z'-]+(?:\s+[a-z'-]+)?\s+", _FLAGS)
_FREQ_UNIT = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _span(count: int, unit: str) -> relativedelta:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return relativedelta(days=count)
    if unit == "week":
        return relativedelta(weeks=count)
    if unit == "month":
        return relativedelta(months=count)
    return relativedelta(years=count)


def take_end(scratch: Scratch, recurrence: Recurrence, today: date) -> Recurrence:
    """Claim an end of the repetition and add it to the rule as UNTIL or COUNT."""
    for match in scratch.finditer(_UNTIL):
        rest = scratch.text[match.end() :]
        hit = find_day(rest, today)
        end = match.end() + hit.end if hit and not rest[: hit.start].strip() else None
        if end is None and hit is not None and _EVENT_BEFORE_DAY.fullmatch(rest[: hit.start]):
            end = match.end() + hit.end  # "until the exam on march 30": the event's day
        if end is None:  # a day read with its "until" ("until christmas")
            hit = find_day(scratch.text[match.start() :], today)
            end = match.start() + hit.end if hit and hit.start == 0 else None
        if hit and end is not None:
            scratch.claim(match.start(), end)
            return replace(recurrence, rule=f"{recurrence.rule};UNTIL={hit.day:%Y%m%d}")
    span = scratch.take(_FOR)
    if not span:
        return recurrence
    count = number_value(span["n"] or span["m"] or span["x"])  # "daily x10": ten times
    unit = (span["unit"] or "times").lower()
    parts = rule_parts(recurrence.rule)
    interval = int(parts.get("INTERVAL", "1"))
    days_per_week = len(parts["BYDAY"].split(",")) if "BYDAY" in parts else 1
    if unit in ("times", "occurrences", "sessions", "rounds"):
        return replace(recurrence, rule=f"{recurrence.rule};COUNT={count}")
    if unit.rstrip("s") == _FREQ_UNIT.get(parts.get("FREQ", "")):
        per = days_per_week if parts.get("FREQ") == "WEEKLY" else 1
        total = max(1, -(-count // interval)) * per
        return replace(recurrence, rule=f"{recurrence.rule};COUNT={total}")
    if parts.get("FREQ") == "DAILY" and interval == 1 and unit.startswith("week"):
        # "daily for 2 weeks": fourteen times
        return replace(recurrence, rule=f"{recurrence.rule};COUNT={count * 7}")
    try:
        last = today + _span(count, unit) - timedelta(days=1)
    except (OverflowError, ValueError):
        return recurrence
    return replace(recurrence, rule=f"{recurrence.rule};UNTIL={last:%Y%m%d}")
