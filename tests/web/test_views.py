"""The list's views in a real Chromium: Today, Upcoming by day, Overdue, Completed and All,
each with a URL and a count, all counted by the server in the time zone the browser gave it;
an added task never gets a false "hidden by the current filters" while live updates arrive;
toasts never cover the assistant's input."""

from __future__ import annotations

import contextlib
import re
import time
from datetime import timedelta
from typing import Any

from playwright.sync_api import expect

from tests.support.todo_serve import Server
from tests.web.browser import TIMEZONE, new_context
from tests.web.helpers import add_task, now, register, rows, shot, sign_in, tick

HIDDEN = "hidden by the current filters"


def seed(server: Server, token: str) -> None:
    """Tasks for each view, dated from the user's today (the clock may be moved ahead)."""
    today = now().date()
    with server.client(token) as client:
        for title, due in (
            ("due today", today),
            ("overdue since yesterday", today - timedelta(days=1)),
            ("in three days", today + timedelta(days=3)),
            ("in five days", today + timedelta(days=5)),
            ("some day", None),
            ("finished one", today),
        ):
            body = {"title": title, **({"due": due.isoformat()} if due else {})}
            created = client.post("/api/v1/tasks", json=body)
            assert created.status_code == 201, created.text
        [done] = [
            t for t in client.get("/api/v1/tasks").json()["items"] if t["title"] == "finished one"
        ]
        assert client.post(f"/api/v1/tasks/{done['id']}/complete").status_code == 200


def titles(page: Any) -> Any:
    return page.locator("#task-list .task-title")


def test_every_view_has_a_url_and_a_count(page: Any, web_server: Server) -> None:
    account = register(web_server)
    seed(web_server, account["token"])
    sign_in(page, web_server, account)

    # The browser's zone became the account's, so the server's "today" is the browser's.
    with web_server.client(account["token"]) as client:
        expect(page.locator("#time-zone")).to_have_value(TIMEZONE)
        assert client.get("/api/v1/me/preferences").json()["time_zone"] == TIMEZONE
    # The first counts may be the old zone's (UTC) until the saved zone reloads them.
    expected = {"all": "5", "today": "1", "upcoming": "2", "overdue": "1", "completed": "1"}
    for name, count in expected.items():
        expect(page.locator(f'#views [data-count="{name}"]')).to_have_text(count)

    page.get_by_role("link", name="Today").click()
    expect(page).to_have_url(web_server.base_url + "/#/today")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(titles(page)).to_have_text(["due today"])
    page.reload()  # the URL keeps the view
    expect(titles(page)).to_have_text(["due today"])

    page.get_by_role("link", name="Upcoming").click()
    expect(titles(page)).to_have_text(["in three days", "in five days"])
    expect(page.locator("#task-list .day-heading")).to_have_count(2)  # one heading per day
    shot(page, "view-upcoming-1280")

    page.get_by_role("link", name="Overdue").click()
    expect(titles(page)).to_have_text(["overdue since yesterday"])
    page.get_by_role("link", name="Completed").click()
    expect(titles(page)).to_have_text(["finished one"])
    expect(page.get_by_role("link", name="Completed")).to_have_attribute("aria-current", "page")

    # Completing from a view moves the counts: Today is then empty and says so.
    page.get_by_role("link", name="Today").click()
    expect(rows(page)).to_have_count(1)
    tick(page, page.get_by_role("checkbox", name="due today"))
    expect(page.locator('#views [data-count="today"]')).to_have_text("0")
    expect(page.locator("#empty-state")).to_contain_text("Nothing due today")
    expect(page.locator('#views [data-count="completed"]')).to_have_text("2")

    # The All list is fetched anew, not taken from what the page prefetched when it loaded.
    page.get_by_role("link", name="All").click()
    expect(titles(page)).to_have_text(
        ["overdue since yesterday", "in three days", "in five days", "some day"]
    )


def test_a_picked_time_zone_is_kept(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    expect(page.locator("#time-zone")).to_have_value(TIMEZONE)
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me/preferences") and r.request.method == "PATCH"
    ):
        page.locator("#time-zone").select_option("Asia/Tokyo")
    page.reload()
    expect(page.locator("#time-zone")).to_have_value("Asia/Tokyo")  # not reset to the browser's
    with web_server.client(account["token"]) as client:
        assert client.get("/api/v1/me/preferences").json()["time_zone"] == "Asia/Tokyo"


