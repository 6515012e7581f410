"""Notifier side effects beyond the stored notification: the webhook and the live stream."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY

from tests.events import driving
from tests.events.helpers import eventually, follow_stream, processed_count
from tests.support.app import make_settings, sign_up
from tests.support.serving import serving
from todo_chatbot.api.app import create_app
from todo_chatbot.bus.base import RetryPolicy
from todo_chatbot.domain.wording import NO_DUE
from todo_chatbot.services.inbox import apply_once
from todo_chatbot.store.db import Database
from todo_chatbot.workers.background import in_process_workers
from todo_chatbot.workers.webhook import WebhookSender, slack_payload

QUICK = RetryPolicy(attempts=3, base_delay=0.01)


def webhook_server(failures: int) -> tuple[httpx.MockTransport, list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    attempts = iter(range(1_000))

    def answer(request: httpx.Request) -> httpx.Response:
        if next(attempts) < failures:
            return httpx.Response(503)
        received.append(json.loads(request.content))
        return httpx.Response(200, text="ok")

    return httpx.MockTransport(answer), received


async def test_webhook_retries_with_backoff_until_delivered() -> None:
    transport, received = webhook_server(failures=2)
    sender = WebhookSender("https://hooks.example.test/x", retry=QUICK, transport=transport)
    await sender.start()
    try:
        sender.submit(slack_payload("Call mom", "Due tomorrow"))  # returns at once
        await eventually(lambda: asyncio.sleep(0, result=received))
    finally:
        await sender.stop()
    assert received == [{"text": "Reminder: Call mom. Due tomorrow"}]


async def test_webhook_gives_up_after_its_attempts() -> None:
    transport, received = webhook_server(failures=99)
    before = REGISTRY.get_sample_value("notification_webhook_failures_total") or 0
    sender = WebhookSender("https://hooks.example.test/x", retry=QUICK, transport=transport)
    await sender.start()
    try:
        sender.submit(slack_payload("Call mom", NO_DUE))

        async def failures() -> float:
            return REGISTRY.get_sample_value("notification_webhook_failures_total") or 0

        await eventually(failures, until=lambda value: value == before + 1)
    finally:
        await sender.stop()
    assert received == []


@pytest.mark.parametrize(("status", "tries"), [(400, 1), (404, 1), (429, 3), (408, 3), (502, 3)])
async def test_a_refusal_is_not_retried_but_a_busy_or_failing_server_is(
    status: int, tries: int
) -> None:
    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(status)

    before = REGISTRY.get_sample_value("notification_webhook_failures_total") or 0
    sender = WebhookSender(
        "https://hooks.example.test/x", retry=QUICK, transport=httpx.MockTransport(answer)
    )
    await sender.start()
    try:
        sender.submit(slack_payload("Call mom", NO_DUE))

        async def failures() -> float:
            return REGISTRY.get_sample_value("notification_webhook_failures_total") or 0

        await eventually(failures, until=lambda value: value == before + 1)
    finally:
        await sender.stop()
    assert len(calls) == tries


async def test_without_a_url_nothing_is_sent_queued_or_counted() -> None:
    transport, received = webhook_server(failures=0)
    before = REGISTRY.get_sample_value("notification_webhook_failures_total") or 0
    sender = WebhookSender(None, retry=QUICK, queue_size=1, transport=transport)
    await sender.start()
    try:
        for _ in range(3):  # more than the queue holds: still no "queue full" failure
            sender.submit(slack_payload("Call mom", NO_DUE))
        await asyncio.sleep(0.05)
    finally:
        await sender.stop()
    assert received == []
    assert sender.pending == 0
    after = REGISTRY.get_sample_value("notification_webhook_failures_total") or 0
    assert after == before


async def test_live_stream_carries_task_changes_and_reminders(db_url: str, tmp_path: Path) -> None:
    """`todo serve`: the SSE stream over a real HTTP connection, fed by the memory bus."""
    settings = make_settings(db_url, tmp_path, scheduler_interval_seconds=1.0)
    app = create_app(settings, background=[in_process_workers])
    frames: list[tuple[str, Any]] = []

    async with serving(app) as base, httpx.AsyncClient(base_url=base) as client:
        auth = await sign_up(client)
        other = await sign_up(client, "eve@example.com")
        listener = asyncio.create_task(follow_stream(base, auth, frames))
        await eventually(lambda: asyncio.sleep(0, result=frames))
        await client.post("/api/v1/tasks", json={"title": "Not yours"}, headers=other)
        created = await client.post(
            "/api/v1/tasks", json={"title": "Call mom", "remind_at": driving.past()}, headers=auth
        )
        task_id = created.json()["id"]

        async def kinds() -> list[str]:
            return [kind for kind, _ in frames]

        await eventually(kinds, until=lambda k: "reminder" in k and "task" in k)
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
    tasks = [data for kind, data in frames if kind == "task"]
    assert tasks[0]["type"] == "created" and tasks[0]["task"]["id"] == task_id
    assert all(data["task"]["title"] != "Not yours" for data in tasks)  # only the caller's
    [reminder] = [data for kind, data in frames if kind == "reminder"]
    assert reminder["task_id"] == task_id and reminder["title"] == "Call mom"
    assert set(reminder) == {"id", "task_id", "title", "message", "created_at", "read_at"}


@pytest.mark.postgres
async def test_concurrent_deliveries_of_one_event_apply_once(pg_url: str, tmp_path: Path) -> None:
    """Two consumers get the same event at the same moment: the inbox lets one through."""
    url = make_settings(pg_url, tmp_path).async_database_url
    engines = [Database(url) for _ in range(2)]
    try:
        user = await driving.local_user(engines[0])
        [task_id] = await driving.create_tasks(engines[0], user, 1)
        event = {"id": "evt-1", "type": "demo", "data": {"task_id": task_id}}
        effects: list[int] = []

        async def effect(_session: Any, item: dict[str, Any]) -> int:
            effects.append(item["data"]["task_id"])
            await asyncio.sleep(0.1)  # hold the transaction open while the other waits
            return 1

        async def consume(engine: Database) -> None:
            async with engine.transaction() as session:
                await apply_once(session, consumer="demo", events=[event, event], effect=effect)

        await asyncio.gather(*(consume(engine) for engine in engines))
        assert effects == [task_id]
        assert await processed_count(engines[0], "demo", ["evt-1"]) == 1
    finally:
        for engine in engines:
            await engine.dispose()
