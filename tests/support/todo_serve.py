"""A real `todo serve` as a subprocess: its own data dir and free loopback port, stopped by
its PID when the test is done."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.external import require
from tests.support.processes import DidNotStart, free_port, wait_for_health


@dataclass
class Server:
    base_url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=10)


def start_server(directory: Path, env: dict[str, str]) -> Server:
    """`todo serve` on a free loopback port with its own data dir; waits for /health."""
    todo = Path(sys.executable).with_name("todo")
    require(todo.exists(), f"{todo} not found: install the project into the venv")
    port = free_port()
    data_dir = directory / "data"
    log = directory / "server.log"
    full_env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "SCHEDULER_INTERVAL_SECONDS": "1",
        **env,
    }
    full_env.pop("DATABASE_URL", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(todo), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=directory,
        )
    server = Server(f"http://127.0.0.1:{port}", data_dir, log, process)
    try:
        wait_for_health(server.base_url, process)
    except DidNotStart as exc:
        stop_server(server)
        pytest.fail(f"todo serve: {exc}:\n{server.log_tail()}")
    return server


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)
