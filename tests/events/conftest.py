"""Fixtures for the event tests: the API with its in-process workers, and a real HTTP
server (uvicorn on a free loopback port) for what needs one: SSE and the Dapr double."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.conftest import make_settings
from tests.support.external import require
from tests.support.kafka import KafkaBroker, find_libs
from todo_chatbot.api.app import create_app
from todo_chatbot.bus.base import RetryPolicy
from todo_chatbot.bus.kafka import KafkaBus
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.models import ProcessedEvent
from todo_chatbot.workers.background import in_process_workers


@pytest.fixture
def event_settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, scheduler_interval_seconds=1.0)


@pytest.fixture
async def event_app(event_settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(event_settings, background=[in_process_workers])
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def event_client(event_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=event_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(app: FastAPI, port: int | None = None) -> AsyncIterator[str]:
    """Serve `app` on 127.0.0.1 for the duration; yields its base URL."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("server stopped before it started")
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


async def processed_count(database: Database, consumer: str, event_ids: list[str]) -> int:
    async with database.transaction() as session:
        count = await session.scalar(
            select(func.count()).where(
                ProcessedEvent.consumer == consumer, ProcessedEvent.event_id.in_(event_ids)
            )
        )
    return int(count or 0)


# --- Kafka -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    """One real broker for the whole session (tests isolate themselves by topic prefix)."""
    require(shutil.which("java") is not None, "java not found: run scripts/install-kafka.sh")
    libs = find_libs()
    require(libs is not None, "Kafka jars not cached: run scripts/install-kafka.sh")
    assert libs is not None
    broker = start_broker(libs)
    try:
        yield broker
    finally:
        broker.cleanup()


def start_broker(libs: Path, tries: int = 2) -> KafkaBroker:
    """Start a broker; a second try with fresh ports covers a port taken in between."""
    for attempt in range(1, tries + 1):
        broker = KafkaBroker(libs)
        try:
            broker.prepare()
            broker.start()
            asyncio.run(wait_until_serving(broker.bootstrap))
            return broker
        except Exception:
            broker.cleanup()
            if attempt == tries:
                raise
    raise AssertionError("unreachable")


async def wait_until_serving(bootstrap: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        try:
            await admin.start()
            await admin.list_topics()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)
        finally:
            with contextlib.suppress(Exception):
                await admin.close()


@pytest.fixture
def topic_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}."


TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.05)


def kafka_bus(broker: KafkaBroker, prefix: str, **options: Any) -> KafkaBus:
    values: dict[str, Any] = {
        "bootstrap_servers": broker.bootstrap,
        "client_id": "todo-test",
        "topic_prefix": prefix,
        "retry": TEST_RETRY,
        "session_timeout_ms": 6000,
        "heartbeat_interval_ms": 500,
        "request_timeout_ms": 3000,
        "publish_timeout": 5.0,
    }
    values.update(options)
    return KafkaBus(**values)
