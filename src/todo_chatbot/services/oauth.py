"""The OAuth 2.1 authorization server's records: registered clients, one-time
authorization codes, and the access and refresh tokens a code is exchanged for (all
opaque, stored hashed, revocable)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.security import new_opaque_token, token_digest
from todo_chatbot.services.tokens import find_live_token
from todo_chatbot.store.models import AccessToken, OAuthClient, OAuthCode
from todo_chatbot.store.repositories import tokens as repo
from todo_chatbot.store.types import utcnow

CODE_TTL = timedelta(minutes=5)
ACCESS_TTL = timedelta(hours=1)
REFRESH_TTL = timedelta(days=30)


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    scopes: list[str]


@dataclass(frozen=True)
class Grant:
    """What a code or a live token grants: a user's consent to a client, for scopes."""

    user_id: int
    client_id: str
    scopes: list[str]
    expires_at: float | None
    details: dict[str, Any]


async def register_client(session: AsyncSession, *, client_id: str, info: dict[str, Any]) -> None:
    await repo.add(session, OAuthClient(client_id=client_id, info=info))


async def client_info(session: AsyncSession, client_id: str) -> dict[str, Any] | None:
    client = await repo.get_client(session, client_id)
    return dict(client.info) if client is not None else None


async def grant_code(
    session: AsyncSession, *, user_id: int, client_id: str, details: dict[str, Any]
) -> str:
    code = new_opaque_token("todo_code")
    row = OAuthCode(
        code_hash=token_digest(code),
        client_id=client_id,
        user_id=user_id,
        grant=details,
        expires_at=utcnow() + CODE_TTL,
    )
    await repo.add(session, row)
    return code


async def code_grant(session: AsyncSession, code: str, *, client_id: str) -> Grant | None:
    row = await repo.get_code(session, token_digest(code))
    if row is None or row.client_id != client_id or row.expires_at <= utcnow():
        return None
    return Grant(
        user_id=row.user_id,
        client_id=row.client_id,
        scopes=list(row.grant.get("scopes") or []),
        expires_at=row.expires_at.timestamp(),
        details=dict(row.grant),
    )


async def exchange_code(session: AsyncSession, code: str, *, client_id: str) -> IssuedTokens | None:
    """Tokens for a code, which is used up by it; None if it was already used or expired."""
    grant = await code_grant(session, code, client_id=client_id)
    if grant is None or await repo.take_code(session, token_digest(code)) is None:
        return None
    return await _issue(session, user_id=grant.user_id, client_id=client_id, scopes=grant.scopes)


async def token_grant(session: AsyncSession, token: str, *, kind: str) -> Grant | None:
    row = await find_live_token(session, token)
    if row is None or row.kind != kind or row.client_id is None:
        return None
    return Grant(
        user_id=row.user_id,
        client_id=row.client_id,
        scopes=row.scopes.split(),
        expires_at=row.expires_at.timestamp() if row.expires_at else None,
        details={},
    )


async def refresh(
    session: AsyncSession, refresh_token: str, *, client_id: str, scopes: list[str]
) -> IssuedTokens | None:
    """New tokens for a refresh token, which is rotated (revoked with its access tokens)."""
    grant = await token_grant(session, refresh_token, kind="oauth_refresh")
    if grant is None or grant.client_id != client_id:
        return None
    await repo.revoke_grant(session, user_id=grant.user_id, client_id=client_id, when=utcnow())
    kept = [scope for scope in scopes if scope in grant.scopes] if scopes else grant.scopes
    return await _issue(session, user_id=grant.user_id, client_id=client_id, scopes=kept)


async def revoke(session: AsyncSession, token: str) -> None:
    """Revoke the grant a token belongs to: every token of that client for that user."""
    row = await find_live_token(session, token)
    if row is not None and row.client_id is not None:
        await repo.revoke_grant(
            session, user_id=row.user_id, client_id=row.client_id, when=utcnow()
        )


async def _issue(
    session: AsyncSession, *, user_id: int, client_id: str, scopes: list[str]
) -> IssuedTokens:
    now = utcnow()
    access, refresh_token = new_opaque_token("todo_oat"), new_opaque_token("todo_ort")
    for kind, secret, ttl in (
        ("oauth_access", access, ACCESS_TTL),
        ("oauth_refresh", refresh_token, REFRESH_TTL),
    ):
        row = AccessToken(
            user_id=user_id,
            kind=kind,
            name=client_id,
            token_hash=token_digest(secret),
            scopes=" ".join(scopes),
            client_id=client_id,
            created_at=now,
            expires_at=now + ttl,
        )
        await repo.add(session, row)
    return IssuedTokens(
        access_token=access,
        refresh_token=refresh_token,
        expires_in=int(ACCESS_TTL.total_seconds()),
        scopes=scopes,
    )
