"""A real Kafka broker for tests: the broker itself is defined in bench/kafka.py (the
benchmarks may not import from tests/); here, starting one with retries and a bus on it."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from bench.kafka import KAFKA_VERSION, KafkaBroker, cache_dir, find_libs, port_open

from tests.support.external import require
from todo_chatbot.bus.base import RetryPolicy
from todo_chatbot.bus.kafka import KafkaBus

__all__ = [
    "KAFKA_VERSION",
    "KafkaBroker",
    "cache_dir",
    "find_libs",
    "kafka_bus",
    "port_open",
    "running_broker",
    "start_broker",
    "wait_until_serving",
]


@contextlib.contextmanager
def running_broker() -> Iterator[KafkaBroker]:
    """A started broker, stopped and removed afterwards (skip without Java or the jars;
    under CI=true, fail)."""
    require(shutil.which("java") is not None, "java not found: run scripts/install-kafka.sh")
    libs = find_libs()
    require(libs is not None, "Kafka jars not cached: run scripts/install-kafka.sh")
    assert libs is not None
    broker = start_broker(libs)
    try:
        yield broker
    finally:
        broker.cleanup()


def start_broker(
    libs: Path, tries: int = 2, host: str = "127.0.0.1", env: dict[str, str] | None = None
) -> KafkaBroker:
    """Start a broker; a second try with fresh ports covers a port taken in between."""
    for attempt in range(1, tries + 1):
        broker = KafkaBroker(libs, host=host, env=env)
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
