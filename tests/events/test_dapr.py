"""Each worker declares its Dapr subscriptions, with their dead-letter topics, to the
sidecar (the flows themselves run against a real daprd in tests/dapr)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.app import make_settings
from tests.support.processes import free_port
from todo_chatbot.settings import Settings
from todo_chatbot.workers.app import create_worker_app
from todo_chatbot.workers.roles import Role

pytestmark = pytest.mark.postgres


@pytest.fixture
def settings(pg_url: str, tmp_path: Path) -> Settings:
    return make_settings(pg_url, tmp_path, event_bus="dapr", dapr_http_port=free_port())


async def test_each_worker_declares_its_subscriptions_with_dead_letter_topics(
    settings: Settings,
) -> None:
    expected = {
        Role.recurring: ("task-events", "/dapr/events/todo-recurring/task-events"),
        Role.notifier: ("reminders", "/dapr/events/todo-notifier/reminders"),
    }
    for role, (topic, route) in expected.items():
        app = create_worker_app(role, settings)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://worker"
        ) as http:
            answer = (await http.get("/dapr/subscribe")).json()
            health = await http.get("/health")
        assert answer == [
            {
                "pubsubname": "pubsub",
                "topic": topic,
                "route": route,
                "deadLetterTopic": f"{topic}-dlq",
            }
        ]
        assert health.json()["status"] == "ok"
