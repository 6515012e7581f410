"""Chat while the assistant's MCP tool server is unreachable: its own `todo serve`."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.processes import free_port
from tests.support.todo_serve import Server
from tests.web.helpers import api_tasks, register, rows, shot, sign_in, skip_unless_served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    # Nothing listens on this port: the api cannot reach its tool server.
    return {"MCP_SERVER_URL": f"http://127.0.0.1:{free_port()}/mcp"}


def test_chat_says_assistant_unavailable_and_nothing_changes(page: Any, web_server: Server) -> None:
    account = register(web_server)
    skip_unless_served(web_server, "POST", "/api/v1/chat", account["token"])
    sign_in(page, web_server, account)
    chat = page.get_by_role("textbox", name="Message the assistant")
    chat.fill("add call the plumber tomorrow at 5pm #home")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/chat")) as answer:
        chat.press("Enter")
    assert answer.value.status == 503
    assert answer.value.json()["error"]["code"] == "assistant_unavailable"

    alert = page.locator("#chat-log").get_by_role("alert")
    expect(alert).to_contain_text(re.compile("assistant unavailable", re.IGNORECASE))
    expect(chat).to_have_value("add call the plumber tomorrow at 5pm #home")
    shot(page, "desktop-assistant-unavailable")

    # The task list still works, and nothing was added behind the user's back.
    expect(rows(page)).to_have_count(0)
    assert api_tasks(web_server, account["token"]) == []
