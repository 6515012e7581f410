"""Debian's Chromium for Playwright, and a real `todo serve` for it to load."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.external import require
from tests.support.processes import DidNotStart, free_port, wait_for_health

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
INSTALL_HINT = "run scripts/install-chromium.sh"
TIMEZONE = "America/New_York"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


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


def new_context(browser: Any, *, mobile: bool = False, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "viewport": MOBILE if mobile else DESKTOP,
        "locale": "en-US",
        "timezone_id": TIMEZONE,
        **options,
    }
    if mobile:
        settings.setdefault("device_scale_factor", 2)
        settings.setdefault("is_mobile", True)
        settings.setdefault("has_touch", True)
    context = browser.new_context(**settings)
    context.set_default_timeout(10_000)
    return context
