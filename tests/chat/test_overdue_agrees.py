"""A UTC+10 user: REST `?overdue=true`, the MCP `list_tasks` tool (behind chat) and the chat
reply to "what's overdue?" name the same tasks, counted in the user's own days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.chat.helpers import Headers

BRISBANE = ZoneInfo("Australia/Brisbane")


async def _titles(client: httpx.AsyncClient, auth: Headers, **params: str) -> set[str]:
    response = await client.get("/api/v1/tasks", params=params, headers=auth)
    assert response.status_code == 200, response.text
    return {item["title"] for item in response.json()["items"]}


async def test_overdue_means_one_thing_for_a_utc_plus_ten_user(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    changed = await client.patch(
        "/api/v1/me/preferences", json={"time_zone": "Australia/Brisbane"}, headers=auth
    )
    assert changed.status_code == 200
    now = datetime.now(UTC)
    today_there = now.astimezone(BRISBANE).date()
    dues = {
        "pay rent": (today_there - timedelta(days=1)).isoformat(),
        "call bank": (now - timedelta(hours=1)).astimezone(BRISBANE).isoformat(),
        "water plants": today_there.isoformat(),
        "book dentist": (today_there + timedelta(days=3)).isoformat(),
    }
    for title, due in dues.items():
        response = await client.post(
            "/api/v1/tasks", json={"title": title, "due": due}, headers=auth
        )
        assert response.status_code == 201, response.text

    overdue = await _titles(client, auth, overdue="true")
    assert overdue == {"pay rent", "call bank"}
    assert await _titles(client, auth, when="today") >= {"water plants"}
    assert "book dentist" in await _titles(client, auth, when="upcoming")

    reply = await client.post("/api/v1/chat", json={"message": "what's overdue?"}, headers=auth)
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    [call] = body["tool_calls"]
    assert call["tool"] == "list_tasks" and call["args"].get("overdue") is True
    assert {item["title"] for item in call["result"]["items"]} == overdue
    text = body["response"].lower()
    assert "pay rent" in text and "call bank" in text
    assert "water plants" not in text and "book dentist" not in text
