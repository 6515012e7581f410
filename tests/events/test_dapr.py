"""The Dapr adapter against a double of the sidecar's documented HTTP pub/sub contract."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.events import driving
from tests.events.dapr_double import SidecarDouble
from tests.events.helpers import eventually
from tests.support.app import make_settings
from tests.support.processes import free_port
from tests.support.serving import serving
from todo_chatbot.bus.base import Outgoing, PublishError
from todo_chatbot.bus.dapr import DaprBus
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import new_event
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.app import create_worker_app
from todo_chatbot.workers.roles import Role

pytestmark = pytest.mark.postgres


@pytest.fixture
async def sidecar() -> AsyncIterator[tuple[SidecarDouble, int]]:
    double = SidecarDouble()
    port = free_port()
    async with serving(double.asgi(), port):
        yield double, port


@pytest.fixture
def settings(pg_url: str, tmp_path: Path, sidecar: tuple[SidecarDouble, int]) -> Settings:
    return make_settings(pg_url, tmp_path, event_bus="dapr", dapr_http_port=sidecar[1])


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.async_database_url)
    yield database
    await database.dispose()


def reminder_event(task_id: int = 7) -> dict[str, object]:
    data = {
        "user_id": 1,
        "task_id": task_id,
        "title": "Call mom",
        "due": None,
        "remind_at": "2026-11-24T08:00:00Z",
    }
    return new_event(event_type=types.REMINDER_DUE, subject=str(task_id), data=data)


async def test_publish_goes_to_the_sidecar_as_our_own_cloudevent(
    sidecar: tuple[SidecarDouble, int],
) -> None:
    double, port = sidecar
    bus = DaprBus(http_port=port, pubsub="pubsub")
    await bus.start()
    try:
        event = reminder_event(7)
        await bus.publish([Outgoing(topics.REMINDERS, "7", event)])
        [sent] = double.published
        assert (sent.pubsub, sent.topic, sent.partition_key) == ("pubsub", "reminders", "7")
        assert sent.content_type == "application/cloudevents+json"
        assert sent.event["id"] == event["id"] and sent.event["data"] == event["data"]
        await bus.check()

        unknown = DaprBus(http_port=port, pubsub="no-such-component")
        await unknown.start()
        with pytest.raises(PublishError) as refused:
            await unknown.publish([Outgoing(topics.REMINDERS, "7", event)] * 2)
        assert refused.value.published == 0
        await unknown.stop()
    finally:
        await bus.stop()


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


async def test_completion_flows_through_dapr_and_redelivery_applies_once(
    sidecar: tuple[SidecarDouble, int], settings: Settings, database: Database
) -> None:
    double, _ = sidecar
    user = await driving.local_user(database)
    [task_id] = await driving.create_tasks(database, user, 1)
    async with (
        serving(create_worker_app(Role.recurring, settings)) as recurring_url,
        serving(create_worker_app(Role.relay, settings)),
    ):
        await double.connect_app(recurring_url)
        await driving.change(database, user, task_id, "complete")
        await eventually(lambda: driving.next_instances(database), until=lambda n: n == 1)

        [completed] = [
            p
            for p in double.published
            if p.event["type"] == types.TASK_COMPLETED and p.topic == topics.TASK_EVENTS
        ]
        assert completed.partition_key == str(task_id)
        double.deliver_later("pubsub", "task-events", completed.event)  # delivered again

        async def outcomes() -> list[str]:
            return [d.outcome for d in double.deliveries if d.topic == "task-events"]

        # the completion, the next instance's creation, and the completion again
        await eventually(outcomes, until=lambda o: len(o) >= 3)
        assert set(await outcomes()) == {"SUCCESS"}
        await eventually(
            lambda: driving.pending_outbox(database), until=lambda n: n == 0
        )  # the new instance's own events went out too
    assert await driving.next_instances(database) == 1


async def test_invalid_events_are_dropped_to_the_dead_letter_topic_at_once(
    sidecar: tuple[SidecarDouble, int], settings: Settings
) -> None:
    double, port = sidecar
    async with serving(create_worker_app(Role.recurring, settings)) as url:
        await double.connect_app(url)
        poison = {"specversion": "1.0", "id": "poison", "type": types.TASK_COMPLETED, "data": {}}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            response = await http.post(
                "/v1.0/publish/pubsub/task-events",
                json=poison,
                headers={"Content-Type": "application/cloudevents+json"},
            )
        assert response.status_code == 204
        await eventually(lambda: _dead(double, "task-events-dlq"))
    assert [d.outcome for d in double.deliveries] == ["DROP"]
    assert double.dead_letters["task-events-dlq"][0]["id"] == "poison"


async def test_unavailable_database_means_retry_then_dead_letter(
    sidecar: tuple[SidecarDouble, int], tmp_path: Path
) -> None:
    double, port = sidecar
    closed = free_port()
    broken = make_settings(
        f"postgresql+asyncpg://postgres@127.0.0.1:{closed}/none",
        tmp_path,
        event_bus="dapr",
        dapr_http_port=port,
    )
    async with serving(create_worker_app(Role.notifier, broken)) as url:
        await double.connect_app(url)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            response = await http.post(
                "/v1.0/publish/pubsub/reminders",
                json=reminder_event(),
                headers={"Content-Type": "application/cloudevents+json"},
            )
        assert response.status_code == 204
        await eventually(lambda: _dead(double, "reminders-dlq"))
    outcomes = [d.outcome for d in double.deliveries]
    assert outcomes == ["RETRY"] * (double.max_retries + 1)


async def _dead(double: SidecarDouble, topic: str) -> int:
    return len(double.dead_letters[topic])
