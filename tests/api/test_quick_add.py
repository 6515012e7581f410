"""POST /api/v1/tasks/parse: the quick-add box's reading of a line, nothing saved."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.api.helpers import titles
from tests.support.clock import midday_offset

Headers = dict[str, str]


async def parse(client: httpx.AsyncClient, auth: Headers, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/tasks/parse", json=body, headers=auth)
    assert response.status_code == 200, response.text
    parsed: dict[str, Any] = response.json()
    return parsed


async def test_a_line_is_read_into_task_fields_and_nothing_is_saved(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    before = await titles(client, auth)
    offset, zone = midday_offset()
    parsed = await parse(
        client, auth, text="pay rent tomorrow at 7am every month #home !!", timezone=offset
    )
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    assert parsed["title"] == "pay rent"
    assert parsed["priority"] == "high" and parsed["tags"] == ["home"]
    due = datetime.fromisoformat(parsed["due"])
    assert due.date() == tomorrow and due.hour == 7
    assert due.utcoffset() == zone.utcoffset(None)
    assert parsed["recurrence"].startswith("FREQ=MONTHLY")
    assert parsed["recurrence_text"].startswith("every month")
    assert parsed["question"] is None
    assert await titles(client, auth) == before


@pytest.mark.parametrize(("locale", "month", "day"), [("en-GB", 12, 3), ("en-US", 3, 12)])
async def test_day_and_month_follow_the_locale(
    client: httpx.AsyncClient, auth: Headers, locale: str, month: int, day: int
) -> None:
    parsed = await parse(client, auth, text="send the invoice on 3/12", locale=locale)
    due = date.fromisoformat(parsed["due"])
    assert (due.month, due.day) == (month, day)
    assert parsed["title"] == "send the invoice"


async def test_a_reminder_before_an_unknown_due_asks_back(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    parsed = await parse(client, auth, text="dentist, remind me 1 hour before")
    assert parsed["question"] and parsed["remind_at"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": 7}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": "x", "timezone": "Mars/Olympus"}, "timezone"),
        ({"text": "x", "locale": "not a locale!"}, "locale"),
        ({"text": "x", "locale": "e"}, "locale"),
        ({"text": "x", "extra": 1}, "extra"),
    ],
)
async def test_bad_bodies_get_422_naming_the_field(
    client: httpx.AsyncClient, auth: Headers, body: dict[str, Any], field: str
) -> None:
    response = await client.post("/api/v1/tasks/parse", json=body, headers=auth)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert field in {detail["field"] for detail in details}


async def test_parsing_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/tasks/parse", json={"text": "buy milk"})
    assert response.status_code == 401


async def test_other_methods_get_405_not_the_task_routes(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    for method in ("GET", "PATCH", "PUT", "DELETE"):
        response = await client.request(method, "/api/v1/tasks/parse", headers=auth, json={})
        assert response.status_code == 405, method
        assert response.headers["allow"] == "POST"