def test_adding_while_live_updates_arrive_never_says_hidden(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    toasts: list[str] = []

    def record(text: str) -> None:
        toasts.append(text)

    page.expose_function("recordToast", record)
    page.evaluate(
        """() => new MutationObserver((changes) => {
            for (const change of changes)
              for (const node of change.addedNodes) window.recordToast(node.textContent || '');
          }).observe(document.querySelector('#toasts'), { childList: true })"""
    )

    # A slow list: the live update of each add starts a newer load while the add's own load
    # is still on its way, and aborts it (the race that showed the false message).
    def slowly(route: Any) -> None:
        time.sleep(0.4)
        with contextlib.suppress(Exception):  # the page may have aborted it meanwhile
            route.continue_()

    page.route("**/api/v1/tasks?*", slowly)
    for index in range(4):
        add_task(page, f"added {index}")
        page.wait_for_timeout(300)
    page.unroute("**/api/v1/tasks?*")
    expect(rows(page)).to_have_count(4)
    page.wait_for_timeout(1000)
    assert not [text for text in toasts if HIDDEN in text], toasts


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_toasts_leave_the_chat_input_and_send_button_free(browser: Any, web_server: Server) -> None:
    for width, mobile in ((1280, False), (375, True)):
        context = new_context(browser, mobile=mobile, viewport={"width": width, "height": 740})
        try:
            page = context.new_page()
            account = register(web_server)
            sign_in(page, web_server, account)
            page.locator("#filter-priority").select_option("high")
            add_task(page, f"low one at {width}")  # filtered out: a true "hidden" toast
            toast = page.locator("#toasts .toast").first
            expect(toast).to_contain_text(HIDDEN)
            if mobile:
                page.locator("#show-chat").click()
            boxes = [
                page.locator(sel).bounding_box()
                for sel in ("#chat-input", "#chat-form button[type=submit]")
            ]
            box = toast.bounding_box()
            assert box is not None and all(b is not None for b in boxes)
            assert not any(_overlaps(box, b) for b in boxes if b), (width, box, boxes)
            shot(page, f"toast-{width}")
        finally:
            context.close()


def test_quick_add_shows_what_it_understood_and_can_keep_the_text(
    page: Any, web_server: Server
) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    title = page.get_by_label("New task")
    title.fill("pay rent every month on the 1st #home")
    understood = page.locator("form.adding [data-role=understood]")
    expect(understood.locator('[data-kind="repeats"]')).to_be_visible()
    expect(understood.locator('[data-kind="tag"]')).to_have_text("Tag: #home")
    expect(understood.locator('[data-kind="title"]')).to_have_text("Title: pay rent")
    shot(page, "quick-add-1280")
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/tasks") and r.request.method == "POST"
    ):
        page.get_by_role("button", name="Add", exact=True).click()
    expect(titles(page)).to_have_text(["pay rent"])
    with web_server.client(account["token"]) as client:
        [task] = client.get("/api/v1/tasks").json()["items"]
    assert task["recurrence"].startswith("FREQ=MONTHLY") and "BYMONTHDAY=1" in task["recurrence"]
    assert task["tags"] == ["home"] and task["due"] is not None

    # Kept literal: the same kind of line is saved as typed, with nothing read out of it.
    page.get_by_label("Keep text as typed").check()
    title.fill("call mom tomorrow at 5pm")
    expect(understood).to_be_empty()
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/tasks") and r.request.method == "POST"
    ):
        page.get_by_role("button", name="Add", exact=True).click()
    with web_server.client(account["token"]) as client:
        literal = [
            t for t in client.get("/api/v1/tasks").json()["items"] if t["title"] != "pay rent"
        ]
    assert [(t["title"], t["due"]) for t in literal] == [("call mom tomorrow at 5pm", None)]


def test_access_tokens_are_made_once_listed_and_revoked(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    page.get_by_role("button", name="Tokens").click()
    panel = page.locator("#tokens-panel")
    expect(panel.get_by_text("No tokens yet.")).to_be_visible()
    panel.get_by_label("Name").fill("desktop client")
    panel.get_by_role("button", name="Create token").click()
    secret = panel.locator(".token-value")
    expect(secret).to_have_text(re.compile(r"^todo_pat_"))
    token = secret.inner_text()
    expect(panel.locator(".token")).to_have_count(1)

    # The token is real: /mcp takes it (then judges the empty request), until it is revoked.
    with web_server.client(token) as client:
        assert client.post("/mcp", json={}).status_code != 401
    panel.get_by_role("button", name="Revoke “desktop client”").click()
    expect(panel.locator(".token.revoked")).to_have_count(1)
    with web_server.client(token) as client:
        assert client.post("/mcp", json={}).status_code == 401  # refused at once
    page.reload()
    page.get_by_role("button", name="Tokens").click()
    expect(panel.locator(".token-value")).to_have_count(0)  # never shown again
    expect(panel.locator(".token.revoked")).to_have_count(1)


def test_views_and_quick_add_at_375_px(browser: Any, web_server: Server) -> None:
    context = new_context(browser, mobile=True, viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        account = register(web_server)
        seed(web_server, account["token"])
        sign_in(page, web_server, account)
        for name, first in (
            ("Today", "due today"),
            ("Upcoming", "in three days"),
            ("Overdue", "overdue since yesterday"),
            ("Completed", "finished one"),
        ):
            page.get_by_role("link", name=name).click()
            expect(titles(page).first).to_have_text(first)
            shot(page, f"view-{name.lower()}-375")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 375, f"{name}: the page is {width} px wide"
        page.get_by_label("New task").fill("water the plants every weekday at 8am")
        expect(page.locator('form.adding [data-kind="repeats"]')).to_be_visible()
        shot(page, "quick-add-375")
    finally:
        context.close()
