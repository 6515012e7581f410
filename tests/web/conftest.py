"""Browser tests: Debian's Chromium driven by Playwright against a real `todo serve`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.external import require
from tests.support.todo_serve import Server, start_server, stop_server
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, new_context


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
