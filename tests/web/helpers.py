"""Steps the browser tests share: accounts, the task form, rows, screenshots, axe."""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.support.external import require
from tests.support.todo_serve import Server
from tests.web.browser import INSTALL_HINT, SCREENSHOTS, TIMEZONE

PASSWORD = "correct-horse-42"
FIRST_LOAD_MS = 30_000
ZONE = ZoneInfo(TIMEZONE)
_numbers = itertools.count(1)


def now() -> datetime:
    return datetime.now(ZONE)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{int(time.time() * 1000)}-{next(_numbers)}@example.com"


def register(server: Server, email: str | None = None, name: str = "Test User") -> dict[str, str]:
    email = email or unique_email()
    with server.client() as client:
        response = client.post(
            "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": name}
        )
    assert response.status_code == 201, response.text
    return {"email": email, "password": PASSWORD, "token": response.json()["access_token"]}


def skip_unless_served(server: Server, method: str, path: str, token: str) -> None:
    """Skip (naming the endpoint) when this server does not have it yet: it answers 404."""
    with server.client(token) as client:
        answer = client.request(method, path, json={} if method == "POST" else None)
    if answer.status_code == 404:
        pytest.skip(f"{method} {path} answers 404 on this server")


def api_tasks(server: Server, token: str, **query: Any) -> list[dict[str, Any]]:
    with server.client(token) as client:
        response = client.get("/api/v1/tasks", params={"status": "all", "limit": 200, **query})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def token_of(page: Any) -> str:
    value = page.evaluate(
        "() => sessionStorage.getItem('todo.token') || localStorage.getItem('todo.token')"
    )
    assert value, "no token in storage"
    return str(value)


def open_app(page: Any, server: Server) -> None:
    """The sign-in page, once its modules have run. A browser's first page on a busy
    machine can take longer than the usual wait to fetch and compile them, and under the
    whole suite's load Chromium has stalled a load part-way (the server had answered every
    request it was sent and was sent no more): such a load is reloaded once, as a person
    would."""
    page.goto(server.base_url + "/")
    auth = page.locator("#auth-view")
    try:
        auth.wait_for(state="visible", timeout=FIRST_LOAD_MS // 2)
    except PlaywrightTimeout:
        page.reload()
        auth.wait_for(state="visible", timeout=FIRST_LOAD_MS)


def sign_in(page: Any, server: Server, account: dict[str, str]) -> None:
    open_app(page, server)
    form = page.locator("#signin-form")
    form.get_by_label("Email").fill(account["email"])
    form.get_by_label("Password").fill(account["password"])
    form.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Tasks", exact=True).wait_for()
    page.locator("#task-list[aria-busy]").wait_for(state="detached")


def sign_up(page: Any, server: Server, email: str, name: str = "Ada") -> None:
    open_app(page, server)
    page.get_by_role("button", name="Create an account").click()
    form = page.locator("#signup-form")
    form.get_by_label("Name").fill(name)
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Tasks", exact=True).wait_for()


def add_form(page: Any) -> Any:
    return page.locator("form.adding")


def open_options(form: Any) -> None:
    toggle = form.get_by_role("button", name="More options")
    if toggle.count() and toggle.is_visible():
        toggle.click()


def add_task(page: Any, title: str, **fields: Any) -> None:
    """Fill the add form: tags, due_date, due_time, priority, notes, remind_at, repeat..."""
    form = add_form(page)
    form.get_by_label("New task").fill(title)
    if fields:
        open_options(form)
        fill_details(form, **fields)
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/tasks") and r.request.method == "POST"
    ):
        form.get_by_role("button", name="Add", exact=True).click()
    expect(form.get_by_label("New task")).to_have_value("")


def fill_details(form: Any, **fields: Any) -> None:
    if "notes" in fields:
        form.get_by_label("Notes").fill(fields["notes"])
    if "priority" in fields:
        form.get_by_label("Priority").select_option(fields["priority"])
    if "tags" in fields:
        form.get_by_label("Tags").fill(fields["tags"])
    if "due_date" in fields:
        form.get_by_label("Due date").fill(fields["due_date"])
    if "due_time" in fields:
        form.get_by_label("Due time (optional)").fill(fields["due_time"])
    if "remind" in fields:
        form.get_by_label("Reminder").select_option(fields["remind"])
    if "remind_at" in fields:
        form.get_by_label("Reminder").select_option("custom")
        form.get_by_label("Remind at").fill(fields["remind_at"])
    if "repeat" in fields:
        form.get_by_label("Repeats").select_option(fields["repeat"])
    if "interval" in fields:
        form.get_by_label("every", exact=True).fill(str(fields["interval"]))
    for day in fields.get("days", []):
        form.get_by_label(day, exact=True).check()
    if "monthday" in fields:
        form.get_by_label("on day").fill(str(fields["monthday"]))


def tick(page: Any, checkbox: Any) -> None:
    """Tick a task's checkbox and wait until the server has the change. Not check(): in an
    open-tasks list the row may be gone before check() looks whether it is ticked."""
    with page.expect_response(
        lambda r: r.url.endswith(("/complete", "/reopen")) and r.request.method == "POST"
    ):
        checkbox.click()


def rows(page: Any) -> Any:
    return page.locator("#task-list > li.task")


def row(page: Any, title: str) -> Any:
    exact = re.compile(f"^{re.escape(title)}$")
    return rows(page).filter(has=page.locator(".task-title", has_text=exact))


def visible_titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#task-list .task-title").all_inner_texts()]


def shot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def tools_cache() -> Path:
    """Where scripts/install-chromium.sh keeps axe-core (same rule as the script)."""
    if os.environ.get("TODO_TOOLS_CACHE"):
        return Path(os.environ["TODO_TOOLS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "todo-chatbot"


def axe_source() -> str:
    found = sorted(tools_cache().glob("axe-core-*/axe.min.js"))
    require(bool(found), f"axe-core is missing: {INSTALL_HINT}")
    return found[-1].read_text(encoding="utf-8")


def serious_axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its serious and critical violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "async () => JSON.stringify((await axe.run(document, "
        "{resultTypes: ['violations']})).violations)"
    )
    violations: list[dict[str, Any]] = json.loads(result)
    return [v for v in violations if v.get("impact") in {"serious", "critical"}]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:5]]
        lines.append(f"{v['impact']} {v['id']}: {v['help']} -> {targets}")
    return "\n".join(lines)
