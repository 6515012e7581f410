"""Messages about tasks already on the list, said without a command verb: reports of work
done, new values for a task named by part of its title, moves that keep the time, reopening
and deleting said in a sentence, and list questions made of filters alone."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.agent.helpers import args_like, first_call, plan
from todo_chatbot.agent.plan import TaskRef
from todo_chatbot.agent.rules.intent import command_after_name
from todo_chatbot.agent.rules.refs import explicit_ids

THURSDAY = datetime.fromisoformat("2026-12-03T19:30:00-05:00")

TASKS = (
    TaskRef(1, "Buy milk"),
    TaskRef(2, "Pay rent", due="2026-12-05"),
    TaskRef(3, "Dentist appointment", due="2026-12-08T14:00:00-05:00"),
    TaskRef(4, "Call the landlord"),
    TaskRef(5, "Water the plants"),
    TaskRef(6, "Return library books"),
    TaskRef(7, "Take out the recycling"),
    TaskRef(8, "Mail holiday cards", due="2026-12-10"),
    TaskRef(9, "Finish budget draft", due="2026-12-07T09:00:00-05:00", tags=("work",)),
    TaskRef(10, "Fix bike tire"),
    TaskRef(11, "Call mom"),
    TaskRef(12, "Call the plumber"),
    TaskRef(404, "Renew passport"),
)


def _call(text: str) -> tuple[str, dict[str, object]]:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    return call.tool, call.args


@pytest.mark.parametrize(
    ("text", "task_id"),
    [
        ("rents sorted", 2),
        ("milk got it", 1),
        ("library books returned finally", 6),
        ("library books I brought back already", 6),
        ("milk, I bought it this morning", 1),
        ("recyclings out ✅", 7),
        ("the recycling is out", 7),
        ("the library books are back", 6),
        ("mark the rent as paid", 2),
    ],
)
def test_a_report_of_work_done_completes_the_task(text: str, task_id: int) -> None:
    assert _call(text) == ("complete_task", {"task_id": task_id})


@pytest.mark.parametrize("text", ["milk is out", "the plumber came", "mom called me back"])
def test_a_remark_about_a_task_word_is_no_completion(text: str) -> None:
    result = plan(text, now=THURSDAY, tasks=TASKS)
    assert not any(call.tool == "complete_task" for call in result.calls)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cards tmrw", {"task_id": 8, "due": "2026-12-04"}),
        ("bike tire p1 now, need it by mon", {"task_id": 10, "priority": "high"}),
        (
            "plants shld be every 3 days not daily",
            {"task_id": 5, "recurrence": "FREQ=DAILY;INTERVAL=3"},
        ),
        ("landlord call not urgent anymore", {"task_id": 4, "priority": "low"}),
        ("budget draft can be tue instead", {"task_id": 9, "due": "2026-12-08T09:00:00-05:00"}),
        ("the landlord call, remind me tomorrow at noon", {"task_id": 4}),
    ],
)
def test_new_values_for_a_task_named_by_its_title(text: str, expected: dict[str, object]) -> None:
    tool, args = _call(text)
    assert tool == "update_task"
    assert {key: args.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", ["buy milk tomorrow", "call mom, high priority"])
def test_a_task_line_that_restates_a_title_with_its_verb_stays_new(text: str) -> None:
    assert _call(text)[0] == "add_task"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("move the dentist to friday, same time", "2026-12-04T14:00:00-05:00"),
        ("the dentist has been pushed to wednesday, same time", "2026-12-09T14:00:00-05:00"),
        ("dentist appointment moved to thu", "2026-12-10T14:00:00-05:00"),
        ("the dentist has moved to ten tomorrow", "2026-12-04T10:00:00-05:00"),
    ],
)
def test_a_move_keeps_what_was_not_said(text: str, due: str) -> None:
    tool, args = _call(text)
    assert (tool, args.get("due")) == ("update_task", due)


@pytest.mark.parametrize(
    ("text", "tool", "task_id"),
    [
        ("the rent I marked as done by mistake, can you put it back please", "reopen_task", 2),
        ("I marked the milk done by accident", "reopen_task", 1),
        ("I have not called the plumber yet, please set it back to not done", "reopen_task", 12),
        ("rent, not done after all", "reopen_task", 2),
        ("the passport I must renew again, it was rejected", "reopen_task", 404),
        ("task 9 nvm delete", "delete_task", 9),
        ("the library books I don't need anymore, remove it please", "delete_task", 6),
        ("milk not needed anymore", "delete_task", 1),
        ("mark task four oh four as complete", "complete_task", 404),
    ],
)
def test_commands_said_in_a_sentence(text: str, tool: str, task_id: int) -> None:
    assert _call(text) == (tool, {"task_id": task_id})


def test_a_command_on_it_without_a_matching_task_asks_back() -> None:
    assert plan("the yoga class, remove it", now=THURSDAY, tasks=TASKS).kind == "clarify"
    assert plan("call done", now=THURSDAY, tasks=TASKS).kind == "clarify"  # three calls


def test_the_command_after_a_name_is_read_as_a_plain_command() -> None:
    assert command_after_name("fridge isnt clean yet, reopen") == "reopen fridge isnt clean yet"
    assert command_after_name("add milk and delete") is None


def test_dictated_task_numbers() -> None:
    assert explicit_ids("number nine oh four") == [904]
    assert explicit_ids("task twenty three") == [23]
    assert explicit_ids("my number one priority") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p1s only", {"priority": "high"}),
        ("overdue stuff 😬", {"overdue": True}),
        ("next wk look like?", {"due_after": "2026-12-07", "due_before": "2026-12-13"}),
        ("this weekend?", {"due_after": "2026-12-05", "due_before": "2026-12-06"}),
        ("high prio work stuff", {"priority": "high", "tag": "work"}),
        ("any gift stuff", {"q": "gift"}),
        ("what did i knock out already", {"status": "completed"}),
        ("what am i behind on", {"overdue": True}),
        ("Please send me a list of all high priority items. Regards, J.", {"priority": "high"}),
        ("I was wondering if I have anything that is overdue", {"overdue": True}),
        ("search for christmas", {"q": "christmas"}),
        ("show me all my tasks, including the ones I have finished", {"status": "all"}),
        (
            "What's due between now and the end of next week?",
            {"due_after": "2026-12-03", "due_before": "2026-12-13"},
        ),
    ],
)
def test_list_questions_without_a_list_verb(text: str, expected: dict[str, object]) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert call.tool == "list_tasks"
    assert args_like(call, expected) == expected


@pytest.mark.parametrize("text", ["milk", "call mom p1", "move my stuff"])
def test_a_word_left_beside_the_filters_is_no_list(text: str) -> None:
    result = plan(text, now=THURSDAY, tasks=TASKS)
    assert not any(call.tool == "list_tasks" for call in result.calls)


TWO_OF_A_KIND = (
    TaskRef(1, "Buy milk"),
    TaskRef(2, "Buy oat milk"),
    TaskRef(5, "Email the landlord"),
    TaskRef(6, "Call the landlord"),
)


@pytest.mark.parametrize("text", ["milk tmrw", "milk got it", "landlord tomorrow"])
def test_part_of_two_titles_asks_which_task(text: str) -> None:
    result = plan(text, now=THURSDAY, tasks=TWO_OF_A_KIND)
    assert result.kind == "clarify"
    assert "#1" in result.reply or "#5" in result.reply


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "dentist reminder 1 hour before",
            {"task_id": 3, "remind_at": "2026-12-08T13:00:00-05:00"},
        ),
        ("dentist appointment friday, not tuesday", {"task_id": 3}),
        ("landlord call high prio", {"task_id": 4, "priority": "high"}),
        ("budget draft eod fri", {"task_id": 9, "due": "2026-12-04T17:00:00-05:00"}),
        ("they rescheduled my dentist appointment to friday", {"task_id": 3}),
    ],
)
def test_more_edits_said_of_a_named_task(text: str, expected: dict[str, object]) -> None:
    tool, args = _call(text)
    assert tool == "update_task"
    assert {key: args.get(key) for key in expected} == expected


@pytest.mark.parametrize(
    "text", ["milk is expensive", "the cards are cute", "haircut was great", "landlord said no"]
)
def test_a_remark_without_values_is_never_filed(text: str) -> None:
    assert plan(text, now=THURSDAY, tasks=TASKS).kind in ("clarify", "none")


@pytest.mark.parametrize(
    ("text", "task_id"),
    [("wrapped everything!!", 7), ("Yesterday I called mom.", 11), ("did the laundry ✅", 15)],
)
def test_reports_with_the_object_left_out_or_the_day_first(text: str, task_id: int) -> None:
    others = tuple(t if t.id != 7 else TaskRef(7, "Wrap presents") for t in TASKS)
    tasks = (*others, TaskRef(15, "Do laundry"))
    call = first_call(text, now=THURSDAY, tasks=tasks)
    assert (call.tool, call.args) == ("complete_task", {"task_id": task_id})


@pytest.mark.parametrize(
    ("text", "tool", "task_id"),
    [
        ("please take the milk off my list", "delete_task", 1),
        ("milk can come off the list", "delete_task", 1),
        ("the haircut cancelled", "delete_task", 13),
        ("please mark the rent as paid", "complete_task", 2),
        ("rent still not paid", "reopen_task", 2),
    ],
)
def test_removals_and_reopenings_without_the_usual_verb(text: str, tool: str, task_id: int) -> None:
    tasks = (*TASKS, TaskRef(13, "Haircut"))
    call = first_call(text, now=THURSDAY, tasks=tasks)
    assert (call.tool, call.args) == (tool, {"task_id": task_id})


@pytest.mark.parametrize("text", ["cards tmrw?", "put it back", "milk ❌"])
def test_a_question_or_a_bare_pronoun_changes_and_files_nothing(text: str) -> None:
    result = plan(text, now=THURSDAY, tasks=TASKS)
    assert result.kind in ("clarify", "none")


def test_an_order_opening_with_do_is_no_question() -> None:
    assert first_call("do laundry sunday", now=THURSDAY).tool == "add_task"
