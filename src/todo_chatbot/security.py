"""Password hashing (argon2) and signed tokens (HS256 JWT)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from pwdlib import PasswordHash

from todo_chatbot.domain.errors import Unauthorized

USER_AUDIENCE = "todo-api"
ALGORITHM = "HS256"

_hasher = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    try:
        return _hasher.verify(password, hashed)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False


@cache
def dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so timing does not reveal
    accounts. Made on first use: hashing is deliberately slow."""
    return hash_password("not-a-real-password")


def issue_token(*, subject: int, secret: str, ttl: timedelta, audience: str = USER_AUDIENCE) -> str:
    import jwt  # imported here: console commands that sign nothing skip its 0.1 s

    now = datetime.now(UTC)
    claims: dict[str, Any] = {"sub": str(subject), "aud": audience, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, *, secret: str, audience: str = USER_AUDIENCE) -> int:
    """The user id a token speaks for; raises Unauthorized if forged, expired or malformed."""
    import jwt

    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=audience,
            options={"require": ["sub", "exp", "aud"]},
        )
        return int(claims["sub"])
    except (jwt.PyJWTError, ValueError, TypeError):
        raise Unauthorized("invalid or expired token") from None
