"""Steps the REST tests share: create a task, list titles, count rows."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

Headers = dict[str, str]


async def count(app: FastAPI, model: type[Any]) -> int:
    async with app.state.database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def create(client: httpx.AsyncClient, auth: Headers, **fields: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/tasks", json=fields, headers=auth)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def titles(client: httpx.AsyncClient, auth: Headers, query: str = "") -> list[str]:
    response = await client.get(f"/api/v1/tasks?{query}", headers=auth)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]
