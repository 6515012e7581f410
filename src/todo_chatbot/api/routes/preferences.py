from __future__ import annotations

from fastapi import APIRouter

from todo_chatbot.api.deps import SessionDep, UserIdDep
from todo_chatbot.domain.preferences import PreferenceChanges, Preferences
from todo_chatbot.services import preferences

router = APIRouter(prefix="/api/v1/me", tags=["preferences"])


@router.get("/preferences")
async def get_preferences(session: SessionDep, user_id: UserIdDep) -> Preferences:
    return await preferences.get_preferences(session, user_id=user_id)


@router.patch("/preferences")
async def update_preferences(
    body: PreferenceChanges, session: SessionDep, user_id: UserIdDep
) -> Preferences:
    """Change the time zone "today", "overdue" and reminder wording are counted in."""
    return await preferences.update_preferences(session, user_id=user_id, changes=body)
