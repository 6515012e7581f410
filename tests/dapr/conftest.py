"""Fixtures for the tests against a real daprd: a fresh Kafka broker per test (the apps'
consumer groups are their fixed Dapr app ids, so tests cannot share one) with the topics the
chart's KafkaTopic resources create, the chart's Dapr resources rendered for it, and the
settings of an app beside its sidecar."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError
from starlette.types import ASGIApp

from tests.support.app import make_settings
from tests.support.dapr import Resources, Sidecar, daprd, render_resources
from tests.support.kafka import KafkaBroker, running_broker
from todo_chatbot.events import topics
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.workers.app import create_worker_app
from todo_chatbot.workers.runtime import Role

SettingsFor = Callable[..., Settings]
WorkerFor = Callable[..., Callable[[Sidecar], ASGIApp]]


@pytest.fixture
def broker() -> Iterator[KafkaBroker]:
    daprd()  # skip (or fail under CI) before starting a broker for nothing
    with running_broker() as broker:
        asyncio.run(create_topics(broker))
        yield broker


async def create_topics(broker: KafkaBroker) -> None:
    names = [*topics.ALL, *map(topics.dead_letter, topics.ALL)]
    async with admin(broker) as client:
        await client.create_topics([NewTopic(name, 3, 1) for name in names])


@contextlib.asynccontextmanager
async def admin(broker: KafkaBroker) -> AsyncIterator[AIOKafkaAdminClient]:
    client = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap, request_timeout_ms=5000)
    await client.start()
    try:
        yield client
    finally:
        await client.close()


async def wait_for_group(broker: KafkaBroker, group: str, timeout: float = 60.0) -> None:
    """Until consumer group `group` is stable with partitions assigned: a subscription that
    starts at the newest message sees only what is published after that."""
    deadline = time.monotonic() + timeout
    async with admin(broker) as client:
        while True:
            try:
                [description] = await client.describe_consumer_groups([group])
            except KafkaError as exc:  # the group coordinator may still be loading
                state: Any = repr(exc)
            else:
                state = description.groups[0]
                if state[2] == "Stable" and any(member[-1] for member in state[5]):
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"consumer group {group} not stable: {state}")
            await asyncio.sleep(0.2)


@pytest.fixture
def resources(broker: KafkaBroker, tmp_path: Path) -> Resources:
    return render_resources(tmp_path / "dapr", brokers=broker.bootstrap)


@pytest.fixture
def settings_for(pg_url: str, tmp_path: Path) -> SettingsFor:
    def settings(sidecar: Sidecar, database_url: str = pg_url, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "event_bus": "dapr",
            "dapr_http_port": sidecar.http_port,
            "service_name": sidecar.app_id,
            "scheduler_interval_seconds": 1.0,
            **overrides,
        }
        return make_settings(database_url, tmp_path, **values)

    return settings


@pytest.fixture
def worker(settings_for: SettingsFor) -> WorkerFor:
    def build(role: Role, **overrides: Any) -> Callable[[Sidecar], ASGIApp]:
        return lambda sidecar: create_worker_app(role, settings_for(sidecar, **overrides))

    return build


@pytest.fixture
async def database(pg_url: str) -> AsyncIterator[Database]:
    database = Database(make_settings(pg_url, Path()).async_database_url)
    yield database
    await database.dispose()
