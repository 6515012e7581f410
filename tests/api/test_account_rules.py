"""Accounts: what a password and an email may be, sign-in throttling, hashing off the loop,
and the embedded database's file mode."""

from __future__ import annotations

import asyncio
import stat
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from tests.support.app import PASSWORD, make_settings, sign_up
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import AppEnv, Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 8, "whitespace"),
        ("\t \n \t \n  ", "control"),
        ("\x00" * 8, "control"),
        ("good pass\x07word", "control"),
        ("password", "common"),
        ("Password", "common"),
        ("12345678", "common"),
        ("qwertyuiop", "common"),
    ],
)
async def test_weak_or_malformed_passwords_are_refused(
    client: httpx.AsyncClient, password: str, reason: str
) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "ada@example.com", "password": password}
    )
    assert response.status_code == 422, response.text
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "password" and reason in detail["message"]


@pytest.mark.parametrize(
    "email",
    [
        "a@b.c\u0000",
        "ada\u0007@example.com",
        "ada@",
        "@example.com",
        "ada@exa mple.com",
        "ada@@example.com",
    ],
)
async def test_malformed_emails_are_refused(client: httpx.AsyncClient, email: str) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == ["email"]


async def test_both_bad_fields_are_named_at_once(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "nope", "password": "password"}
    )
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {"email", "password"}


async def test_an_unusual_but_valid_email_and_passphrase_are_accepted(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "ada.lovelace+todo@mail.example.org", "password": "été à la plage 2031"},
    )
    assert response.status_code == 201, response.text


@pytest.fixture
async def strict_app(db_url: str, tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        db_url,
        tmp_path,
        login_attempts_per_account=3,
        login_attempts_per_address=5,
        login_window_seconds=600,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def _client(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _login(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await http.post("/api/v1/auth/login", json={"email": email, "password": password})


async def test_failed_sign_ins_are_throttled_per_account(strict_app: FastAPI) -> None:
    async with (
        _client(strict_app, "10.0.0.1") as first,
        _client(strict_app, "10.0.0.2") as second,
    ):
        await sign_up(first, "ada@example.com")
        for _ in range(3):
            assert (await _login(first, "ada@example.com", "wrong guess")).status_code == 401
        refused = await _login(second, "ada@example.com", "wrong guess")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 600
        assert refused.json()["error"]["code"] == "too_many_requests"
        # Even the right password waits: the account is locked for the window.
        assert (await _login(second, "ada@example.com", PASSWORD)).status_code == 429
        # Another account is not affected.
        await sign_up(second, "bob@example.com")
        assert (await _login(second, "bob@example.com", PASSWORD)).status_code == 200


async def test_failed_sign_ins_are_throttled_per_address(strict_app: FastAPI) -> None:
    async with (
        _client(strict_app, "10.0.0.3") as attacker,
        _client(strict_app, "10.0.0.4") as someone,
    ):
        await sign_up(someone, "carol@example.com")
        for index in range(5):
            response = await _login(attacker, f"user{index}@example.com", "wrong guess")
            assert response.status_code == 401
        assert (await _login(attacker, "carol@example.com", PASSWORD)).status_code == 429
        registering = await attacker.post(
            "/api/v1/auth/register", json={"email": "new@example.com", "password": PASSWORD}
        )
        assert registering.status_code == 429 and "Retry-After" in registering.headers
        # The account itself is fine from elsewhere.
        assert (await _login(someone, "carol@example.com", PASSWORD)).status_code == 200


async def test_a_success_forgets_the_account_s_failures(strict_app: FastAPI) -> None:
    async with _client(strict_app, "10.0.0.5") as http:
        await sign_up(http, "dan@example.com")
        for _ in range(2):
            await _login(http, "dan@example.com", "wrong guess")
        assert (await _login(http, "dan@example.com", PASSWORD)).status_code == 200
        for _ in range(2):
            assert (await _login(http, "dan@example.com", "wrong guess")).status_code == 401


async def test_hashing_does_not_stall_other_requests(
    client: httpx.AsyncClient,
) -> None:
    """While several sign-ins hash, /health keeps answering at once."""
    await sign_up(client, "erin@example.com")
    logins = [
        asyncio.create_task(_login(client, "erin@example.com", "wrong guess")) for _ in range(4)
    ]
    await asyncio.sleep(0.05)  # the logins are now hashing
    started = time.perf_counter()
    health = await client.get("/health")
    answered_in = time.perf_counter() - started
    results = await asyncio.gather(*logins)
    assert health.status_code == 200
    assert all(result.status_code == 401 for result in results)
    # On the loop, four argon2 checks would hold /health for 4 times 0.1-0.5 s.
    assert answered_in < 0.15, answered_in


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_embedded_database_is_private_to_its_owner(tmp_path: Path) -> None:
    settings = Settings(app_env=AppEnv.embedded, data_dir=tmp_path / "data")
    settings.signing_secret()
    run_migrations(settings.async_database_url)
    database = Database(settings.async_database_url)
    try:
        await database.ping()
    finally:
        await database.dispose()
    data = tmp_path / "data"
    assert _mode(data) == 0o700
    assert _mode(data / "jwt_secret") == 0o600
    assert _mode(data / "todo.db") == 0o600
