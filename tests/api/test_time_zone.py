"""A user's time zone: stored through /api/v1/me/preferences, and "today", "overdue" and
"upcoming" counted in it by the SQL (on SQLite and PostgreSQL) exactly as the domain says."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from fastapi import FastAPI

from tests.api.helpers import Headers, create
from todo_chatbot.domain.days import is_overdue, zone
from todo_chatbot.domain.queries import TaskQuery
from todo_chatbot.domain.tasks import parse_due
from todo_chatbot.store.repositories import tasks as repo

# 20:00 UTC on 1 March 2027 is 06:00 on 2 March in Brisbane (UTC+10).
NOW = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)
DUES = {
    "yesterday there": "2027-03-01",  # overdue in Brisbane; still today in UTC
    "today there": "2027-03-02",
    "early this morning there": "2027-03-02T05:00:00+10:00",  # passed
    "tonight there": "2027-03-02T22:47:00+10:00",
    "in a week there": "2027-03-09",
    "in eight days there": "2027-03-10",
}


async def test_preferences_read_and_change_the_time_zone(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    got = await client.get("/api/v1/me/preferences", headers=auth)
    assert got.status_code == 200 and got.json() == {"time_zone": "UTC"}
    changed = await client.patch(
        "/api/v1/me/preferences", json={"time_zone": "Australia/Brisbane"}, headers=auth
    )
    assert changed.status_code == 200 and changed.json() == {"time_zone": "Australia/Brisbane"}
    got = await client.get("/api/v1/me/preferences", headers=auth)
    assert got.json() == {"time_zone": "Australia/Brisbane"}


async def test_bad_preferences_are_422_naming_each_field(
    client: httpx.AsyncClient, auth: Headers
) -> None:
    for body, field in [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": ""}, "time_zone"),
        ({"time_zone": 10}, "time_zone"),
        ({"colour": "red"}, "colour"),
    ]:
        response = await client.patch("/api/v1/me/preferences", json=body, headers=auth)
        assert response.status_code == 422, body
        fields = [d["field"] for d in response.json()["error"]["details"]]
        assert any(f.endswith(field) for f in fields), (body, fields)
    bad_window = await client.get("/api/v1/tasks?when=someday", headers=auth)
    assert bad_window.status_code == 422
    assert bad_window.json()["error"]["details"][0]["field"].endswith("when")
    assert (await client.get("/api/v1/me/preferences")).status_code == 401


async def _titles(app: FastAPI, user_id: int, time_zone: str, **query: object) -> set[str]:
    async with app.state.database.transaction() as session:
        items, _ = await repo.list_for_user(
            session,
            user_id=user_id,
            query=TaskQuery.model_validate({"limit": 200, **query}),
            now=NOW,
            zone=zone(time_zone),
        )
    return {task.title for task in items}


async def test_the_sql_counts_days_in_the_users_zone_as_the_domain_does(
    app: FastAPI, client: httpx.AsyncClient, auth: Headers
) -> None:
    for title, due in DUES.items():
        await create(client, auth, title=title, due=due)
    user_id = (await client.get("/api/v1/auth/me", headers=auth)).json()["id"]
    brisbane = zone("Australia/Brisbane")

    overdue = await _titles(app, user_id, "Australia/Brisbane", overdue=True)
    assert overdue == {"yesterday there", "early this morning there"}
    assert overdue == {
        title
        for title, due in DUES.items()
        if is_overdue(parse_due(due), completed=False, now=NOW, where=brisbane)
    }
    assert await _titles(app, user_id, "UTC", overdue=True) == {"early this morning there"}

    today = await _titles(app, user_id, "Australia/Brisbane", when="today")
    assert today == {"today there", "early this morning there", "tonight there"}
    # In UTC it is still 1 March, and 22:47 in Brisbane is 12:47 UTC tomorrow.
    assert await _titles(app, user_id, "UTC", when="today") == {
        "yesterday there",
        "early this morning there",
    }
    upcoming = await _titles(app, user_id, "Australia/Brisbane", when="upcoming")
    assert upcoming == {"in a week there"}

    # Date bounds are local days too: "due on 2 March" in Brisbane.
    on_the_second = await _titles(
        app, user_id, "Australia/Brisbane", due_after="2027-03-02", due_before="2027-03-02"
    )
    assert on_the_second == today
    assert date(2027, 3, 2) == NOW.astimezone(brisbane).date()
