"""The task contract of SPEC §1/§3, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from tests.api.helpers import count, create, titles
from tests.support.app import sign_up
from tests.support.clock import days_ahead
from todo_chatbot.store.models import OutboxEvent, Task

Headers = dict[str, str]


async def test_create_returns_the_whole_normalised_task(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    due_day = days_ahead(40)
    task = await create(
        client,
        auth,
        title="  Pay   rent ",
        description="flat 4",
        priority="HIGH",
        tags=["#Home", "home", "Bills"],
        due=f"{due_day}T09:00:00-05:00",
        remind_at=f"{due_day}T08:30:00-05:00",
        recurrence="freq=monthly",
    )
    assert task["title"] == "Pay rent"
    assert task["priority"] == "high"
    assert task["tags"] == ["home", "bills"]
    assert task["due"] == f"{due_day}T09:00:00-05:00"
    assert task["remind_at"] == f"{due_day}T08:30:00-05:00"
    assert task["recurrence"] == f"FREQ=MONTHLY;BYMONTHDAY={due_day.day}"
    assert task["series_id"]
    assert task["completed"] is False and task["completed_at"] is None
    fetched = await client.get(f"/api/v1/tasks/{task['id']}", headers=auth)
    assert fetched.json() == task


async def test_all_day_due_reads_back_as_a_date(client: httpx.AsyncClient, auth: Headers) -> None:
    task = await create(client, auth, title="Pay rent", due="2026-12-01")
    assert task["due"] == "2026-12-01"
    assert task["series_id"] is None


BAD_BODIES = [
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": 5}, "title"),
    ({}, "title"),
    ({"title": "x", "priority": "urgent"}, "priority"),
    ({"title": "x", "tags": "work"}, "tags"),
    ({"title": "x", "tags": ["ok", "!!"]}, "tags"),
    ({"title": "x", "tags": [f"t{i}" for i in range(21)]}, "tags"),
    ({"title": "x", "due": "next week"}, "due"),
    ({"title": "x", "due": "2026-02-30"}, "due"),
    ({"title": "x", "due": "2026-11-24T10:00:00"}, "due"),
    ({"title": "x", "remind_at": "2026-11-24"}, "remind_at"),
    ({"title": "x", "recurrence": "EVERY DAY"}, "recurrence"),
    ({"title": "x", "recurrence": "FREQ=HOURLY"}, "recurrence"),
    ({"title": "x", "description": "d" * 4001}, "description"),
    ({"title": "x", "owner": 2}, "owner"),
    ({"title": "x", "id": 99}, "id"),
    ({"title": "x", "completed": True}, "completed"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES)
async def test_bad_create_is_422_naming_the_field_and_writes_nothing(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers, body: dict[str, Any], field: str
) -> None:
    response = await client.post("/api/v1/tasks", json=body, headers=auth)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in {detail["field"] for detail in error["details"]}
    assert field in error["message"]
    assert await count(app, Task) == 0
    assert await count(app, OutboxEvent) == 0


@pytest.mark.parametrize(
    "content", [b"{not json", b"", b"[1, 2]", b'"a string"', b"null", b'{"title": "x",}']
)
async def test_malformed_json_is_422(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers, content: bytes
) -> None:
    headers = {**auth, "Content-Type": "application/json"}
    response = await client.post("/api/v1/tasks", content=content, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["details"]
    assert await count(app, Task) == 0


async def test_body_over_one_mebibyte_is_413(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    body = b'{"title": "x", "description": "' + b"a" * (1024 * 1024) + b'"}'
    response = await client.post(
        "/api/v1/tasks", content=body, headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert await count(app, Task) == 0


async def test_streamed_body_over_the_limit_is_413(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    async def chunks() -> Any:
        for _ in range(5):
            yield b"a" * (300 * 1024)

    response = await client.post(
        "/api/v1/tasks", content=chunks(), headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


async def test_patch_changes_only_what_is_sent(client: httpx.AsyncClient, auth: Headers) -> None:
    task = await create(client, auth, title="Call mom", priority="low", tags=["family"])
    response = await client.patch(
        f"/api/v1/tasks/{task['id']}",
        json={"priority": "high", "due": "2026-11-24"},
        headers=auth,
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["priority"] == "high" and updated["due"] == "2026-11-24"
    assert updated["title"] == "Call mom" and updated["tags"] == ["family"]
    assert updated["updated_at"] >= task["updated_at"]
    cleared = await client.patch(
        f"/api/v1/tasks/{task['id']}", json={"due": None, "tags": []}, headers=auth
    )
    assert cleared.json()["due"] is None and cleared.json()["tags"] == []


@pytest.mark.parametrize(
    "body",
    [{"title": None}, {"title": ""}, {"priority": "p0"}, {"due": "soon"}, {"unknown": 1}],
)
async def test_bad_patch_is_422_and_changes_nothing(
    client: httpx.AsyncClient, auth: Headers, body: dict[str, Any]
) -> None:
    task = await create(client, auth, title="Keep me", priority="low")
    response = await client.patch(f"/api/v1/tasks/{task['id']}", json=body, headers=auth)
    assert response.status_code == 422
    after = await client.get(f"/api/v1/tasks/{task['id']}", headers=auth)
    assert after.json() == task


async def test_complete_and_reopen_are_idempotent(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    task = await create(client, auth, title="Water plants")
    events_before = await count(app, OutboxEvent)
    done = await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
    assert done.json()["completed"] is True and done.json()["completed_at"]
    again = await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
    assert again.json() == done.json()
    assert await count(app, OutboxEvent) == events_before + 2  # task-events + task-updates
    reopened = await client.post(f"/api/v1/tasks/{task['id']}/reopen", headers=auth)
    assert reopened.json()["completed"] is False and reopened.json()["completed_at"] is None


async def test_delete_then_404(client: httpx.AsyncClient, auth: Headers) -> None:
    task = await create(client, auth, title="Temporary", tags=["x"])
    assert (await client.delete(f"/api/v1/tasks/{task['id']}", headers=auth)).status_code == 204
    for method, suffix in [("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/complete")]:
        response = await client.request(
            method, f"/api/v1/tasks/{task['id']}{suffix}", headers=auth, json={}
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


async def test_every_change_writes_its_event_in_the_outbox(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    task = await create(client, auth, title="Audit me")
    await client.patch(f"/api/v1/tasks/{task['id']}", json={"priority": "high"}, headers=auth)
    await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
    await client.post(f"/api/v1/tasks/{task['id']}/reopen", headers=auth)
    await client.delete(f"/api/v1/tasks/{task['id']}", headers=auth)
    async with app.state.database.transaction() as session:
        rows = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()
        events = [(row.topic, row.event_type.rsplit(".", 1)[1], row.partition_key) for row in rows]
    kinds = ["created", "updated", "completed", "reopened", "deleted"]
    expected = [
        (topic, kind, str(task["id"]))
        for kind in kinds
        for topic in ("task-events", "task-updates")
    ]
    assert events == expected


async def test_other_users_tasks_are_404_never_403(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    task = await create(client, auth, title="Mine")
    intruder = await sign_up(client, "eve@example.com")
    for method, suffix in [
        ("GET", ""),
        ("PATCH", ""),
        ("DELETE", ""),
        ("POST", "/complete"),
        ("POST", "/reopen"),
    ]:
        response = await client.request(
            method, f"/api/v1/tasks/{task['id']}{suffix}", headers=intruder, json={"title": "x"}
        )
        assert response.status_code == 404, (method, suffix)
    assert await titles(client, intruder) == []
    still = await client.get(f"/api/v1/tasks/{task['id']}", headers=auth)
    assert still.json() == task


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic YTpi"},
        {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."},
    ],
)
async def test_task_routes_need_a_valid_token(client: httpx.AsyncClient, headers: Headers) -> None:
    for method, path in [("GET", "/api/v1/tasks"), ("POST", "/api/v1/tasks")]:
        response = await client.request(method, path, headers=headers, json={"title": "x"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"


async def test_wrong_method_and_unknown_route_use_the_error_shape(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    response = await client.put("/api/v1/tasks", headers=auth)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response.headers["allow"] == "GET, POST"
    one = await client.options("/api/v1/tasks/1", headers=auth)  # not /api/{user_id}/tasks/{id}
    assert one.status_code == 405
    assert one.headers["allow"] == "DELETE, GET, PATCH"
    missing = await client.get("/api/v1/nothing-here", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad_id = await client.get("/api/v1/tasks/abc", headers=auth)
    assert bad_id.status_code == 422
    assert bad_id.json()["error"]["details"][0]["field"] == "task_id"


async def seed(client: httpx.AsyncClient, auth: Headers) -> dict[str, int]:
    """Five tasks whose dues stand around one day, `BASE`, well clear of today: one in the past
    (overdue), one at 15:00 on BASE (New York), one all-day on the day after BASE."""
    specs = [
        {"title": "Buy milk", "priority": "low", "tags": ["home", "errand"], "due": day(1)},
        {"title": "file taxes", "priority": "high", "tags": ["home"], "due": "2020-01-15"},
        {
            "title": "Call Bob",
            "priority": "medium",
            "description": "about the milk order",
            "due": f"{day(0)}T15:00:00-05:00",
        },
        {"title": "Alpha project", "priority": "high", "tags": ["work"]},
        {"title": "Zebra notes", "priority": "low"},
    ]
    ids = {}
    for spec in specs:
        ids[spec["title"]] = (await create(client, auth, **spec))["id"]
    await client.post(f"/api/v1/tasks/{ids['Zebra notes']}/complete", headers=auth)
    return ids


def day(offset: int) -> str:
    """BASE (ten days after today) plus `offset` days, as YYYY-MM-DD."""
    return days_ahead(10 + offset).isoformat()


async def test_list_filters(client: httpx.AsyncClient, auth: Headers) -> None:
    await seed(client, auth)
    assert sorted(await titles(client, auth, "q=milk")) == ["Buy milk", "Call Bob"]
    assert await titles(client, auth, "q=MILK%20order") == ["Call Bob"]
    assert await titles(client, auth, "q=100%25") == []
    assert sorted(await titles(client, auth, "tag=home")) == ["Buy milk", "file taxes"]
    assert await titles(client, auth, "tag=home&tag=errand") == ["Buy milk"]
    assert sorted(await titles(client, auth, "priority=high")) == ["Alpha project", "file taxes"]
    assert await titles(client, auth, "status=completed") == ["Zebra notes"]
    assert "Zebra notes" not in await titles(client, auth, "status=pending")
    assert len(await titles(client, auth, "status=all")) == 5
    assert await titles(client, auth, "overdue=true") == ["file taxes"]
    assert sorted(await titles(client, auth, f"due_before={day(0)}")) == ["Call Bob", "file taxes"]
    assert sorted(await titles(client, auth, f"due_after={day(1)}")) == ["Buy milk"]
    assert await titles(client, auth, f"due_after={day(0)}T16:00:00-05:00") == ["Buy milk"]
    assert await titles(client, auth, f"due_before={day(0)}T14:00:00-05:00") == ["file taxes"]
    # Two lists of one shape (the statement is built once) still read their own values.
    assert sorted(await titles(client, auth, "tag=work")) == ["Alpha project"]
    assert sorted(await titles(client, auth, "q=zebra")) == ["Zebra notes"]


async def test_sort_orders_with_nulls_last_both_ways(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    await seed(client, auth)
    by_due = await titles(client, auth, "sort=due")
    assert by_due[:3] == ["file taxes", "Call Bob", "Buy milk"]
    assert set(by_due[3:]) == {"Alpha project", "Zebra notes"}
    by_due_desc = await titles(client, auth, "sort=due&order=desc")
    assert by_due_desc[:3] == ["Buy milk", "Call Bob", "file taxes"]
    by_title = await titles(client, auth, "sort=title")
    assert by_title == ["Alpha project", "Buy milk", "Call Bob", "file taxes", "Zebra notes"]
    by_priority = await titles(client, auth, "sort=priority&order=desc")
    assert set(by_priority[:2]) == {"file taxes", "Alpha project"}
    assert set(by_priority[3:]) == {"Buy milk", "Zebra notes"}
    assert await titles(client, auth, "sort=created") == [
        "Buy milk",
        "file taxes",
        "Call Bob",
        "Alpha project",
        "Zebra notes",
    ]


async def test_pagination_reports_total(client: httpx.AsyncClient, auth: Headers) -> None:
    for index in range(7):
        await create(client, auth, title=f"Task {index}")
    pages = []
    for offset in (0, 3, 6):
        response = await client.get(
            f"/api/v1/tasks?sort=created&limit=3&offset={offset}", headers=auth
        )
        body = response.json()
        assert body["total"] == 7 and body["limit"] == 3 and body["offset"] == offset
        pages.append([item["title"] for item in body["items"]])
    assert pages == [["Task 0", "Task 1", "Task 2"], ["Task 3", "Task 4", "Task 5"], ["Task 6"]]
    past_the_end = await client.get("/api/v1/tasks?limit=3&offset=9", headers=auth)
    assert past_the_end.json()["items"] == [] and past_the_end.json()["total"] == 7
    none_match = await client.get("/api/v1/tasks?tag=nowhere", headers=auth)
    assert none_match.json()["items"] == [] and none_match.json()["total"] == 0


async def test_reads_keep_tags_in_the_order_given(client: httpx.AsyncClient, auth: Headers) -> None:
    """Get and list fold the tags into the task's own row; the order given survives."""
    task = await create(client, auth, title="Tagged", tags=["zeta", "alpha", "mid"])
    await create(client, auth, title="Untagged")
    got = (await client.get(f"/api/v1/tasks/{task['id']}", headers=auth)).json()
    assert got["tags"] == ["zeta", "alpha", "mid"]
    listed = (await client.get("/api/v1/tasks?sort=created", headers=auth)).json()["items"]
    assert [item["tags"] for item in listed] == [["zeta", "alpha", "mid"], []]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=done", "status"),
        ("priority=p1", "priority"),
        ("sort=colour", "sort"),
        ("order=up", "order"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("overdue=maybe", "overdue"),
        ("due_before=tomorrow", "due_before"),
        ("tag=!!", "tag"),
    ],
)
async def test_bad_list_parameters_are_422(
    client: httpx.AsyncClient, auth: Headers, query: str, field: str
) -> None:
    response = await client.get(f"/api/v1/tasks?{query}", headers=auth)
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
