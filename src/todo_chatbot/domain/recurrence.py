"""RFC 5545 recurrence rules, on top of python-dateutil's rrule.

Rules are kept as RRULE text without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=MO,WE`.
One deliberate departure from RFC 5545: a monthly (or yearly) day that a short month lacks
falls on that month's last day, so "every month on the 31st" still happens in February.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from dateutil.rrule import rrulestr

D = TypeVar("D", date, datetime)

RULE_MAX = 500
_FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_ALLOWED_FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


def parse_parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for chunk in rule.split(";"):
        if not chunk.strip():
            continue
        key, sep, value = chunk.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{chunk!r} is not KEY=VALUE")
        parts[key.strip().upper()] = value.strip().upper()
    return parts


def format_parts(parts: dict[str, str]) -> str:
    ordered = ["FREQ"] + [key for key in parts if key != "FREQ"]
    return ";".join(f"{key}={parts[key]}" for key in ordered if key in parts)


def normalise_rule(text: str) -> str:
    """Validate RRULE text and return it in canonical form (upper case, FREQ first)."""
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    if len(rule) > RULE_MAX:
        raise ValueError(f"must be at most {RULE_MAX} characters")
    parts = parse_parts(rule)
    freq = parts.get("FREQ")
    if freq is None:
        raise ValueError("needs FREQ, e.g. FREQ=DAILY")
    if freq not in _FREQS:
        raise ValueError(f"FREQ={freq} is not a recurrence frequency")
    if freq not in _ALLOWED_FREQS:
        raise ValueError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    if "DTSTART" in parts:
        raise ValueError("DTSTART is not allowed; the task's due date anchors the rule")
    canonical = format_parts(parts)
    try:
        rrulestr(canonical, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"is not a valid RRULE: {exc}") from None
    return canonical


def _clamped(parts: dict[str, str]) -> dict[str, str]:
    """Let days 29-31 fall on the last day of a month that lacks them."""
    day = parts.get("BYMONTHDAY", "")
    if (
        parts.get("FREQ") not in {"MONTHLY", "YEARLY"}
        or not day.isdigit()
        or int(day) <= 28
        or {"BYDAY", "BYSETPOS", "BYYEARDAY", "BYWEEKNO"} & parts.keys()
        or "," in parts.get("BYMONTH", "")
        or (parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts)
    ):
        return parts
    clamped = dict(parts)
    clamped["BYMONTHDAY"] = ",".join(str(d) for d in range(28, int(day) + 1))
    clamped["BYSETPOS"] = "-1"
    return clamped


def anchor_rule(rule: str, due: date | datetime | None) -> str:
    """Pin the day a bare monthly/yearly rule repeats on, so clamping never drifts.

    `FREQ=MONTHLY` with a due of Jan 31 becomes `FREQ=MONTHLY;BYMONTHDAY=31`, whose
    February instance is Feb 28/29 and whose March instance is Mar 31 again.
    """
    if due is None:
        return rule
    parts = parse_parts(rule)
    if {"BYDAY", "BYMONTHDAY", "BYSETPOS", "BYYEARDAY", "BYWEEKNO"} & parts.keys():
        return rule
    if parts["FREQ"] == "MONTHLY":
        parts["BYMONTHDAY"] = str(due.day)
    elif parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        parts["BYMONTH"] = str(due.month)
        parts["BYMONTHDAY"] = str(due.day)
    return format_parts(parts)


def next_occurrence(rule: str, previous: D) -> D | None:
    """The first occurrence strictly after `previous`, in the same kind (date or instant).

    Instants recur in their own wall-clock time and offset, so "9:00 every weekday"
    stays 9:00. None when the rule has run out (COUNT/UNTIL).
    """
    parts = _clamped(parse_parts(rule))
    if isinstance(previous, datetime):
        wall = previous.replace(tzinfo=None)
        found = rrulestr(format_parts(_strip_until_tz(parts)), dtstart=wall).after(wall)
        return None if found is None else found.replace(tzinfo=previous.tzinfo)
    start = datetime(previous.year, previous.month, previous.day)
    found = rrulestr(format_parts(_strip_until_tz(parts)), dtstart=start).after(start)
    return None if found is None else found.date()


def _strip_until_tz(parts: dict[str, str]) -> dict[str, str]:
    """dateutil refuses a UTC UNTIL with a naive start; compare in wall time instead."""
    until = parts.get("UNTIL")
    if until and until.endswith("Z"):
        return {**parts, "UNTIL": until[:-1]}
    return parts
