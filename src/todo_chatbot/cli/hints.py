"""What `todo list` says when nothing matches: what was asked for, and a next command that
would make the same listing show something. A suggested due date is always tomorrow, so
a hint never proposes a task that is overdue the moment it is added."""

from __future__ import annotations

import shlex
from datetime import date, timedelta
from typing import Any


def _filters(query: dict[str, Any]) -> list[str]:
    """The options that narrow a listing, as `todo list` and `todo add` both spell them."""
    words: list[str] = []
    if query.get("priority"):
        words += ["--priority", str(query["priority"])]
    for tag in query.get("tag") or []:
        words += ["--tag", shlex.quote(str(tag))]
    return words


def _add_command(query: dict[str, Any], *, today: date) -> str:
    """`todo add …` for a task this listing would show: the listing's priority and tags,
    its search words as the title, due tomorrow."""
    title = shlex.quote(query.get("q") or "Buy milk")
    tomorrow = (today + timedelta(days=1)).isoformat()
    return " ".join(["todo", "add", title, *_filters(query), "--due", tomorrow])


def _list_command(query: dict[str, Any], *, overdue: bool) -> str:
    words = ["todo", "list"]
    if (query.get("status") or "pending") != "pending":
        words += ["--status", str(query["status"])]
    words += _filters(query)
    if query.get("q"):
        words += ["--search", shlex.quote(str(query["q"]))]
    if overdue and query.get("overdue"):
        words.append("--overdue")
    return " ".join(words)


def _described(query: dict[str, Any]) -> str:
    status = query.get("status") or "pending"
    parts = ["overdue" if query.get("overdue") else "", "" if status == "all" else status]
    if query.get("priority"):
        parts.append(f"{query['priority']}-priority")
    text = " ".join(part for part in parts if part) + " tasks"
    if query.get("tag"):
        text += " tagged " + " ".join(f"#{tag}" for tag in query["tag"])
    if query.get("q"):
        text += f' matching "{query["q"]}"'
    return text


def empty_list_hint(query: dict[str, Any], *, total: int, today: date | None = None) -> str:
    """The message for an empty page of `todo list` with these options (`total` is how many
    match in all: more than zero when the page lies past the end)."""
    today = today or date.today()
    if total > 0:
        first_page = _list_command(query, overdue=True)
        return f"No tasks on this page ({total} in all). See the first page with: {first_page}"
    described = _described(query)
    if query.get("overdue"):
        return f"No {described}. See what is due with: {_list_command(query, overdue=False)}"
    if query.get("status") == "completed":
        return f"No {described}. Complete one with: todo done ID (IDs from: todo list)"
    filtered = any(query.get(key) for key in ("priority", "tag", "q"))
    if not filtered:
        return f"No tasks. Add one with: {_add_command(query, today=today)}"
    return f"No {described}. Add one with: {_add_command(query, today=today)}"
