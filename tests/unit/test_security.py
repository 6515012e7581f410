"""Signing keys per audience: one token class cannot be made into another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
import time_machine

from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.security import (
    ALGORITHM,
    MCP_AUDIENCE,
    USER_AUDIENCE,
    audience_key,
    issue_identity_token,
    issue_token,
    read_token,
    token_digest,
)

SECRET = "s" * 40


def _signed(key: str | bytes, audience: str) -> str:
    now = datetime.now(UTC)
    claims = {"sub": "7", "aud": audience, "iat": now, "exp": now + timedelta(minutes=5)}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def test_each_audience_has_its_own_key() -> None:
    assert audience_key(SECRET, USER_AUDIENCE) != audience_key(SECRET, MCP_AUDIENCE)
    assert (
        read_token(issue_token(subject=7, secret=SECRET, ttl=timedelta(minutes=1)), secret=SECRET)
        == 7
    )
    assert (
        read_token(
            issue_identity_token(user_id=7, secret=SECRET, ttl_seconds=60),
            secret=SECRET,
            audience=MCP_AUDIENCE,
        )
        == 7
    )


@pytest.mark.parametrize(
    "forged",
    [
        # the user key's holder re-labels a token for the MCP audience
        lambda: _signed(audience_key(SECRET, USER_AUDIENCE), MCP_AUDIENCE),
        # the shared secret itself, as before keys were derived
        lambda: _signed(SECRET, MCP_AUDIENCE),
    ],
)
def test_a_user_key_cannot_mint_an_identity_token(forged: object) -> None:
    with pytest.raises(Unauthorized):
        read_token(forged(), secret=SECRET, audience=MCP_AUDIENCE)  # type: ignore[operator]


def test_an_identity_key_cannot_mint_a_user_token() -> None:
    token = _signed(audience_key(SECRET, MCP_AUDIENCE), USER_AUDIENCE)
    with pytest.raises(Unauthorized):
        read_token(token, secret=SECRET)


def test_opaque_tokens_are_stored_as_a_digest_not_as_themselves() -> None:
    assert token_digest("todo_pat_abc") != "todo_pat_abc"
    assert len(token_digest("todo_pat_abc")) == 64


def test_a_token_verified_before_is_still_refused_once_it_expires() -> None:
    token = issue_token(subject=7, secret=SECRET, ttl=timedelta(minutes=1))
    assert read_token(token, secret=SECRET) == 7
    assert read_token(token, secret=SECRET) == 7  # the second read is the remembered one
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2)), pytest.raises(Unauthorized):
        read_token(token, secret=SECRET)


def test_a_token_verified_before_is_refused_under_another_secret() -> None:
    token = issue_token(subject=7, secret=SECRET, ttl=timedelta(minutes=1))
    assert read_token(token, secret=SECRET) == 7
    with pytest.raises(Unauthorized):
        read_token(token, secret="t" * 40)
    with pytest.raises(Unauthorized):
        read_token(token, secret=SECRET, audience=MCP_AUDIENCE)
