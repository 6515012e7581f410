"""Password hashing (argon2), signed tokens (HS256 JWT, one key per audience) and the
opaque tokens people hold (personal access tokens, OAuth tokens), kept only as hashes.

Every token names the secret that signed it in its `kid` header; the current secret signs,
the current and the previous ones verify (signing_keys.py follows them as they rotate)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import anyio.to_thread
from pwdlib import PasswordHash

from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.signing_keys import SigningSecret, key_id

USER_AUDIENCE = "todo-api"
# The api → MCP identity tokens: what the api signs for a user when its chat calls tools.
MCP_AUDIENCE = "todo-mcp"
ALGORITHM = "HS256"
# A token for no user at all: lets readiness probes reach the MCP server; no tool accepts it.
PROBE_SUBJECT = 0

_hasher = PasswordHash.recommended()

# Tokens already verified, with the key that verified them: a client sends the same token on
# every request, and its base64, JSON and HMAC are a tenth of a request's CPU. A hit still
# needs that key among the ones held now and its `exp` ahead of the clock.
_VERIFIED: dict[tuple[str, str, tuple[str, ...]], tuple[dict[str, Any], str | None, str]] = {}
_VERIFIED_MAX = 10_000


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    try:
        return _hasher.verify(password, hashed)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False


async def hash_password_off_loop(password: str) -> str:
    """argon2 costs ~0.5 s of CPU by design: run it in a thread so the event loop (every
    other request, SSE streams included) goes on meanwhile."""
    return await anyio.to_thread.run_sync(hash_password, password)


async def verify_password_off_loop(password: str, hashed: str) -> bool:
    return await anyio.to_thread.run_sync(verify_password, password, hashed)


@cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


async def dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so timing does not reveal
    accounts. Made on first use (off the loop: hashing is deliberately slow)."""
    return await anyio.to_thread.run_sync(_dummy_hash)


def audience_key(secret: str, audience: str) -> bytes:
    """The signing key for one audience, derived from the configured secret (HMAC-SHA256),
    so a leaked token class cannot be re-signed as another: each verifies with its own key."""
    return hmac.new(secret.encode(), f"todo-chatbot/jwt/{audience}".encode(), "sha256").digest()


def _keys_of(secret: str) -> SigningSecret:
    """A plain secret (tests, tools) is one fixed key; Settings hands out a SigningSecret."""
    return secret if isinstance(secret, SigningSecret) else SigningSecret.of(secret)


def _sign(body: dict[str, Any], secret: str, audience: str) -> str:
    import jwt  # imported here: console commands that sign nothing skip its 0.1 s

    current = _keys_of(secret).keys().current
    return jwt.encode(
        body,
        audience_key(current, audience),
        algorithm=ALGORITHM,
        headers={"kid": key_id(current)},
    )


def _verify(token: str, secret: str, audience: str, required: list[str]) -> dict[str, Any]:
    """The token's claims, checked with the key its `kid` names; PyJWTError otherwise."""
    import jwt

    keys = _keys_of(secret)
    memo = (token, audience, tuple(required))
    remembered = _VERIFIED.get(memo)
    if remembered is not None:
        known, known_kid, signer = remembered
        if keys.secret_for(known_kid) == signer and time.time() < known["exp"]:
            return dict(known)
    kid = jwt.get_unverified_header(token).get("kid")
    if kid is not None and not isinstance(kid, str):
        raise jwt.InvalidTokenError("malformed kid")
    found = keys.secret_for(kid)
    if found is None:
        raise jwt.InvalidTokenError("unknown kid")
    claims: dict[str, Any] = jwt.decode(
        token,
        audience_key(found, audience),
        algorithms=[ALGORITHM],
        audience=audience,
        options={"require": required},
    )
    if "nbf" not in claims and isinstance(claims.get("exp"), int | float):
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED[memo] = (dict(claims), kid, found)
    return claims


def issue_token(*, subject: int, secret: str, ttl: timedelta, audience: str = USER_AUDIENCE) -> str:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {"sub": str(subject), "aud": audience, "iat": now, "exp": now + ttl}
    return _sign(claims, secret, audience)


def read_token(token: str, *, secret: str, audience: str = USER_AUDIENCE) -> int:
    """The user id a token speaks for; raises Unauthorized if forged, expired or malformed,
    or signed with a key this process does not hold (any more)."""
    import jwt

    try:
        claims = _verify(token, secret, audience, ["sub", "exp", "aud"])
        return int(claims["sub"])
    except (jwt.PyJWTError, ValueError, TypeError):
        raise Unauthorized("invalid or expired token") from None


def sign_claims(claims: dict[str, Any], *, secret: str, audience: str, ttl: timedelta) -> str:
    """Any claims, signed for one audience (e.g. an OAuth request waiting for consent)."""
    now = datetime.now(UTC)
    return _sign({**claims, "aud": audience, "iat": now, "exp": now + ttl}, secret, audience)


def read_claims(token: str, *, secret: str, audience: str) -> dict[str, Any]:
    import jwt

    try:
        return _verify(token, secret, audience, ["exp", "aud"])
    except jwt.PyJWTError:
        raise Unauthorized("invalid or expired request") from None


def issue_identity_token(*, user_id: int, secret: str, ttl_seconds: int) -> str:
    return issue_token(
        subject=user_id, secret=secret, ttl=timedelta(seconds=ttl_seconds), audience=MCP_AUDIENCE
    )


def identity_headers(*, user_id: int, secret: str, ttl_seconds: int) -> dict[str, str]:
    """What the api's MCP client sends to act as `user_id` (checked by mcp.identity)."""
    token = issue_identity_token(user_id=user_id, secret=secret, ttl_seconds=ttl_seconds)
    return {"Authorization": f"Bearer {token}"}


def new_opaque_token(prefix: str) -> str:
    """A bearer token people hold: a readable prefix (so leaks are recognisable by secret
    scanners) and 256 random bits."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_digest(token: str) -> str:
    """How an opaque token is stored and looked up: SHA-256 is enough for 256 random bits
    (no dictionary to try), and it lets a lookup be one indexed query."""
    return hashlib.sha256(token.encode()).hexdigest()
