"""The web UI end to end: Chromium against a real `todo serve` (one server for the module)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.todo_serve import Server
from tests.web.browser import MOBILE, new_context
from tests.web.helpers import (
    add_form,
    add_task,
    api_tasks,
    describe_violations,
    now,
    open_options,
    register,
    row,
    rows,
    serious_axe_violations,
    shot,
    sign_in,
    sign_up,
    skip_unless_served,
    tick,
    token_of,
    unique_email,
    visible_titles,
)
from todo_chatbot.language.dates import SMALL_HOURS_END

pytestmark = pytest.mark.browser


def iso(day: date) -> str:
    return day.isoformat()


def test_sign_up_then_add_edit_complete_filter_search_delete(page: Any, web_server: Server) -> None:
    sign_up(page, web_server, unique_email("main"), name="Ada")
    expect(page.locator("#empty-state")).to_contain_text("Add one with the form above")
    expect(page.locator("#user-name")).to_have_text("Ada")
    shot(page, "desktop-empty")

    tomorrow = now().date() + timedelta(days=1)
    add_task(
        page,
        "Pay electricity bill",
        tags="bills, #Home",
        due_date=iso(tomorrow),
        due_time="09:30",
        priority="high",
        notes="Account 1234",
    )
    bill = row(page, "Pay electricity bill")
    expect(bill).to_be_visible()
    expect(bill).to_contain_text("Tomorrow, 9:30 AM")
    expect(bill).to_contain_text("#bills")
    expect(bill).to_contain_text("#home")
    expect(bill).to_contain_text("High priority")

    token = token_of(page)
    [stored] = api_tasks(web_server, token)
    assert stored["tags"] == ["bills", "home"]
    assert stored["priority"] == "high"
    assert stored["description"] == "Account 1234"
    assert stored["due"].startswith(f"{iso(tomorrow)}T09:30:00")
    assert re.search(r"[+-]\d\d:\d\d$|Z$", stored["due"])

    add_task(page, "Buy milk", tags="errands", due_date=iso(now().date() - timedelta(days=1)))
    add_task(page, "Read a book")
    expect(rows(page)).to_have_count(3)
    milk = row(page, "Buy milk")
    expect(milk).to_contain_text("Overdue")
    expect(milk).to_have_class(re.compile("due-overdue"))
    expect(page.locator("#list-status")).to_contain_text("3 open tasks · 1 overdue")
    shot(page, "desktop-list")

    # Edit in place
    bill.get_by_role("button", name="Edit “Pay electricity bill”").click()
    editor = page.locator("#task-list form.editing")
    expect(editor.get_by_label("Task")).to_have_value("Pay electricity bill")
    expect(editor.get_by_label("Tags")).to_have_value("bills, home")
    expect(editor.get_by_label("Due time (optional)")).to_have_value("09:30")
    editor.get_by_label("Task").fill("Pay electricity bill online")
    editor.get_by_label("Priority").select_option("medium")
    shot(page, "desktop-edit")
    editor.get_by_role("button", name="Save").click()
    expect(editor).to_have_count(0)
    edited = row(page, "Pay electricity bill online")
    expect(edited).to_be_visible()
    expect(edited).not_to_contain_text("High priority")
    expect(row(page, "Pay electricity bill")).to_have_count(0)

    # Search
    page.get_by_role("searchbox", name="Search tasks").fill("milk")
    expect(rows(page)).to_have_count(1)
    expect(row(page, "Buy milk")).to_be_visible()
    page.get_by_role("searchbox", name="Search tasks").fill("")
    expect(rows(page)).to_have_count(3)

    # Filters: tag, overdue, priority; sort by title
    page.locator("#filter-tag").select_option("bills")
    expect(rows(page)).to_have_count(1)
    expect(row(page, "Pay electricity bill online")).to_be_visible()
    page.locator("#filter-tag").select_option("")
    page.locator("#filter-overdue").check()
    expect(rows(page)).to_have_count(1)
    expect(row(page, "Buy milk")).to_be_visible()
    page.locator("#filter-overdue").uncheck()
    page.locator("#filter-priority").select_option("high")
    expect(rows(page)).to_have_count(0)
    expect(page.locator("#empty-state")).to_contain_text("No tasks match these filters")
    page.get_by_role("button", name="Clear filters").click()
    expect(rows(page)).to_have_count(3)
    page.locator("#sort").select_option("title:asc")
    expect(rows(page)).to_have_count(3)
    assert visible_titles(page) == ["Buy milk", "Pay electricity bill online", "Read a book"]

    # Complete, see it under Done, reopen it
    tick(page, milk.get_by_role("checkbox", name="Buy milk"))
    expect(row(page, "Buy milk")).to_have_count(0)
    expect(page.locator("#toasts")).to_contain_text("Completed “Buy milk”")
    page.locator("#filter-status").select_option("completed")
    done = row(page, "Buy milk")
    expect(done).to_be_visible()
    expect(done.get_by_role("checkbox")).to_be_checked()
    shot(page, "desktop-done")
    done.get_by_role("checkbox").uncheck()
    expect(row(page, "Buy milk")).to_have_count(0)
    page.locator("#filter-status").select_option("pending")
    expect(row(page, "Buy milk")).to_be_visible()

    # Delete: undo first, then delete for real
    book = row(page, "Read a book")
    book.get_by_role("button", name="Delete “Read a book”").click()
    expect(row(page, "Read a book")).to_have_count(0)
    deleted_toast = page.locator("#toasts .toast:not(.leaving)", has_text="Deleted")
    deleted_toast.get_by_role("button", name="Undo").click()
    expect(row(page, "Read a book")).to_be_visible()
    row(page, "Read a book").get_by_role("button", name="Delete “Read a book”").click()
    with page.expect_response(lambda r: r.request.method == "DELETE") as deleted:
        deleted_toast.get_by_role("button", name="Dismiss").click()
    assert deleted.value.status == 204
    expect(row(page, "Read a book")).to_have_count(0)
    titles = {t["title"] for t in api_tasks(web_server, token)}
    assert titles == {"Pay electricity bill online", "Buy milk"}


def test_recurrence_picker_and_next_instance(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    today = now().date()

    add_task(page, "Water plants", due_date=iso(today), repeat="daily", interval=2)
    plants = row(page, "Water plants")
    expect(plants).to_contain_text("every other day")
    expect(plants).to_contain_text("Today")

    form = add_form(page)
    form.get_by_label("New task").fill("Team sync")
    open_options(form)
    form.get_by_label("Due date").fill(iso(today))
    form.get_by_label("Due time (optional)").fill("10:00")
    form.get_by_label("Repeats").select_option("weekly")
    form.get_by_label("every", exact=True).fill("2")
    for day in ("Mon", "Wed"):
        form.get_by_label(day, exact=True).check()
    for day in ("Tue", "Thu", "Fri", "Sat", "Sun"):
        form.get_by_label(day, exact=True).uncheck()
    shot(page, "desktop-recurrence-picker")
    form.get_by_role("button", name="Add", exact=True).click()
    expect(row(page, "Team sync")).to_contain_text("every other Monday and Wednesday")

    add_task(page, "Pay rent", due_date=iso(today), repeat="monthly", monthday=15)
    expect(row(page, "Pay rent")).to_contain_text("every month on the 15th")

    token = token_of(page)
    by_title = {t["title"]: t for t in api_tasks(web_server, token)}
    assert by_title["Water plants"]["recurrence"] == "FREQ=DAILY;INTERVAL=2"
    parts = set(by_title["Team sync"]["recurrence"].split(";"))
    assert parts == {"FREQ=WEEKLY", "INTERVAL=2", "BYDAY=MO,WE"}
    assert "BYMONTHDAY=15" in by_title["Pay rent"]["recurrence"]

    # The editor shows the rule it was given.
    row(page, "Team sync").get_by_role("button", name="Edit “Team sync”").click()
    editor = page.locator("#task-list form.editing")
    expect(editor.get_by_label("Repeats")).to_have_value("weekly")
    expect(editor.get_by_label("every", exact=True)).to_have_value("2")
    expect(editor.get_by_label("Mon", exact=True)).to_be_checked()
    expect(editor.get_by_label("Wed", exact=True)).to_be_checked()
    expect(editor.get_by_label("Tue", exact=True)).not_to_be_checked()
    editor.get_by_role("button", name="Cancel").click()
    expect(editor).to_have_count(0)

    # Completing a recurring task brings the next instance, without a reload.
    tick(page, plants.get_by_role("checkbox", name="Water plants"))
    next_due = today + timedelta(days=2)
    next_label = "Tomorrow" if next_due == today + timedelta(days=1) else next_due.strftime("%a")
    nxt = row(page, "Water plants").filter(has_text=next_label)
    expect(nxt).to_have_count(1, timeout=10_000)
    expect(row(page, "Water plants")).to_have_count(1)
    expect(nxt.get_by_role("checkbox")).not_to_be_checked()
    series = [t for t in api_tasks(web_server, token) if t["title"] == "Water plants"]
    assert len(series) == 2
    assert {t["completed"] for t in series} == {True, False}
    assert len({t["series_id"] for t in series}) == 1
    [pending] = [t for t in series if not t["completed"]]
    assert pending["due"] == iso(next_due)


def test_chat_adds_a_task_and_the_list_updates_without_reload(
    page: Any, web_server: Server
) -> None:
    account = register(web_server)
    skip_unless_served(web_server, "POST", "/api/v1/chat", account["token"])
    skip_unless_served(web_server, "GET", "/api/v1/conversations", account["token"])
    sign_in(page, web_server, account)
    page.evaluate("() => { window.__sameDocument = true; }")

    chat = page.get_by_role("textbox", name="Message the assistant")
    chat.fill("add call the plumber tomorrow at 5pm #home")
    chat.press("Enter")
    log = page.get_by_role("log")
    expect(log.locator(".msg-user")).to_have_text(re.compile("call the plumber"))
    expect(log.locator(".msg-assistant")).to_have_count(1, timeout=15_000)
    expect(log.locator(".tool-call.ok")).to_contain_text("call the plumber")

    plumber = row(page, "call the plumber")
    expect(plumber).to_be_visible()
    # Said in the small hours, "tomorrow" is the coming morning: today's date.
    day = "Today" if now().hour < SMALL_HOURS_END else "Tomorrow"
    expect(plumber).to_contain_text(f"{day}, 5:00 PM")
    expect(plumber).to_contain_text("#home")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    shot(page, "desktop-chat")

    # The conversation is still there after a reload.
    page.reload()
    expect(page.get_by_role("log").locator(".msg-user")).to_contain_text("call the plumber")
    expect(page.get_by_role("log").locator(".tool-call")).to_have_count(1)


def test_changes_made_elsewhere_appear_without_reload(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    page.evaluate("() => { window.__sameDocument = true; }")
    with web_server.client(account["token"]) as client:
        created = client.post("/api/v1/tasks", json={"title": "Made on another device"})
        assert created.status_code == 201
        expect(row(page, "Made on another device")).to_be_visible(timeout=12_000)
        task_id = created.json()["id"]
        assert client.post(f"/api/v1/tasks/{task_id}/complete").status_code == 200
    expect(row(page, "Made on another device")).to_have_count(0, timeout=12_000)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"


def test_reminder_pops_up_as_a_toast_and_can_be_marked_read(page: Any, web_server: Server) -> None:
    account = register(web_server)
    skip_unless_served(web_server, "GET", "/api/v1/notifications", account["token"])
    sign_in(page, web_server, account)
    soon = now() + timedelta(seconds=4)
    add_task(
        page,
        "Stretch your legs",
        due_date=iso(soon.date()),
        due_time=soon.strftime("%H:%M"),
        remind_at=soon.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    expect(row(page, "Stretch your legs")).to_be_visible()
    toast = page.locator("#toasts .toast-reminder")
    expect(toast).to_contain_text("Reminder: Stretch your legs", timeout=30_000)
    bell = page.locator("#notif-button")
    expect(bell).to_have_attribute("aria-label", "Notifications, 1 unread")
    expect(page.locator("#notif-count")).to_have_text("1")
    shot(page, "desktop-reminder")

    toast.hover()  # (a pointer on the toast keeps it up: the open panel must still be on top)
    bell.click()
    panel = page.get_by_role("region", name="Notifications")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Stretch your legs")
    panel.get_by_role("button", name=re.compile("^Mark .*read$")).first.click()
    expect(page.locator("#notif-count")).to_be_hidden()
    expect(bell).to_have_attribute("aria-label", "Notifications")
    with web_server.client(account["token"]) as client:
        body = client.get("/api/v1/notifications").json()
    assert body["unread"] == 0
    assert body["items"][0]["read_at"]


def test_invalid_input_shows_the_message_and_adds_nothing(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "/tasks" in r.url else None,
    )
    form = add_form(page)

    # Caught in the page: no request is sent.
    form.get_by_role("button", name="Add", exact=True).click()
    title = form.get_by_label("New task")
    expect(form.locator("[data-error-for=title]")).to_have_text("Enter a title for the task.")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_be_focused()
    assert posts == []

    # Refused by the server: its message appears next to the field.
    title.fill("Tidy the garage")
    open_options(form)
    form.get_by_label("Tags").fill("!!!")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/api/v1/tasks")  # not /parse
    ) as answer:
        form.get_by_role("button", name="Add", exact=True).click()
    assert answer.value.status == 422
    tags_error = form.locator("[data-error-for=tags]")
    expect(tags_error).to_contain_text("tag")
    expect(form.get_by_label("Tags")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Tags")).to_be_focused()
    shot(page, "desktop-validation")
    assert api_tasks(web_server, account["token"]) == []
    expect(rows(page)).to_have_count(0)

    # Fixing the field clears the message and adds the task.
    form.get_by_label("Tags").fill("garage")
    form.get_by_role("button", name="Add", exact=True).click()
    expect(row(page, "Tidy the garage")).to_be_visible()
    expect(tags_error).to_be_empty()

    # Sign-up checks its fields too.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Create an account").click()
    signup = page.locator("#signup-form")
    signup.get_by_label("Email").fill("not-an-email")
    signup.get_by_label("Password").fill("short")
    signup.get_by_role("button", name="Create account").click()
    expect(signup.locator("[data-error-for=email]")).to_contain_text("email address")
    expect(signup.locator("[data-error-for=password]")).to_contain_text("8 characters")
    signin = page.locator("#signin-form")
    signup.get_by_role("button", name="Sign in").click()
    signin.get_by_label("Email").fill(account["email"])
    signin.get_by_label("Password").fill("wrong-password")
    signin.get_by_role("button", name="Sign in").click()
    expect(signin.get_by_role("alert")).to_contain_text("do not match")


def test_sign_out_clears_the_token_and_it_never_appears_in_a_url(
    page: Any, web_server: Server
) -> None:
    account = register(web_server)
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    sign_in(page, web_server, account)
    token = token_of(page)
    add_task(page, "Check the token")
    page.reload()
    expect(row(page, "Check the token")).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('todo.token')") is None

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#signin-form")).to_be_visible()
    expect(page.locator("#signin-notice")).to_have_text("You are signed out.")
    stored = page.evaluate(
        "() => [sessionStorage.getItem('todo.token'), localStorage.getItem('todo.token')]"
    )
    assert stored == [None, None]
    expect(page.locator("#task-list > li")).to_have_count(0)
    page.reload()
    expect(page.locator("#signin-form")).to_be_visible()
    assert all(token not in url for url in urls)
    assert all("token" not in url.lower() for url in urls)

    # "Keep me signed in" keeps it across a browser restart, i.e. in localStorage.
    form = page.locator("#signin-form")
    form.get_by_label("Email").fill(account["email"])
    form.get_by_label("Password").fill(account["password"])
    form.get_by_label("Keep me signed in on this device").check()
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Tasks", exact=True)).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('todo.token')")
    page.get_by_role("button", name="Sign out").click()
    assert page.evaluate("() => localStorage.getItem('todo.token')") is None


def test_main_flow_at_360_px(browser: Any, web_server: Server) -> None:
    context = new_context(browser, mobile=True)
    try:
        page = context.new_page()
        page.goto(web_server.base_url + "/")
        shot(page, "mobile-sign-in")
        sign_up(page, web_server, unique_email("mobile"))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        shot(page, "mobile-empty")
        tomorrow = now().date() + timedelta(days=1)
        add_task(page, "Book dentist", tags="health", due_date=iso(tomorrow), due_time="08:15")
        add_task(page, "Buy stamps")
        dentist = row(page, "Book dentist")
        expect(dentist).to_contain_text("Tomorrow, 8:15 AM")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        shot(page, "mobile-list")

        dentist.get_by_role("button", name="Edit “Book dentist”").click()
        editor = page.locator("#task-list form.editing")
        editor.get_by_label("Task").fill("Book the dentist")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        shot(page, "mobile-edit")
        editor.get_by_role("button", name="Save").click()
        expect(row(page, "Book the dentist")).to_be_visible()

        page.get_by_role("searchbox", name="Search tasks").fill("stamps")
        expect(rows(page)).to_have_count(1)
        page.get_by_role("searchbox", name="Search tasks").fill("")
        expect(rows(page)).to_have_count(2)

        tick(page, row(page, "Buy stamps").get_by_role("checkbox", name="Buy stamps"))
        expect(row(page, "Buy stamps")).to_have_count(0)
        dentist = row(page, "Book the dentist")
        dentist.get_by_role("button", name="Delete “Book the dentist”").click()
        expect(rows(page)).to_have_count(0)
        expect(page.locator("#empty-state")).to_be_visible()

        # One panel at a time: the assistant is a tap away.
        chat = page.get_by_role("textbox", name="Message the assistant")
        expect(chat).to_be_hidden()
        page.get_by_role("button", name="Assistant").click()
        expect(chat).to_be_visible()
        expect(page.get_by_role("heading", name="Tasks", exact=True)).to_be_hidden()
        shot(page, "mobile-chat")
        page.get_by_role("button", name="Tasks", exact=True).click()
        expect(chat).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser: Any, web_server: Server, scheme: str) -> None:
    """axe-core on every main screen, at 1280 px and at 360 px, in light or dark."""
    context = new_context(browser, color_scheme=scheme)
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        page = context.new_page()
        page.goto(web_server.base_url + "/")
        expect(page.locator("#signin-form")).to_be_visible()
        found["sign-in"] = serious_axe_violations(page)
        shot(page, f"desktop-{scheme}-sign-in")

        account = register(web_server)
        sign_in(page, web_server, account)
        today = now().date()
        add_task(page, "Overdue task", tags="work", due_date=iso(today - timedelta(days=2)))
        add_task(page, "Due today", priority="high", due_date=iso(today), due_time="23:59")
        add_task(page, "Repeats", priority="low", due_date=iso(today), repeat="weekdays")
        expect(rows(page)).to_have_count(3)
        found["list"] = serious_axe_violations(page)

        open_options(add_form(page))
        row(page, "Repeats").get_by_role("button", name="Edit “Repeats”").click()
        found["forms"] = serious_axe_violations(page)
        page.locator("#task-list form.editing").get_by_role("button", name="Cancel").click()

        page.locator("#notif-button").click()
        found["notifications"] = serious_axe_violations(page)
        page.keyboard.press("Escape")

        chat = page.get_by_role("textbox", name="Message the assistant")
        chat.fill("add buy milk")
        chat.press("Enter")
        expect(page.locator("#chat-log").locator(".msg-assistant, .msg-error")).to_have_count(1)
        found["chat"] = serious_axe_violations(page)
        shot(page, f"desktop-{scheme}-list-and-chat")

        page.set_viewport_size(MOBILE)
        found["mobile-list"] = serious_axe_violations(page)
        shot(page, f"mobile-{scheme}-list")
        page.get_by_role("button", name="Assistant").click()
        found["mobile-chat"] = serious_axe_violations(page)
        shot(page, f"mobile-{scheme}-chat")
    finally:
        context.close()
    problems = {screen: describe_violations(v) for screen, v in found.items() if v}
    assert not problems, problems


def test_keyboard_only_add_and_complete(page: Any, web_server: Server) -> None:
    account = register(web_server)
    sign_in(page, web_server, account)
    title = add_form(page).get_by_label("New task")
    expect(title).to_be_focused()
    page.keyboard.type("Keyboard task")
    page.keyboard.press("Enter")
    expect(row(page, "Keyboard task")).to_be_visible()
    expect(title).to_be_focused()
    checkbox = row(page, "Keyboard task").get_by_role("checkbox")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(row(page, "Keyboard task")).to_have_count(0)
    row_edit = page.get_by_role("button", name="Notifications", exact=True)
    row_edit.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Notifications")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("region", name="Notifications")).to_be_hidden()
    expect(row_edit).to_be_focused()
