"""Browser tests: Debian's Chromium driven by Playwright against a real `todo serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
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


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    """Extra environment for this module's server; a module overrides it to change setup."""
    return {}


@pytest.fixture(scope="module")
def web_server(
    tmp_path_factory: pytest.TempPathFactory, server_env: dict[str, str]
) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("web-server"), server_env)
    try:
        page = httpx.get(server.base_url + "/", timeout=10)
        if page.status_code == 404:
            pytest.skip("GET / answers 404: the app does not call todo_chatbot.web.mount_web(app)")
        assert page.status_code == 200, page.text
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Per module: Playwright's sync API keeps an event loop running in this thread while
    it is open, which would break later tests that call asyncio.run()."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary user-data-dir.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


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


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def mobile_context(browser: Any) -> Iterator[Any]:
    ctx = new_context(browser, mobile=True)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"
