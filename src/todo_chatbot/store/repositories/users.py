from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import User


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.execute(select(User).where(User.email == email))
    return result.scalar_one_or_none()


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def add(session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user
