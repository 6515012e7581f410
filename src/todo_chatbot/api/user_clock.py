"""The user's clock and locale as a request states them: `timezone` (IANA name or offset)
and `locale` (BCP 47, e.g. "en-GB", which orders day and month in dates like 3/12)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import StrictStr, field_validator

from todo_chatbot.api.schemas import Body

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$")
LOCALE_MAX = 35


def parse_timezone(text: str) -> tzinfo:
    """An IANA name ("America/New_York") or a fixed offset ("-05:00", "+0530")."""
    text = text.strip()
    if text.upper() in {"UTC", "Z"}:
        return UTC
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        if int(hours) > 14 or int(minutes) > 59:
            raise ValueError("offset must be between -14:00 and +14:00")
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            "must be an IANA time zone such as America/New_York or an offset such as -05:00"
        ) from None


class UserClock(Body):
    """Fields a request body adds to say where and how the user reads dates."""

    timezone: StrictStr | None = None
    locale: StrictStr | None = None

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        if value is not None:
            parse_timezone(value)
        return value

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        if value is not None and (len(value) > LOCALE_MAX or not _LOCALE.match(value.strip())):
            raise ValueError("must be a language tag such as en-US or en-GB")
        return value.strip() if value is not None else None

    def user_clock(self) -> datetime:
        return datetime.now(parse_timezone(self.timezone) if self.timezone else UTC)
