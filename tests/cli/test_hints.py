"""The empty-result hint of `todo list`: it follows the filter, and never suggests a date in
the past."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.clock import today
from todo_chatbot.cli.hints import empty_list_hint

PENDING = {"status": "pending", "sort": "due", "order": "asc", "limit": 50, "offset": 0}


def tomorrow() -> str:
    return (today() + timedelta(days=1)).isoformat()


def test_no_tasks_suggests_adding_one_due_tomorrow() -> None:
    hint = empty_list_hint(PENDING, total=0, today=today())
    assert hint == f"No tasks. Add one with: todo add 'Buy milk' --due {tomorrow()}"


def test_the_suggested_task_matches_the_filter() -> None:
    query = {**PENDING, "priority": "high", "tag": ["home", "weekly chores"], "q": "milk"}
    hint = empty_list_hint(query, total=0, today=today())
    assert hint.startswith(
        'No pending high-priority tasks tagged #home #weekly chores matching "milk"'
    )
    assert hint.endswith(
        f"todo add milk --priority high --tag home --tag 'weekly chores' --due {tomorrow()}"
    )


@pytest.mark.parametrize("days", [-400, -1, 0, 1, 400])
def test_the_suggested_date_is_never_past(days: int) -> None:
    day = today() + timedelta(days=days)
    hint = empty_list_hint(PENDING, total=0, today=day)
    assert hint.endswith(f"--due {(day + timedelta(days=1)).isoformat()}")


def test_nothing_overdue_suggests_the_same_listing_without_overdue() -> None:
    hint = empty_list_hint({**PENDING, "overdue": True, "tag": ["work"]}, total=0)
    assert (
        hint == "No overdue pending tasks tagged #work. See what is due with: todo list --tag work"
    )
    assert "--due" not in hint  # an overdue task would need a past date


def test_nothing_completed_suggests_completing_one() -> None:
    hint = empty_list_hint({**PENDING, "status": "completed"}, total=0)
    assert hint.startswith("No completed tasks. Complete one with: todo done ID")


def test_a_page_past_the_end_points_to_the_first_page_of_the_same_listing() -> None:
    query = {**PENDING, "status": "all", "tag": ["home"], "offset": 100}
    hint = empty_list_hint(query, total=3)
    assert hint == (
        "No tasks on this page (3 in all). See the first page with: "
        "todo list --status all --tag home"
    )
