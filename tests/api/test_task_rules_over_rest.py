"""Task rules as REST clients meet them: values that used to reach the database or loop a
worker are refused with 422 naming the field; null clears; moving a due keeps its time."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.api.helpers import count, create, titles
from tests.support.clock import days_ahead, next_weekday, today
from todo_chatbot.store.models import OutboxEvent, Task

Headers = dict[str, str]
TOO_BIG = "99999999999999999999"  # beyond a 64-bit id


def fields_named(response: httpx.Response) -> set[str]:
    assert response.status_code == 422, response.text
    return {detail["field"] for detail in response.json()["error"]["details"]}


async def test_every_bad_field_is_named_even_when_one_has_the_wrong_type(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    body = {"title": 5, "priority": "urgent", "due": "someday", "tags": "home", "colour": 1}
    response = await client.post("/api/v1/tasks", json=body, headers=auth)
    assert fields_named(response) == {"title", "priority", "due", "tags", "colour"}
    assert await count(app, Task) == 0


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=YEARLY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=-1",
        "FREQ=DAILY;INTERVAL=99999999999999999999",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=DAILY;BYYEARDAY=366",
    ],
)
async def test_rules_that_could_loop_or_never_occur_are_refused(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers, rule: str
) -> None:
    body = {"title": "x", "due": "2030-01-31", "recurrence": rule}
    response = await client.post("/api/v1/tasks", json=body, headers=auth)
    assert fields_named(response) == {"recurrence"}
    assert await count(app, Task) == 0


async def test_a_rule_that_ends_before_its_due_is_refused(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    for rule in ("FREQ=DAILY;UNTIL=20200101", "FREQ=DAILY;COUNT=1"):
        response = await client.post(
            "/api/v1/tasks",
            json={"title": "x", "due": "2030-01-31", "recurrence": rule},
            headers=auth,
        )
        assert fields_named(response) == {"recurrence"}
        assert "never repeats" in response.text


async def test_a_repeating_task_without_a_due_starts_on_its_first_day(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    every_monday = await create(client, auth, title="Bins", recurrence="FREQ=WEEKLY;BYDAY=MO")
    assert every_monday["due"] == next_weekday(today(), 0).isoformat()
    daily = await create(client, auth, title="Stretch", recurrence="FREQ=DAILY")
    assert daily["due"] == today().isoformat()
    recurring = await create(
        client, auth, title="Rent", due=str(days_ahead(3)), recurrence="FREQ=DAILY"
    )
    cleared = await client.patch(
        f"/api/v1/tasks/{recurring['id']}", json={"due": None}, headers=auth
    )
    assert fields_named(cleared) == {"due"}  # the rule needs its anchor


@pytest.mark.parametrize("field", ["due", "remind_at"])
@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
async def test_instants_past_the_calendars_edge_are_422(
    client: httpx.AsyncClient, auth: Headers, field: str, value: str
) -> None:
    response = await client.post("/api/v1/tasks", json={"title": "x", field: value}, headers=auth)
    assert fields_named(response) == {field}


@pytest.mark.parametrize("name", ["due_before", "due_after", "completed_after", "completed_before"])
async def test_list_bounds_past_the_calendars_edge_are_422(
    client: httpx.AsyncClient, auth: Headers, name: str
) -> None:
    response = await client.get(
        "/api/v1/tasks", params={name: "0001-01-01T00:00:00+14:00"}, headers=auth
    )
    assert fields_named(response) == {name}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "a\ud800b"}, "title"),
        ({"title": "ok", "description": "x\udfffy"}, "description"),
        ({"title": "ok", "tags": ["a\ud800"]}, "tags"),
        ({"title": "a\u0000b"}, "title"),
        ({"title": "ok", "description": "nul\u0000"}, "description"),
        ({"title": "ok", "recurrence": "FREQ=DAILY\u0000"}, "recurrence"),
    ],
)
async def test_surrogates_and_control_characters_are_422(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers, body: dict[str, Any], field: str
) -> None:
    # JSON may carry a lone surrogate as an escape (\ud800), which no encoder would write.
    raw = json.dumps(body).encode()
    headers = {**auth, "Content-Type": "application/json"}
    response = await client.post("/api/v1/tasks", content=raw, headers=headers)
    assert fields_named(response) == {field}
    assert await count(app, Task) == 0
    search = await client.get("/api/v1/tasks", params={"q": "a\u0000b"}, headers=auth)
    assert fields_named(search) == {"q"}


async def test_ids_beyond_64_bits_are_422_on_every_id_route(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    me = (await client.get("/api/v1/auth/me", headers=auth)).json()["id"]
    routes = [
        ("GET", f"/api/v1/tasks/{TOO_BIG}"),
        ("PATCH", f"/api/v1/tasks/{TOO_BIG}"),
        ("DELETE", f"/api/v1/tasks/{TOO_BIG}"),
        ("POST", f"/api/v1/tasks/{TOO_BIG}/complete"),
        ("POST", f"/api/v1/tasks/{TOO_BIG}/reopen"),
        ("GET", f"/api/{me}/tasks/{TOO_BIG}"),
        ("PUT", f"/api/{me}/tasks/{TOO_BIG}"),
        ("DELETE", f"/api/{me}/tasks/{TOO_BIG}"),
        ("PATCH", f"/api/{me}/tasks/{TOO_BIG}/complete"),
    ]
    for method, path in routes:
        response = await client.request(method, path, headers=auth, json={"title": "x"})
        assert fields_named(response) == {"task_id"}, (method, path)


async def test_a_reminder_in_the_past_is_refused(client: httpx.AsyncClient, auth: Headers) -> None:
    response = await client.post(
        "/api/v1/tasks",
        json={"title": "x", "remind_at": f"{today() - timedelta(days=1)}T09:00:00Z"},
        headers=auth,
    )
    assert fields_named(response) == {"remind_at"}
    assert "in the past" in response.text


async def test_null_clears_every_optional_field(client: httpx.AsyncClient, auth: Headers) -> None:
    day = days_ahead(5)
    task = await create(
        client,
        auth,
        title="Gym",
        description="legs",
        tags=["health"],
        due=f"{day}T18:00:00+01:00",
        remind_at=f"{day}T17:00:00+01:00",
        recurrence="FREQ=WEEKLY",
    )
    cleared = await client.patch(
        f"/api/v1/tasks/{task['id']}",
        json={"recurrence": None, "remind_at": None, "description": None, "tags": None},
        headers=auth,
    )
    assert cleared.status_code == 200, cleared.text
    body = cleared.json()
    assert (body["recurrence"], body["remind_at"], body["description"], body["tags"]) == (
        None,
        None,
        "",
        [],
    )
    no_due = await client.patch(f"/api/v1/tasks/{task['id']}", json={"due": None}, headers=auth)
    assert no_due.json()["due"] is None
    for required in ("title", "priority"):
        refused = await client.patch(
            f"/api/v1/tasks/{task['id']}", json={required: None}, headers=auth
        )
        assert fields_named(refused) == {required}


async def test_moving_a_due_to_another_day_keeps_its_time_and_moves_its_reminder(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    thursday = next_weekday(days_ahead(7), 3)
    friday = thursday + timedelta(days=1)
    task = await create(
        client,
        auth,
        title="Dentist",
        due=f"{thursday}T14:00:00-05:00",
        remind_at=f"{thursday}T13:00:00-05:00",
    )
    moved = await client.patch(
        f"/api/v1/tasks/{task['id']}", json={"due": str(friday)}, headers=auth
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["due"] == f"{friday}T14:00:00-05:00"
    assert moved.json()["remind_at"] == f"{friday}T13:00:00-05:00"
    all_day = await create(
        client, auth, title="Pay rent", due=str(thursday), remind_at=f"{thursday}T08:00:00+00:00"
    )
    later = await client.patch(
        f"/api/v1/tasks/{all_day['id']}", json={"due": str(friday)}, headers=auth
    )
    assert later.json()["due"] == str(friday)
    assert later.json()["remind_at"] == f"{friday}T08:00:00Z"


async def test_completed_after_and_before_filter_by_completion_time(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    done = await create(client, auth, title="Done today")
    await create(client, auth, title="Still open")
    await client.post(f"/api/v1/tasks/{done['id']}/complete", headers=auth)
    assert await titles(client, auth, f"completed_after={today()}") == ["Done today"]
    assert await titles(client, auth, f"completed_before={today() - timedelta(days=1)}") == []
    assert await titles(client, auth, f"completed_before={today()}") == ["Done today"]


async def test_complete_of_a_once_looping_rule_no_longer_hangs_the_server(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    """The rule that froze the server is refused; a valid one completes and rolls over."""
    refused = await client.post(
        "/api/v1/tasks",
        json={"title": "x", "due": "2030-01-31", "recurrence": "FREQ=DAILY;INTERVAL=0"},
        headers=auth,
    )
    assert fields_named(refused) == {"recurrence"}
    task = await create(
        client, auth, title="x", due="2030-01-31", recurrence="FREQ=MONTHLY;INTERVAL=1"
    )
    done = await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
    assert done.status_code == 200
    assert (await client.get("/health")).status_code == 200
    assert await count(app, OutboxEvent) == 4
