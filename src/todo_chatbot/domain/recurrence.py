"""RFC 5545 recurrence rules, on top of python-dateutil's rrule.

Rules are kept as RRULE text without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=MO,WE`.
One deliberate departure from RFC 5545: a monthly (or yearly) day that a short month lacks
falls on that month's last day, so "every month on the 31st" still happens in February.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TypeVar

from dateutil.rrule import rrulestr

D = TypeVar("D", date, datetime)

RULE_MAX = 500
INTERVAL_MAX = 999
COUNT_MAX = 1000
# How far ahead the next occurrence is looked for: every computation on a user's rule is
# bounded, so no rule can hold a worker (a yearly rule needs up to 28 years to meet a
# Feb 29 that falls on a Monday).
HORIZON = timedelta(days=366 * 30)
_FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_ALLOWED_FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_WHOLE_NUMBER = {"INTERVAL": INTERVAL_MAX, "COUNT": COUNT_MAX}
# The parts a task's rule may use: enough for "every other week on Mon and Thu", "the 2nd
# Tuesday", "the last weekday of the month". Parts below a day (BYHOUR…) make no sense for a
# due date, and BYYEARDAY/BYWEEKNO allow rules that search for centuries before failing.
_ALLOWED_PARTS = {
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"
}  # fmt: skip
_WEEKDAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February at its longest


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
    for key, highest in _WHOLE_NUMBER.items():
        value = parts.get(key)
        if value is not None and not (value.isdigit() and 1 <= int(value) <= highest):
            raise ValueError(f"{key}={value}: must be a whole number from 1 to {highest}")
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError("COUNT and UNTIL cannot both be given")
    _check_parts(parts)
    canonical = format_parts(parts)
    try:
        rrulestr(canonical, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise ValueError(f"is not a valid RRULE: {exc}") from None
    return canonical


def _numbers(parts: dict[str, str], key: str, low: int, high: int) -> list[int]:
    values = []
    for item in parts.get(key, "").split(",") if key in parts else []:
        try:
            number = int(item)
        except ValueError:
            raise ValueError(f"{key}={parts[key]}: {item!r} is not a number") from None
        if not (low <= abs(number) <= high) or (number < 0 and low > 0 and key == "BYMONTH"):
            raise ValueError(f"{key}={parts[key]}: {item} is out of range")
        values.append(number)
    return values


def _check_parts(parts: dict[str, str]) -> None:
    """Refuse parts outside the supported set, and combinations that can never occur, so
    that finding the next occurrence always ends quickly."""
    unknown = sorted(parts.keys() - _ALLOWED_PARTS)
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not supported in a task's rule")
    for key in ("BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"):
        # A repeated value would count twice below ("MO,MO" is not two days a week).
        items = parts[key].split(",") if key in parts else []
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise ValueError(f"{key}={parts[key]}: {', '.join(repeated)} is listed twice")
    freq = parts["FREQ"]
    months = _numbers(parts, "BYMONTH", 1, 12) or list(range(1, 13))
    days = _numbers(parts, "BYMONTHDAY", 1, 31)
    positions = _numbers(parts, "BYSETPOS", 1, 5)
    ordinals = []
    for item in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []:
        weekday, prefix = item[-2:], item[:-2]
        if weekday not in _WEEKDAYS:
            raise ValueError(f"BYDAY={parts['BYDAY']}: {item!r} is not a weekday")
        if prefix:
            if freq not in {"MONTHLY", "YEARLY"}:
                raise ValueError(f"BYDAY={parts['BYDAY']}: {item} needs FREQ=MONTHLY or YEARLY")
            ordinals.append(_numbers({"BYDAY": prefix}, "BYDAY", 1, 5)[0])
    weekdays = len(parts["BYDAY"].split(",")) if "BYDAY" in parts else 0
    if positions:
        # Every period must hold that many candidates, or some rules would never occur:
        # a week has each listed weekday once, a month each at least four times.
        per_period = weekdays if freq == "WEEKLY" else 4 * weekdays
        if freq == "DAILY" or ordinals or days or not weekdays:
            raise ValueError("BYSETPOS needs BYDAY weekdays (without positions) and no BYMONTHDAY")
        if any(abs(position) > per_period for position in positions):
            raise ValueError(f"BYSETPOS={parts['BYSETPOS']}: more than the days each period has")
    if ordinals and days:
        raise ValueError("BYDAY with a position (e.g. 2TU) cannot be combined with BYMONTHDAY")
    clamped = (
        freq in {"MONTHLY", "YEARLY"}
        and len(days) == 1
        and not ({"BYDAY", "BYSETPOS"} & parts.keys())
    )
    if days and not clamped:
        longest = max(_MONTH_DAYS[month - 1] for month in months)
        if all(abs(day) > longest for day in days):
            raise ValueError(f"BYMONTHDAY={parts['BYMONTHDAY']}: no such day in those months")


def first_occurrence(rule: str, today: date) -> date | None:
    """The first day on or after `today` the rule falls on: today itself for a bare rule
    ("every week"), else the first matching day ("every Monday" -> the next Monday)."""
    parts = parse_parts(rule)
    if not {"BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"} & parts.keys():
        return today
    return next_occurrence(rule, today - timedelta(days=1))


def check_repeats_after(rule: str, due: date | datetime) -> None:
    """Refuse a rule that never produces an occurrence after `due`: an UNTIL before it,
    a COUNT of 1, or days that never come within the horizon (e.g. February 30th)."""
    if next_occurrence(rule, due) is None:
        raise ValueError("never repeats after the due date (check UNTIL, COUNT and the days)")


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
        start = previous.replace(tzinfo=None)
    else:
        start = datetime(previous.year, previous.month, previous.day)
    found = _first_after(format_parts(_strip_until_tz(parts)), start)
    if found is None:
        return None
    if isinstance(previous, datetime):
        return found.replace(tzinfo=previous.tzinfo)
    return found.date()


def _first_after(rule: str, start: datetime) -> datetime | None:
    """The first occurrence after `start` within HORIZON, or None."""
    try:
        end = start + HORIZON
    except OverflowError:  # near year 9999: look no further than the calendar goes
        end = datetime.max
    for found in rrulestr(rule, dtstart=start).xafter(start, inc=False):
        return found if found <= end else None
    return None


def _strip_until_tz(parts: dict[str, str]) -> dict[str, str]:
    """dateutil refuses a UTC UNTIL with a naive start; compare in wall time instead."""
    until = parts.get("UNTIL")
    if until and until.endswith("Z"):
        return {**parts, "UNTIL": until[:-1]}
    return parts
