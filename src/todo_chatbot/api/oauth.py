"""The app as an OAuth 2.1 authorization server for its MCP endpoint: the official MCP
SDK's handlers (metadata, dynamic client registration, authorize with PKCE, token,
revocation) over this provider, which keeps everything in the database.

`/authorize` sends the browser to the sign-in page (`/oauth/consent`), carrying the checked
request signed with a key of its own; signing in there grants the code."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    OAuthAuthorizationServerProvider,
    RefreshToken,
    TokenError,
)
from mcp.server.auth.routes import create_auth_routes
from mcp.server.auth.settings import ClientRegistrationOptions, RevocationOptions
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken
from pydantic import AnyHttpUrl
from starlette.routing import Route

from todo_chatbot.security import read_claims, sign_claims
from todo_chatbot.services import oauth
from todo_chatbot.services.oauth import Grant, IssuedTokens
from todo_chatbot.services.tokens import Scope
from todo_chatbot.store.db import Database

CONSENT_PATH = "/oauth/consent"
CONSENT_AUDIENCE = "todo-oauth-consent"
CONSENT_TTL = timedelta(minutes=10)
OAUTH_SCOPES = [Scope.mcp.value]


class TodoAuthorizationServer(
    OAuthAuthorizationServerProvider[AuthorizationCode, RefreshToken, AccessToken]
):
    """The provider the MCP SDK's auth handlers call (no identity-assertion grant)."""

    def __init__(self, database: Database, *, secret: str, issuer_url: str) -> None:
        self.database = database
        self._secret = secret
        self.issuer_url = issuer_url.rstrip("/")

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        async with self.database.transaction(read_only=True) as session:
            info = await oauth.client_info(session, client_id)
        return OAuthClientInformationFull.model_validate(info) if info is not None else None

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        async with self.database.transaction() as session:
            await oauth.register_client(
                session,
                client_id=client_info.client_id,
                info=client_info.model_dump(mode="json", exclude_none=True),
            )

    async def authorize(
        self, client: OAuthClientInformationFull, params: AuthorizationParams
    ) -> str:
        request = sign_claims(
            {
                "client_id": client.client_id,
                "client_name": client.client_name or client.client_id,
                "details": params.model_dump(mode="json"),
            },
            secret=self._secret,
            audience=CONSENT_AUDIENCE,
            ttl=CONSENT_TTL,
        )
        return f"{self.issuer_url}{CONSENT_PATH}?{urlencode({'request': request})}"

    def consent_request(self, token: str) -> dict[str, Any]:
        """The authorization request a consent page carries; Unauthorized if forged/old."""
        return read_claims(token, secret=self._secret, audience=CONSENT_AUDIENCE)

    async def load_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: str
    ) -> AuthorizationCode | None:
        async with self.database.transaction(read_only=True) as session:
            grant = await oauth.code_grant(session, authorization_code, client_id=client.client_id)
        if grant is None:
            return None
        details = grant.details
        return AuthorizationCode(
            code=authorization_code,
            scopes=grant.scopes,
            expires_at=grant.expires_at or 0.0,
            client_id=grant.client_id,
            code_challenge=details["code_challenge"],
            redirect_uri=details["redirect_uri"],
            redirect_uri_provided_explicitly=details["redirect_uri_provided_explicitly"],
            resource=details.get("resource"),
            subject=str(grant.user_id),
        )

    async def exchange_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: AuthorizationCode
    ) -> OAuthToken:
        async with self.database.transaction() as session:
            issued = await oauth.exchange_code(
                session, authorization_code.code, client_id=client.client_id
            )
        return _token_answer(issued)

    async def load_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: str
    ) -> RefreshToken | None:
        async with self.database.transaction(read_only=True) as session:
            grant = await oauth.token_grant(session, refresh_token, kind="oauth_refresh")
        if grant is None or grant.client_id != client.client_id:
            return None
        return RefreshToken(
            token=refresh_token,
            client_id=grant.client_id,
            scopes=grant.scopes,
            expires_at=int(grant.expires_at) if grant.expires_at else None,
            subject=str(grant.user_id),
        )

    async def exchange_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        async with self.database.transaction() as session:
            issued = await oauth.refresh(
                session, refresh_token.token, client_id=client.client_id, scopes=scopes
            )
        return _token_answer(issued)

    async def load_access_token(self, token: str) -> AccessToken | None:
        async with self.database.transaction(read_only=True) as session:
            grant = await oauth.token_grant(session, token, kind="oauth_access")
        return _access_token(token, grant) if grant is not None else None

    async def revoke_token(self, token: AccessToken | RefreshToken) -> None:
        async with self.database.transaction() as session:
            await oauth.revoke(session, token.token)

    def routes(self) -> list[Route]:
        return create_auth_routes(
            provider=self,
            issuer_url=AnyHttpUrl(self.issuer_url),
            client_registration_options=ClientRegistrationOptions(
                enabled=True, valid_scopes=OAUTH_SCOPES, default_scopes=OAUTH_SCOPES
            ),
            revocation_options=RevocationOptions(enabled=True),
        )


def _token_answer(issued: IssuedTokens | None) -> OAuthToken:
    if issued is None:
        raise TokenError("invalid_grant", "the code or refresh token is unknown, used or expired")
    return OAuthToken(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        scope=" ".join(issued.scopes),
        refresh_token=issued.refresh_token,
    )


def _access_token(token: str, grant: Grant) -> AccessToken:
    return AccessToken(
        token=token,
        client_id=grant.client_id,
        scopes=grant.scopes,
        expires_at=int(grant.expires_at) if grant.expires_at else None,
        subject=str(grant.user_id),
    )
