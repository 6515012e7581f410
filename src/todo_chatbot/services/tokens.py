"""Personal access tokens, and resolving any opaque bearer token to its user.

A token is shown once, when made; the database keeps its digest. Every request looks the
digest up, so a revoked token stops working on the next request."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import NotFound
from todo_chatbot.security import new_opaque_token, token_digest
from todo_chatbot.store.models import AccessToken
from todo_chatbot.store.repositories import tokens as repo
from todo_chatbot.store.types import utcnow

PERSONAL_PREFIX = "todo_pat"
OPAQUE_PREFIX = "todo_"  # every opaque token starts so; signed JWTs never do


class Scope(StrEnum):
    mcp = "mcp"  # the MCP tools at /mcp
    api = "api"  # the REST API


class NewPersonalToken(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the token is for")
    scope: Scope = Field(description="`mcp` for the MCP tools, `api` for the REST API")
    expires_in_days: int | None = Field(
        default=None, ge=1, le=3650, description="None: until revoked"
    )


class PersonalTokenOut(BaseModel):
    id: int
    name: str
    scope: Scope
    created_at: datetime
    expires_at: datetime | None
    revoked: bool


class CreatedToken(PersonalTokenOut):
    token: str = Field(description="The token itself: shown only now, stored only hashed")


def _view(row: AccessToken) -> PersonalTokenOut:
    return PersonalTokenOut(
        id=row.id,
        name=row.name,
        scope=Scope(row.scopes),
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked=row.revoked_at is not None,
    )


async def create_personal_token(
    session: AsyncSession, *, user_id: int, new: NewPersonalToken
) -> CreatedToken:
    secret = new_opaque_token(PERSONAL_PREFIX)
    now = utcnow()
    expires = now + timedelta(days=new.expires_in_days) if new.expires_in_days else None
    row = AccessToken(
        user_id=user_id,
        kind="personal",
        name=" ".join(new.name.split()),
        token_hash=token_digest(secret),
        scopes=new.scope.value,
        created_at=now,
        expires_at=expires,
    )
    await repo.add(session, row)
    return CreatedToken(**_view(row).model_dump(), token=secret)


async def list_personal_tokens(session: AsyncSession, *, user_id: int) -> list[PersonalTokenOut]:
    return [_view(row) for row in await repo.personal_of(session, user_id)]


async def revoke_personal_token(session: AsyncSession, *, user_id: int, token_id: int) -> None:
    row = await repo.get_personal(session, user_id, token_id)
    if row is None:
        raise NotFound("token", token_id)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        await session.flush()


async def find_live_token(session: AsyncSession, token: str) -> AccessToken | None:
    """The stored token a bearer string is, if it is neither revoked nor expired."""
    if not token.startswith(OPAQUE_PREFIX):
        return None
    row = await repo.by_hash(session, token_digest(token))
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= utcnow():
        return None
    return row


async def user_for_token(session: AsyncSession, token: str, *, scope: Scope) -> int | None:
    """The user an opaque token speaks for, if it is live and carries `scope`."""
    row = await find_live_token(session, token)
    if row is None or row.kind == "oauth_refresh" or scope.value not in row.scopes.split():
        return None
    return row.user_id
