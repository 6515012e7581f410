"""Chromium renders `/docs` with every request to another origin blocked, and the page's
strict CSP reports no violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.external import require
from tests.support.todo_serve import Server, start_server, stop_server
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, SCREENSHOTS, new_context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("docs-server"), {})
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = new_context(browser)
            yield context.new_page()
            context.close()
        finally:
            browser.close()


def test_docs_render_offline_under_the_csp(server: Server, page: Any) -> None:
    origin = urlsplit(server.base_url).netloc
    foreign: list[str] = []
    problems: list[str] = []

    page.route("**/*", lambda handle, request: route_request(handle, request, origin, foreign))
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server.base_url + "/docs")
    page.wait_for_selector(".swagger-ui .information-container .title")
    assert "Todo Chatbot" in page.inner_text(".swagger-ui .information-container .title")
    page.locator(".opblock-summary-path", has_text="/api/v1/tasks").first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "docs-offline.png"))

    assert foreign == []
    violations = [text for text in problems if "Content Security Policy" in text]
    assert violations == [], violations


def route_request(handle: Any, request: Any, origin: str, foreign: list[str]) -> None:
    """Let same-origin requests through; abort and record any other."""
    if urlsplit(request.url).netloc == origin:
        handle.continue_()
    else:
        foreign.append(request.url)
        handle.abort()
