"""Queries on access tokens, OAuth clients and authorization codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.store.models import AccessToken, OAuthClient, OAuthCode


async def add(session: AsyncSession, row: AccessToken | OAuthClient | OAuthCode) -> None:
    session.add(row)
    await session.flush()


async def by_hash(session: AsyncSession, token_hash: str) -> AccessToken | None:
    result = await session.execute(select(AccessToken).where(AccessToken.token_hash == token_hash))
    return result.scalar_one_or_none()


async def personal_of(session: AsyncSession, user_id: int) -> list[AccessToken]:
    result = await session.execute(
        select(AccessToken)
        .where(AccessToken.user_id == user_id, AccessToken.kind == "personal")
        .order_by(AccessToken.id)
    )
    return list(result.scalars())


async def get_personal(session: AsyncSession, user_id: int, token_id: int) -> AccessToken | None:
    result = await session.execute(
        select(AccessToken).where(
            AccessToken.id == token_id,
            AccessToken.user_id == user_id,
            AccessToken.kind == "personal",
        )
    )
    return result.scalar_one_or_none()


async def revoke_grant(
    session: AsyncSession, *, user_id: int, client_id: str, when: datetime
) -> None:
    """Revoke every OAuth token one client holds for one user (access and refresh)."""
    await session.execute(
        update(AccessToken)
        .where(
            AccessToken.user_id == user_id,
            AccessToken.client_id == client_id,
            AccessToken.revoked_at.is_(None),
        )
        .values(revoked_at=when)
    )


async def get_client(session: AsyncSession, client_id: str) -> OAuthClient | None:
    return await session.get(OAuthClient, client_id)


async def take_code(session: AsyncSession, code_hash: str) -> OAuthCode | None:
    """The code, deleted as it is read: a code is good for one exchange only."""
    code = await session.get(OAuthCode, code_hash)
    if code is not None:
        await session.delete(code)
        await session.flush()
    return code


async def get_code(session: AsyncSession, code_hash: str) -> OAuthCode | None:
    return await session.get(OAuthCode, code_hash)
