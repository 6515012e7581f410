"""Who is calling: the api signs a short-lived token for its user (security.py), and the
MCP server checks it here.

The token travels as `Authorization: Bearer …` with an audience and a signing key of its own,
so a user's login token (audience `todo-api`) is never accepted here and this one never by
the api.
"""

from __future__ import annotations

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken

from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.security import MCP_AUDIENCE, PROBE_SUBJECT, read_token
from todo_chatbot.services.tokens import OPAQUE_PREFIX, Scope, user_for_token
from todo_chatbot.store.db import Database

CLIENT_ID = "todo-api"
MCP_SCOPE = Scope.mcp.value


class SignedIdentityVerifier:
    """The MCP SDK's TokenVerifier: an identity token the api signed for its user, or a
    live opaque token of scope `mcp` (personal, or from the OAuth flow), looked up on every
    request so that a revoked one is refused at once."""

    def __init__(self, secret: str, database: Database | None = None) -> None:
        self._secret = secret
        self._database = database

    async def verify_token(self, token: str) -> AccessToken | None:
        if token.startswith(OPAQUE_PREFIX):
            return await self._stored(token)
        try:
            user_id = read_token(token, secret=self._secret, audience=MCP_AUDIENCE)
        except Unauthorized:
            return None
        return AccessToken(
            token=token, client_id=CLIENT_ID, scopes=[MCP_SCOPE], subject=str(user_id)
        )

    async def _stored(self, token: str) -> AccessToken | None:
        if self._database is None:
            return None
        async with self._database.transaction(read_only=True) as session:
            user_id = await user_for_token(session, token, scope=Scope.mcp)
        if user_id is None:
            return None
        return AccessToken(
            token=token, client_id="todo-token", scopes=[MCP_SCOPE], subject=str(user_id)
        )


class IdentityError(Exception):
    """The call carries no usable identity, or claims someone else's."""


def caller_user_id(*, local_user_id: int | None, claimed: str | int | None = None) -> int:
    """The authenticated user: from the verified token over HTTP, or the configured local
    user over stdio. A `user_id` the caller names (hackathon contract) must be that user."""
    token = get_access_token()
    if token is not None and token.subject is not None:
        user_id = int(token.subject)
    elif local_user_id is not None:
        user_id = local_user_id
    else:
        raise IdentityError("no authenticated user")
    if user_id == PROBE_SUBJECT:
        raise IdentityError("no authenticated user")
    if claimed is not None and str(claimed).strip() != str(user_id):
        raise IdentityError("user_id does not match the authenticated user")
    return user_id
