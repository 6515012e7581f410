"""Confirmations shown after a tool ran."""

from __future__ import annotations

from todo_chatbot.agent.plan import TaskRef, ToolCall
from todo_chatbot.agent.rules import describe_result
from todo_chatbot.agent.rules.replies import format_due, which_task_question


def test_added_recurring_task_mentions_rule_and_next_due() -> None:
    call = ToolCall(
        "add_task",
        {"title": "Pay rent", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1", "due": "2026-12-01"},
    )
    result = {
        "id": 7,
        "title": "Pay rent",
        "due": "2026-12-01",
        "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1",
    }
    assert describe_result(call, result) == (
        "Added 'Pay rent' — every month on the 1st, next due Tue 1 Dec"
    )


def test_added_task_inside_a_task_envelope() -> None:
    call = ToolCall("add_task", {"title": "call mom"})
    result = {
        "task": {
            "id": 3,
            "title": "call mom",
            "due": "2026-11-24T08:00:00-05:00",
            "priority": "high",
            "tags": ["family"],
        }
    }
    assert describe_result(call, result) == (
        "Added 'call mom' — due Tue 24 Nov at 08:00, high priority, #family"
    )


def test_update_complete_reopen_delete() -> None:
    task = {"id": 4, "title": "Buy milk"}
    assert describe_result(ToolCall("update_task", {"task_id": 4, "priority": "high"}), task) == (
        "Updated 'Buy milk' — high priority"
    )
    assert describe_result(ToolCall("complete_task", {"task_id": 4}), task) == (
        "Marked 'Buy milk' as done."
    )
    assert describe_result(ToolCall("reopen_task", {"task_id": 4}), task) == "Reopened 'Buy milk'."
    assert describe_result(ToolCall("delete_task", {"task_id": 4}), {"deleted": True}) == (
        "Deleted task 4."
    )


def test_completing_a_recurring_task_mentions_the_next_one() -> None:
    result = {"task": {"id": 4, "title": "Pay rent"}, "next": {"id": 5, "due": "2027-01-01"}}
    text = describe_result(ToolCall("complete_task", {"task_id": 4}), result)
    assert text == "Marked 'Pay rent' as done. Next one is due Fri 1 Jan."


def test_removed_fields_are_named() -> None:
    text = describe_result(ToolCall("update_task", {"task_id": 4, "due": None}), {"title": "X"})
    assert text == "Updated 'X' — due removed"


def test_list_results() -> None:
    call = ToolCall("list_tasks", {})
    assert describe_result(call, {"items": [], "total": 0}) == "No tasks found."
    text = describe_result(
        call,
        {
            "items": [{"id": 1, "title": "Buy milk", "due": "2026-11-24", "priority": "high"}],
            "total": 1,
        },
    )
    assert text == "You have 1 task:\n#1 Buy milk (due Tue 24 Nov, high priority)"


def test_errors_are_reported() -> None:
    call = ToolCall("delete_task", {"task_id": 99})
    assert (
        describe_result(call, {"error": {"code": "not_found", "message": "task 99 not found"}})
        == "Sorry, that didn't work: task 99 not found"
    )


def test_due_formatting() -> None:
    assert format_due("2026-12-01") == "Tue 1 Dec"
    assert format_due("2026-11-27T15:30:00-05:00") == "Fri 27 Nov at 15:30"
    assert format_due("not a date") == "not a date"


def test_which_task_question_lists_the_candidates() -> None:
    question = which_task_question(
        (TaskRef(5, "Write report"), TaskRef(6, "Review draft")), "delete"
    )
    assert question == "Which task should I delete: #5 'Write report' or #6 'Review draft'?"
