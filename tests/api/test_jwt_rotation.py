"""JWT signing-key rotation under a running app: the mounted secret files are swapped the
way the kubelet swaps them, and the app keeps serving without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import jwt
import pytest

from tests.support.app import PASSWORD
from tests.support.secret_volume import mount, secret_volume
from tests.unit.test_jwt_rotation import Clock
from todo_chatbot import signing_keys
from todo_chatbot.security import issue_token
from todo_chatbot.settings import AppEnv, Settings
from todo_chatbot.signing_keys import key_id

OLD = "old-secret-" + "o" * 40
NEW = "new-secret-" + "n" * 40
UNKNOWN = "unknown-secret-" + "u" * 40
EMAIL = "ada@example.com"


@pytest.fixture
def backend() -> str:
    return "sqlite"  # signing does not touch the database: one backend is enough


@pytest.fixture
def secrets_dir(tmp_path: Path) -> Path:
    return secret_volume(tmp_path, {"jwt_secret": OLD})


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(signing_keys, "monotonic", fake)
    yield fake


@pytest.fixture
def settings(
    db_url: str, tmp_path: Path, secrets_dir: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """The app's settings as a pod reads them: the signing secret from SECRETS_DIR."""
    for name in ("JWT_SECRET", "JWT_SECRET_PREVIOUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRETS_DIR", str(secrets_dir))
    return Settings(app_env=AppEnv.development, database_url=db_url, data_dir=tmp_path)


async def log_in(client: httpx.AsyncClient) -> str:
    response = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def me(client: httpx.AsyncClient, token: str) -> int:
    response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    return response.status_code


def kid_of(token: str) -> object:
    return jwt.get_unverified_header(token).get("kid")


async def test_rotation_without_a_restart(
    client: httpx.AsyncClient, secrets_dir: Path, clock: Clock
) -> None:
    registered = await client.post(
        "/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD}
    )
    assert registered.status_code == 201
    old_token = registered.json()["access_token"]
    assert kid_of(old_token) == key_id(OLD)
    assert await me(client, old_token) == 200

    # Rotate: the new secret signs, the old one moves to the previous slot.
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    clock.advance()
    new_token = await log_in(client)
    assert kid_of(new_token) == key_id(NEW)
    assert await me(client, new_token) == 200
    assert await me(client, old_token) == 200, "tokens of the previous key stay valid"

    # The old key leaves the previous slot: its tokens are refused, the new ones are not.
    mount(secrets_dir, {"jwt_secret": NEW})
    clock.advance()
    assert await me(client, old_token) == 401
    assert await me(client, new_token) == 200


async def test_a_token_of_an_unknown_key_is_401(client: httpx.AsyncClient) -> None:
    registered = await client.post(
        "/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD}
    )
    assert await me(client, registered.json()["access_token"]) == 200  # user 1 exists
    forged = issue_token(subject=1, secret=UNKNOWN, ttl=timedelta(hours=1))
    assert kid_of(forged) == key_id(UNKNOWN)
    assert await me(client, forged) == 401


async def test_a_token_from_a_replica_that_rotated_first_is_accepted_at_once(
    client: httpx.AsyncClient, secrets_dir: Path
) -> None:
    """No clock advance: the unknown kid makes this process look at its files."""
    await client.post("/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD})
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    from_other_replica = issue_token(subject=1, secret=NEW, ttl=timedelta(hours=1))
    assert await me(client, from_other_replica) == 200
