"""A user's preferences: read and change them; the time zone other use cases count days in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.days import zone
from todo_chatbot.domain.errors import NotFound
from todo_chatbot.domain.preferences import (
    PreferenceChanges,
    Preferences,
    validate_preference_changes,
)
from todo_chatbot.store.models import User
from todo_chatbot.store.repositories import users


async def _user(session: AsyncSession, user_id: int) -> User:
    user = await users.get(session, user_id)
    if user is None:
        raise NotFound("user", user_id)
    return user


async def get_preferences(session: AsyncSession, *, user_id: int) -> Preferences:
    user = await _user(session, user_id)
    return Preferences(time_zone=user.time_zone)


async def update_preferences(
    session: AsyncSession,
    *,
    user_id: int,
    changes: PreferenceChanges | Mapping[str, object],
) -> Preferences:
    clean = validate_preference_changes(changes)
    user = await _user(session, user_id)
    if clean.time_zone is not None:
        user.time_zone = clean.time_zone
    await session.flush()
    return Preferences(time_zone=user.time_zone)


async def user_zone(session: AsyncSession, user_id: int) -> tzinfo:
    """The zone a user's days are counted in (UTC for an account that is gone)."""
    return zone(await users.time_zone_of(session, user_id))
