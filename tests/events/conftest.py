"""Fixtures for the event tests: the API with its in-process workers, and one real Kafka
broker for the session."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from tests.support.app import make_settings
from tests.support.kafka import KafkaBroker, running_broker
from todo_chatbot.api.app import create_app
from todo_chatbot.settings import Settings
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


# --- Kafka -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    """One real broker for the whole session (tests isolate themselves by topic prefix)."""
    with running_broker() as broker:
        yield broker


@pytest.fixture
def topic_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}."
