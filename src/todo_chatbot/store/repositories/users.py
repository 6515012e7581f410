from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.db import core_connection
from todo_chatbot.store.models import User

_TIME_ZONE = select(User.time_zone).where(User.id == bindparam("user_id"))


async def time_zone_of(session: AsyncSession, user_id: int) -> str | None:
    """The user's zone name alone, as a Core read (a list asks for it on every page)."""
    connection = await core_connection(session)
    return await connection.scalar(_TIME_ZONE, {"user_id": user_id})


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.execute(select(User).where(User.email == email))
    return result.scalar_one_or_none()


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def add(session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user
