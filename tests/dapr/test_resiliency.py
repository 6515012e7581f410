"""What the app answers a real daprd, and what daprd then does with it: RETRY is retried by
the chart's Resiliency policy and then dead-lettered with its topic kept, while the events
behind it are still applied; a handler that fails once is redelivered and applied once; a
subscriber that was down gets its event when it returns."""

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

from tests.dapr.conftest import WorkerFor, wait_for_group
from tests.events.helpers import eventually
from tests.support.dapr import Resources, Sidecar, render_resources, sidecar_beside
from tests.support.kafka import KafkaBroker
from tests.support.processes import free_port
from tests.support.serving import serving
from todo_chatbot.bus.base import Outgoing, PublishError
from todo_chatbot.bus.dapr import DaprBus
from todo_chatbot.events import topics, types
from todo_chatbot.events.envelope import CONTENT_TYPE, CloudEvent, encode, new_event
from todo_chatbot.workers.runtime import Role

pytestmark = [pytest.mark.dapr, pytest.mark.kafka, pytest.mark.postgres]

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


async def test_an_unreachable_database_is_retried_then_dead_lettered(
    broker: KafkaBroker, resources: Resources, worker: WorkerFor, tmp_path: Path
) -> None:
    """The notifier cannot reach its database: it answers RETRY, daprd retries by the
    chart's policy and then dead-letters the reminder."""
    closed = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/none"
    notifier = worker(Role.notifier, database_url=closed)
    async with sidecar_beside(APP_ID, notifier, resources, tmp_path) as (sidecar, _):
        await wait_for_group(broker, APP_ID)
        await publish(sidecar, reminder(5))
        [(_, dead)] = await asyncio.to_thread(
            broker.console_consume, topics.dead_letter(topics.REMINDERS), max_messages=1
        )
    assert json.loads(dead)["data"]["task_id"] == 5


async def test_a_publish_the_sidecar_refuses_is_a_publish_error(
    broker: KafkaBroker, resources: Resources, tmp_path: Path
) -> None:
    """What the relay sees when daprd will not publish: nothing counted as sent."""
    recorder = Recorder(always_fails=0, fails_once=0)
    async with sidecar_beside(APP_ID, recorder.app, resources, tmp_path) as (sidecar, _):
        bus = DaprBus(http_port=sidecar.http_port, pubsub="no-such-component")
        await bus.start()
        try:
            outgoing = Outgoing(topics.REMINDERS, "7", reminder(7))
            with pytest.raises(PublishError) as refused:
                await bus.publish([outgoing, outgoing])
            assert refused.value.published == 0
            with pytest.raises(RuntimeError):
                await bus.check()  # not ready until a publish succeeds
        finally:
            await bus.stop()


async def test_a_stopped_subscriber_gets_the_event_once_it_is_back(
    broker: KafkaBroker, tmp_path: Path
) -> None:
    """The app behind daprd is down for a while: the sidecar keeps retrying the delivery by
    the Resiliency policy, and the app applies it when it returns."""
    resources = render_resources(
        tmp_path / "dapr",
        brokers=broker.bootstrap,
        sets=("dapr.resiliency.maxRetries=20", "dapr.resiliency.maxInterval=1s"),
    )
    recorder = Recorder(always_fails=0, fails_once=0)
    sidecar = Sidecar(APP_ID, free_port(), resources, tmp_path / "daprd.log")
    try:
        async with serving(recorder.app(sidecar), sidecar.app_port):
            await sidecar.start()
            await wait_for_group(broker, APP_ID)
        # The subscriber is gone; its sidecar stays and the event arrives meanwhile.
        await publish(sidecar, reminder(9))
        await asyncio.sleep(3)
        assert recorder.applied == []
        async with serving(recorder.app(sidecar), sidecar.app_port):
            await eventually(
                lambda: _sorted(recorder.applied), until=lambda a: a == [9], timeout=30
            )
    finally:
        await sidecar.stop()
    assert recorder.attempts[9] == 1  # the failed tries never reached the app
