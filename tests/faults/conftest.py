"""Faults with the processes split as in a cluster: `todo api` and each `todo worker` as
their own processes, on a PostgreSQL server of their own (durable, since these tests crash
it and count what survived) and, for the broker outage, a real Kafka broker."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.app import TEST_SECRET
from tests.support.databases import server_with_database
from tests.support.postgres import PostgresServer
from tests.support.processes import free_port, wait_for_health

TODO = str(Path(sys.executable).with_name("todo"))
DATABASE = "todo_faults"
# PostgreSQL's defaults again, over the test servers' fsync=off and asynchronous commits:
# these tests crash the server and count what survived.
DURABLE = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"


@dataclass
class Process:
    """One `todo …` process on a loopback port, its output in a log file."""

    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture(scope="module")
def durable_pg() -> Iterator[PostgresServer]:
    with server_with_database(DURABLE, DATABASE) as server:
        yield server


def process_env(server: PostgresServer, directory: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OTEL_", "PROMETHEUS_MULTIPROC", "KAFKA_", "EVENT_"))
        and key not in ("SECRETS_DIR", "DATABASE_URL")
    }
    env.update(
        DATABASE_URL=server.sync_url(DATABASE),
        JWT_SECRET=TEST_SECRET,
        APP_ENV="development",
        DATA_DIR=str(directory),
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@contextlib.contextmanager
def running(args: list[str], env: dict[str, str], log: Path) -> Iterator[Process]:
    """`todo ARGS --host 127.0.0.1 --port N` until the block ends, then stopped by its PID
    (SIGTERM, SIGKILL after 20 s)."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [TODO, *args, "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running_process = Process(process, f"http://127.0.0.1:{port}", log)
    try:
        wait_for_health(running_process.base_url, process, timeout=180)
        yield running_process
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], *, timeout: float = 20) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    return process.returncode
