"""What the app answers a real daprd, and what daprd then does with it: RETRY is retried by
the chart's Resiliency policy and then dead-lettered with its topic kept, while the events
behind it are still applied; a handler that fails once is redelivered and applied once."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from starlette.types import ASGIApp

from tests.dapr.conftest import wait_for_group
from tests.events.helpers import eventually
from tests.support.dapr import Sidecar, render_resources, sidecar_beside
from tests.support.kafka import KafkaBroker
from todo_chatbot.bus.dapr import DaprBus
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import CONTENT_TYPE, CloudEvent, encode, new_event

pytestmark = [pytest.mark.dapr, pytest.mark.kafka]

APP_ID = "todo-notifier"  # an app id the chart's components are scoped to
RETRIES = 3  # the values schema allows no fewer


def reminder(task_id: int) -> CloudEvent:
    data = {
        "user_id": 1,
        "task_id": task_id,
        "title": f"task {task_id}",
        "due": None,
        "remind_at": "2030-01-01T08:00:00Z",
    }
    return new_event(event_type=types.REMINDER_DUE, subject=str(task_id), data=data)


class Recorder:
    """A reminders handler that refuses some tasks for ever and others only at first."""

    def __init__(self, *, always_fails: int, fails_once: int) -> None:
        self.always_fails, self.fails_once = always_fails, fails_once
        self.attempts: Counter[int] = Counter()
        self.applied: list[int] = []

    async def __call__(self, events: Sequence[CloudEvent]) -> None:
        for event in events:
            task_id = int(event["data"]["task_id"])
            self.attempts[task_id] += 1
            if task_id == self.always_fails:
                raise RuntimeError("cannot apply this one")
            if task_id == self.fails_once and self.attempts[task_id] == 1:
                raise RuntimeError("not yet")
            self.applied.append(task_id)

    def app(self, sidecar: Sidecar) -> ASGIApp:
        bus = DaprBus(http_port=sidecar.http_port)
        bus.subscribe(topics.REMINDERS, group=APP_ID, handler=self)
        app = FastAPI()
        for router in bus.routers():
            app.include_router(router)
        return app


async def publish(sidecar: Sidecar, event: CloudEvent) -> None:
    async with httpx.AsyncClient(base_url=sidecar.url) as http:
        response = await http.post(
            f"/v1.0/publish/pubsub/{topics.REMINDERS}",
            content=encode(event),
            headers={"Content-Type": CONTENT_TYPE},
            params={"metadata.partitionKey": event["subject"]},
        )
    assert response.status_code == 204, response.text


async def test_retry_follows_the_resiliency_policy_then_dead_letters(
    broker: KafkaBroker, tmp_path: Path
) -> None:
    resources = render_resources(
        tmp_path / "dapr",
        brokers=broker.bootstrap,
        sets=(f"dapr.resiliency.maxRetries={RETRIES}", "dapr.resiliency.maxInterval=1s"),
    )
    retry = resources.get("Resiliency", "todo-chatbot")["spec"]["policies"]["retries"]
    assert retry["eventRetry"]["maxRetries"] == RETRIES
    recorder = Recorder(always_fails=1, fails_once=2)
    async with sidecar_beside(APP_ID, recorder.app, resources, tmp_path) as (sidecar, _):
        await wait_for_group(broker, APP_ID)
        for task_id in (1, 2, 3):
            await publish(sidecar, reminder(task_id))
        await eventually(lambda: _sorted(recorder.applied), until=lambda a: a == [2, 3], timeout=60)
        [(key, dead)] = await asyncio.to_thread(
            broker.console_consume, topics.dead_letter(topics.REMINDERS), max_messages=1
        )
    dropped = json.loads(dead)
    assert dropped["data"]["task_id"] == 1
    assert dropped["topic"] == topics.REMINDERS  # a dead letter keeps its original topic
    assert key == "1"  # and its partition key
    assert recorder.attempts[1] == 1 + RETRIES  # the first try, then the policy's retries
    assert recorder.attempts[2] == 2  # redelivered once, applied once
    assert sorted(recorder.applied) == [2, 3]


async def _sorted(values: list[int]) -> list[int]:
    return sorted(values)
