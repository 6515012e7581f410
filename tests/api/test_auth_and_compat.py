"""Accounts, tokens, and the hackathon compatibility routes."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.support.app import TEST_SECRET, sign_up
from todo_chatbot.security import issue_token

Headers = dict[str, str]


async def test_register_login_me(client: httpx.AsyncClient) -> None:
    registered = await client.post(
        "/api/v1/auth/register",
        json={"email": " Ada@Example.com ", "password": "correct horse", "name": "Ada"},
    )
    assert registered.status_code == 201
    user = registered.json()["user"]
    assert user["email"] == "ada@example.com" and user["name"] == "Ada"
    assert "password" not in registered.text and "hash" not in registered.text
    login = await client.post(
        "/api/v1/auth/login", json={"email": "ADA@example.com", "password": "correct horse"}
    )
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer" and body["user"] == user
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json() == user


async def test_duplicate_email_is_409(client: httpx.AsyncClient) -> None:
    await sign_up(client, "bob@example.com")
    again = await client.post(
        "/api/v1/auth/register", json={"email": "BOB@example.com", "password": "another pass"}
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "password": "long enough"}, "email"),
        ({"email": "a@b.co", "password": "short"}, "password"),
        ({"email": "a@b.co"}, "password"),
        ({"email": "a@b.co", "password": "long enough", "admin": True}, "admin"),
        ({"email": 5, "password": "long enough"}, "email"),
    ],
)
async def test_bad_registration_is_422(
    client: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    response = await client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 422
    assert field in {d["field"] for d in response.json()["error"]["details"]}


@pytest.mark.parametrize(
    "body",
    [
        {"email": "ada@example.com", "password": "wrong password"},
        {"email": "nobody@example.com", "password": "correct horse battery"},
    ],
)
async def test_bad_login_is_401_without_saying_which_part(
    client: httpx.AsyncClient, body: dict[str, str]
) -> None:
    await sign_up(client, "ada@example.com")
    response = await client.post("/api/v1/auth/login", json=body)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "wrong email or password"


async def test_expired_forged_and_wrong_audience_tokens_are_401(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    me = await client.get("/api/v1/auth/me", headers=auth)
    user_id = me.json()["id"]
    tokens = [
        issue_token(subject=user_id, secret=TEST_SECRET, ttl=timedelta(seconds=-5)),
        issue_token(subject=user_id, secret="another-secret-" + "y" * 40, ttl=timedelta(hours=1)),
        issue_token(
            subject=user_id, secret=TEST_SECRET, ttl=timedelta(hours=1), audience="todo-mcp"
        ),
    ]
    for token in tokens:
        response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


async def me_id(client: httpx.AsyncClient, auth: Headers) -> int:
    return int((await client.get("/api/v1/auth/me", headers=auth)).json()["id"])


async def test_compat_routes_cover_the_hackathon_contract(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    base = f"/api/{await me_id(client, auth)}/tasks"
    created = await client.post(base, json={"title": "Buy milk", "description": "2l"}, headers=auth)
    assert created.status_code == 201
    task_id = created.json()["id"]
    listed = await client.get(base, headers=auth)
    assert [t["title"] for t in listed.json()] == ["Buy milk"]
    replaced = await client.put(
        f"{base}/{task_id}", json={"title": "Buy oat milk", "description": ""}, headers=auth
    )
    assert replaced.json()["title"] == "Buy oat milk"
    toggled = await client.patch(f"{base}/{task_id}/complete", headers=auth)
    assert toggled.json()["completed"] is True
    toggled_back = await client.patch(f"{base}/{task_id}/complete", headers=auth)
    assert toggled_back.json()["completed"] is False
    assert (await client.get(f"{base}/{task_id}", headers=auth)).json()["title"] == "Buy oat milk"
    assert (await client.delete(f"{base}/{task_id}", headers=auth)).status_code == 204
    assert (await client.get(f"{base}/{task_id}", headers=auth)).status_code == 404


async def test_compat_routes_refuse_another_users_id_with_403(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    other = await sign_up(client, "eve@example.com")
    owner_id = await me_id(client, auth)
    created = await client.post(f"/api/{owner_id}/tasks", json={"title": "Mine"}, headers=auth)
    task_id = created.json()["id"]
    for method, suffix in [
        ("GET", ""),
        ("POST", ""),
        ("GET", f"/{task_id}"),
        ("DELETE", f"/{task_id}"),
    ]:
        response = await client.request(
            method, f"/api/{owner_id}/tasks{suffix}", headers=other, json={"title": "x"}
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    # With their own id, the task is simply not theirs: 404.
    own = f"/api/{await me_id(client, other)}/tasks/{task_id}"
    assert (await client.get(own, headers=other)).status_code == 404
