"""Dependencies: settings, the request's transaction, and the calling user.

All are `async def`: FastAPI runs a plain `def` dependency in its threadpool, a thread
hop per dependency per request for work that takes microseconds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.api.errors import ApiError
from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.domain.ids import ID_MAX
from todo_chatbot.security import read_token
from todo_chatbot.services.tokens import OPAQUE_PREFIX, Scope, user_for_token
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def get_session(
    request: Request, database: Annotated[Database, Depends(get_database)]
) -> AsyncIterator[AsyncSession]:
    """The request's transaction: committed before the response leaves, so a client that
    gets a 2xx can read its own write from any replica."""
    read_only = request.method in {"GET", "HEAD"}
    async with database.transaction(read_only=read_only) as session:
        yield session


def client_address(request: Request) -> str:
    """The caller's address (behind a proxy, uvicorn's --proxy-headers has set it)."""
    return request.client.host if request.client else "unknown"


_bearer = HTTPBearer(auto_error=False)


async def get_user_id(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> int:
    """The caller: a signed login token, or a live personal access token of scope `api`
    (looked up on every request, so revoking one takes effect at once)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("authentication required: send 'Authorization: Bearer <token>'")
    token = credentials.credentials
    if token.startswith(OPAQUE_PREFIX):
        database: Database = request.app.state.database
        async with database.transaction(read_only=True) as session:
            user_id = await user_for_token(session, token, scope=Scope.api)
        if user_id is None:
            raise Unauthorized("invalid, expired or revoked token")
        return user_id
    secret: str = request.app.state.signing_secret
    return read_token(token, secret=secret)


async def get_path_user_id(user_id: str, caller: Annotated[int, Depends(get_user_id)]) -> int:
    """Hackathon routes carry the user id in the path; it must be the caller's own."""
    if user_id != str(caller):
        raise ApiError(403, "forbidden", "this user id is not yours")
    return caller


TaskIdPath = Annotated[int, Path(ge=1, le=ID_MAX, description="The task's id")]
IdPath = Annotated[int, Path(ge=1, le=ID_MAX)]

SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
UserIdDep = Annotated[int, Depends(get_user_id)]
PathUserIdDep = Annotated[int, Depends(get_path_user_id)]
