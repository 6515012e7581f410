"""Running `todo` as a real process for the observability tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import free_port, wait_for_health

TODO = str(Path(sys.executable).with_name("todo"))
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Running:
    process: subprocess.Popen[str]
    base_url: str


def todo_env(**extra: str) -> dict[str, str]:
    """The environment without OTLP or multiprocess settings the shell may carry."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OTEL_", "PROMETHEUS_MULTIPROC")) and key != "SECRETS_DIR"
    }
    env.update(LOG_LEVEL="WARNING", **extra)
    return env


@contextlib.contextmanager
def running_todo(*args: str, env: dict[str, str], timeout: float = 180) -> Iterator[Running]:
    """`todo ARGS --host 127.0.0.1 --port N` until the block ends (stderr kept for failures)."""
    port = free_port()
    process = subprocess.Popen(
        [TODO, *args, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_for_health(base_url, process, timeout=timeout)
        yield Running(process, base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
