"""EVENT_BUS=dapr against a real daprd on real Kafka and PostgreSQL, with the chart's own
Dapr resources."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from tests.dapr.conftest import WorkerFor
from tests.events import driving
from tests.events.helpers import eventually
from tests.support.dapr import Resources, sidecar_beside
from tests.support.kafka import KafkaBroker
from todo_chatbot.events import types
from todo_chatbot.store.db import Database
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
