"""EVENT_BUS=dapr against a real daprd on real Kafka and PostgreSQL, with the chart's own
Dapr resources."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp

from tests.dapr.conftest import SettingsFor, WorkerFor
from tests.events import driving
from tests.events.helpers import eventually, follow_stream
from tests.support.app import sign_up
from tests.support.dapr import Resources, Sidecar, sidecar_beside
from tests.support.kafka import KafkaBroker
from todo_chatbot.api.app import create_app
from todo_chatbot.events import types
from todo_chatbot.store.db import Database
from todo_chatbot.workers.background import live_updates
from todo_chatbot.workers.runtime import Role

pytestmark = [pytest.mark.dapr, pytest.mark.kafka, pytest.mark.postgres]


async def test_completion_flows_through_daprd_and_kafka_and_poison_is_dropped(
    broker: KafkaBroker,
    resources: Resources,
    worker: WorkerFor,
    database: Database,
    tmp_path: Path,
) -> None:
    user = await driving.local_user(database)
    [task_id] = await driving.create_tasks(database, user, 1)
    async with (
        sidecar_beside("todo-recurring", worker(Role.recurring), resources, tmp_path) as (
            recurring,
            _,
        ),
        sidecar_beside("todo-relay", worker(Role.relay), resources, tmp_path) as (relay, _),
    ):
        async with httpx.AsyncClient(base_url=recurring.url) as http:
            metadata = (await http.get("/v1.0/metadata")).json()
        [subscription] = metadata["subscriptions"]
        assert subscription["topic"] == "task-events"
        assert subscription["deadLetterTopic"] == "task-events-dlq"
        assert subscription["rules"][0]["path"] == "/dapr/events/todo-recurring/task-events"

        await driving.change(database, user, task_id, "complete")
        await eventually(
            lambda: driving.next_instances(database), until=lambda n: n == 1, timeout=60
        )
        await eventually(lambda: driving.pending_outbox(database), until=lambda n: n == 0)

        # The completion delivered again (as after a consumer crash) makes no second instance.
        lines = await asyncio.to_thread(broker.console_consume, "task-events", max_messages=3)
        [completed] = [
            value for _, value in lines if json.loads(value)["type"] == types.TASK_COMPLETED
        ]
        async with httpx.AsyncClient(base_url=relay.url) as http:
            again = await http.post(
                "/v1.0/publish/pubsub/task-events",
                content=completed,
                headers={"Content-Type": "application/cloudevents+json"},
                params={"metadata.partitionKey": str(task_id)},
            )
        assert again.status_code == 204
        await asyncio.sleep(3)  # daprd delivers within milliseconds
        assert await driving.next_instances(database) == 1

        poison = {"specversion": "1.0", "id": "poison", "type": types.TASK_COMPLETED, "data": {}}
        async with httpx.AsyncClient(base_url=relay.url) as http:
            response = await http.post(
                "/v1.0/publish/pubsub/task-events",
                content=json.dumps(poison),
                headers={"Content-Type": "application/cloudevents+json"},
            )
        assert response.status_code == 204
        # in a thread: the app must go on answering daprd meanwhile
        [(_, dead)] = await asyncio.to_thread(
            broker.console_consume, "task-events-dlq", max_messages=1
        )
    dropped = json.loads(dead)
    assert dropped["id"] == "poison"
    assert dropped["topic"] == "task-events"  # a dead letter keeps its original topic
    assert await driving.next_instances(database) == 1


async def test_a_due_reminder_goes_through_daprd_to_the_notifier(
    broker: KafkaBroker,
    resources: Resources,
    worker: WorkerFor,
    database: Database,
    tmp_path: Path,
) -> None:
    """scheduler → outbox → relay → daprd → Kafka → daprd → notifier: one notification."""
    user = await driving.local_user(database, "reminded@example.com")
    [task_id] = await driving.create_tasks(database, user, 1, remind_at=driving.past())
    async with (
        sidecar_beside("todo-notifier", worker(Role.notifier), resources, tmp_path),
        sidecar_beside("todo-scheduler", worker(Role.scheduler), resources, tmp_path),
        sidecar_beside("todo-relay", worker(Role.relay), resources, tmp_path),
    ):
        await eventually(
            lambda: driving.notifications(database), until=lambda n: n == 1, timeout=60
        )
        await eventually(lambda: driving.pending_outbox(database), until=lambda n: n == 0)
        await asyncio.sleep(2)  # a redelivery, were one coming, would add a second
    assert await driving.notifications(database) == 1
    [(key, sent)] = await asyncio.to_thread(broker.console_consume, "reminders", max_messages=1)
    assert key == str(task_id)  # the task id is the partition key through the sidecar too
    assert json.loads(sent)["data"]["task_id"] == task_id


async def test_live_updates_reach_the_api_stream_through_its_sidecar(
    broker: KafkaBroker,
    resources: Resources,
    worker: WorkerFor,
    settings_for: SettingsFor,
    tmp_path: Path,
) -> None:
    """api → outbox → relay → daprd → Kafka `task-updates` → the api's daprd (`pubsub-live`,
    a consumer group of its own) → the SSE stream of that user."""
    frames: list[tuple[str, Any]] = []

    def api(sidecar: Sidecar) -> ASGIApp:
        return create_app(settings_for(sidecar), background=[live_updates])

    async with (
        # In a pod the injector sets POD_NAME, which names this pod's fan-out consumer group.
        sidecar_beside("todo-api", api, resources, tmp_path, env={"POD_NAME": "todo-api-0"}) as (
            sidecar,
            base,
        ),
        sidecar_beside("todo-relay", worker(Role.relay), resources, tmp_path),
        httpx.AsyncClient(base_url=base) as client,
    ):
        async with httpx.AsyncClient(base_url=sidecar.url) as http:
            metadata = (await http.get("/v1.0/metadata")).json()
        [subscription] = metadata["subscriptions"]
        assert (subscription["pubsubname"], subscription["topic"]) == (
            "pubsub-live",
            "task-updates",
        )

        auth = await sign_up(client, "live@example.com")
        listener = asyncio.create_task(follow_stream(base, auth, frames))
        created = (await client.post("/api/v1/tasks", json={"title": "probe"}, headers=auth)).json()

        async def streamed() -> bool:  # the fan-out group starts at the topic's end: nudge
            await client.patch(
                f"/api/v1/tasks/{created['id']}", json={"description": "x"}, headers=auth
            )
            await asyncio.sleep(0.5)
            return any(kind == "task" and d["task"]["id"] == created["id"] for kind, d in frames)

        await eventually(streamed, timeout=60)
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
