"""A user's settings that change how their tasks read: for now, the time zone."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from todo_chatbot.domain.days import TimeZoneName
from todo_chatbot.domain.errors import validated


class Preferences(BaseModel):
    time_zone: TimeZoneName


class PreferenceChanges(BaseModel):
    """PATCH body: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    time_zone: TimeZoneName | None = None


def validate_preference_changes(
    raw: PreferenceChanges | Mapping[str, object],
) -> PreferenceChanges:
    if isinstance(raw, PreferenceChanges):
        return raw
    return validated(PreferenceChanges, raw, unknown="is not a preference")
