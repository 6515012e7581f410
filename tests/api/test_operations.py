"""Health, readiness, metrics and request ids."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.support.serving import serving
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import Settings


async def test_health_does_no_io(app: FastAPI, client: httpx.AsyncClient) -> None:
    await app.state.database.dispose()
    app.state.database.engine.pool.dispose()
    response = await client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_ready_checks_the_database(app: FastAPI, client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}

    async def broken() -> None:
        raise ConnectionError("database is gone")

    app.state.readiness_checks["database"] = broken
    failing = await client.get("/ready")
    assert failing.status_code == 503
    assert failing.json()["checks"] == {"database": "failing"}


async def test_metrics_count_requests_by_route_template_and_status(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    def sample(text: str, route: str, status: str) -> float:
        prefix = f'http_requests_total{{method="GET",route="{route}",status="{status}"}} '
        for line in text.splitlines():
            if line.startswith(prefix):
                return float(line.removeprefix(prefix))
        return 0.0

    before = (await client.get("/metrics")).text
    for task_id in (101, 102, 103):
        await client.get(f"/api/v1/tasks/{task_id}", headers=auth)
    after = await client.get("/metrics")
    assert after.headers["content-type"].startswith("text/plain")
    route = "/api/v1/tasks/{task_id}"
    assert sample(after.text, route, "404") - sample(before, route, "404") == 3
    assert "http_request_duration_seconds_bucket" in after.text
    assert 'route="/api/v1/tasks/101"' not in after.text


async def test_request_id_is_echoed_or_made_up(client: httpx.AsyncClient) -> None:
    given = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    hostile = await client.get("/health", headers={"X-Request-ID": "bad id; <script>" * 20})
    assert hostile.headers["x-request-id"] != "bad id"
    assert len(hostile.headers["x-request-id"]) == 32


async def test_openapi_docs_are_served(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    assert "/api/v1/tasks" in schema["paths"]
    assert (await client.get("/docs")).status_code == 200


async def test_after_a_500_the_client_is_told_to_close_and_the_next_request_works(
    settings: Settings,
) -> None:
    """A real server drops the connection after an unhandled error; `Connection: close`
    tells the client, so its next request opens a new connection instead of failing."""
    app = create_app(settings)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    async with serving(app) as base, httpx.AsyncClient(base_url=base) as http:
        assert (await http.get("/health")).status_code == 200  # the connection is open
        failed = await http.get("/boom")
        assert failed.status_code == 500
        assert failed.headers["connection"] == "close"
        assert failed.json()["error"]["code"] == "internal_error"
        assert "a bug" not in failed.text
        assert (await http.get("/health")).status_code == 200
