"""Rules and dues in plain English, so every interface (the web list, chat replies, the CLI,
reminder notifications) words them the same way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, tzinfo

from todo_chatbot.domain.recurrence import parse_parts

_DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
NO_DUE = "Reminder"  # a reminder's line when its task has no due
_WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_NTH_LAST = {-2: "second-to-last", -3: "third-to-last"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_WEEKDAYS = {"MO", "TU", "WE", "TH", "FR"}


def ordinal(n: int) -> str:
    if n == -1:
        return "last day"
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _every(unit: str, interval: int) -> str:
    if interval == 2:
        return f"every other {unit}"
    if interval > 2:
        return f"every {interval} {unit}s"
    return f"every {unit}"


def _nth(position: int) -> str:
    return _NTH.get(position) or _NTH_LAST.get(position) or ordinal(position)


def _schedule(parts: dict[str, str]) -> str:
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    text = _every(_UNITS[freq], interval)
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    month_days = [int(day) for day in parts.get("BYMONTHDAY", "").split(",") if day]
    months = [int(month) for month in parts.get("BYMONTH", "").split(",") if month]
    if days and freq == "WEEKLY" and "BYSETPOS" not in parts:
        names = [_DAY_NAMES[day] for day in days]
        if set(days) == _WEEKDAYS:
            names = ["weekday"]
        elif set(days) == {"SA", "SU"}:
            names = ["weekend"]
        return f"{text} on {join(names)}" if interval > 2 else _every(join(names), interval)
    if days and freq in {"MONTHLY", "YEARLY"}:
        if "BYSETPOS" in parts:
            kind = "weekday" if set(days) == _WEEKDAYS else " or ".join(_DAY_NAMES[d] for d in days)
            which = [f"{_nth(int(p))} {kind}" for p in parts["BYSETPOS"].split(",")]
        else:
            which = [
                f"{_nth(int(day[:-2])) if day[:-2] else 'every'} {_DAY_NAMES[day[-2:]]}"
                for day in days
            ]
        where = f"{join([_MONTHS[m - 1] for m in months])} " if months else ""
        period = f"of {where}{text}" if not months else f"of {where.strip()}, {text}"
        return f"on the {join(which)} {period}"
    if month_days and freq == "YEARLY" and len(months) == 1:
        return f"{text} on {_MONTHS[months[0] - 1]} {ordinal(month_days[0])}"
    if month_days:
        return f"{text} on the {join([ordinal(day) for day in month_days])}"
    if months and freq == "YEARLY":
        return f"{text} in {join([_MONTHS[m - 1] for m in months])}"
    return text


def describe_rule(rule: str) -> str:
    """ "FREQ=MONTHLY;BYMONTHDAY=1" -> "every month on the 1st"; "FREQ=DAILY;COUNT=10" ->
    "every day, 10 times"."""
    parts = parse_parts(rule)
    text = _schedule(parts)
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        text += ", once" if count == 1 else f", {count} times"
    if "UNTIL" in parts:
        until = date(int(parts["UNTIL"][:4]), int(parts["UNTIL"][4:6]), int(parts["UNTIL"][6:8]))
        text += f" until {until.day} {_MONTHS[until.month - 1][:3]} {until.year}"
    return text


def clock(moment: datetime) -> str:
    """Times read the same everywhere the server words them: 24-hour, "09:05"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_text(day: date, *, today: date | None = None) -> str:
    """ "today", "tomorrow", "yesterday", else "Fri 27 Nov" (with the year when not this one)."""
    if today is not None:
        relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get((day - today).days)
        if relative:
            return relative
    text = f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTHS[day.month - 1][:3]}"
    return text if today is None or day.year == today.year else f"{text} {day.year}"


def due_text(
    due: date | datetime, *, now: datetime | None = None, where: tzinfo | None = None
) -> str:
    """A due as people say it: "today at 22:47", "Fri 27 Nov". An instant is shown in
    `where` (the user's zone), or in its own offset when no zone is given."""
    local = due.astimezone(where) if isinstance(due, datetime) and where is not None else due
    today = now.astimezone(where or UTC).date() if now is not None else None
    if isinstance(local, datetime):
        return f"{day_text(local.date(), today=today)} at {clock(local)}"
    return day_text(local, today=today)


def describe_due(due: date | datetime | None, *, now: datetime, where: tzinfo = UTC) -> str:
    """The line a reminder shows in the API, the live feed and webhooks: "Due today at 22:47"."""
    if due is None:
        return NO_DUE
    return f"Due {due_text(due, now=now, where=where)}"
