"""Whole turns: which tool the engine chooses, and when it asks back instead."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.agent.helpers import args_like, first_call, plan
from todo_chatbot.agent.plan import TaskRef

TASKS = (
    TaskRef(3, "Buy milk"),
    TaskRef(4, "Call mom"),
    TaskRef(5, "Write report"),
    TaskRef(6, "Review report draft"),
    TaskRef(8, "Gym session"),
)


def test_add_with_everything() -> None:
    call = first_call(
        "add team meeting next friday at 2pm #work p1 and remind me 15 minutes before"
    )
    assert call.tool == "add_task"
    assert call.args == {
        "title": "team meeting",
        "priority": "high",
        "tags": ["work"],
        "due": "2026-12-04T14:00:00-05:00",
        "remind_at": "2026-12-04T13:45:00-05:00",
    }


def test_recurring_task_is_due_at_its_first_occurrence() -> None:
    call = first_call("add pay rent every month on the 1st #home")
    assert call.args["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1"
    assert call.args["due"] == "2026-12-01"


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("add send invoice, description: include the hours", "include the hours"),
        ("add send invoice: include the hours", "include the hours"),
        ("add send invoice with note include the hours", "include the hours"),
        ("add send invoice -- include the hours", "include the hours"),
    ],
)
def test_description_conventions(text: str, description: str) -> None:
    call = first_call(text)
    assert call.args["title"] == "send invoice"
    assert call.args["description"] == description


def test_a_statement_without_command_is_a_new_task() -> None:
    assert first_call("buy milk tomorrow").args == {"title": "buy milk", "due": "2026-11-24"}


def test_unknown_questions_get_help_not_a_task() -> None:
    assert plan("what's the weather like?").kind == "none"


@pytest.mark.parametrize("text", ["hello!", "thanks, that's all", "what can you do?", "bye", ""])
def test_small_talk(text: str) -> None:
    result = plan(text)
    assert result.kind == "none" and result.reply and not result.calls


@pytest.mark.parametrize(
    "text",
    [
        "delete it",
        "mark it done",
        "complete the report task",
        "move the report to friday",
        "delete all tasks",
        "undo",
        "remove the laundry task",
    ],
)
def test_asks_back_instead_of_guessing(text: str) -> None:
    result = plan(text, tasks=TASKS)
    assert result.kind == "clarify" and not result.calls
    assert result.reply.endswith("?") or "?" in result.reply


def test_ambiguous_question_names_the_candidates() -> None:
    reply = plan("delete the report", tasks=TASKS).reply
    assert "#5 'Write report'" in reply and "#6 'Review report draft'" in reply


@pytest.mark.parametrize(
    ("text", "tool", "task_id"),
    [
        ("mark the milk task done", "complete_task", 3),
        ("I bought the milk", "complete_task", 3),
        ("done with calling mom", "complete_task", 4),
        ("delete task 7", "delete_task", 7),
        ("remove the gym task", "delete_task", 8),
        ("reopen task 5", "reopen_task", 5),
        ("mark the milk task as not done", "reopen_task", 3),
    ],
)
def test_targeted_commands(text: str, tool: str, task_id: int) -> None:
    call = first_call(text, tasks=TASKS)
    assert (call.tool, call.args) == (tool, {"task_id": task_id})


@pytest.mark.parametrize("text", ["delete tasks 3 and 4", "delete 3 4", "delete 3, 4"])
def test_several_ids_make_several_calls(text: str) -> None:
    result = plan(text, tasks=TASKS)
    assert [(c.tool, c.args["task_id"]) for c in result.calls] == [
        ("delete_task", 3),
        ("delete_task", 4),
    ]


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("change the milk task to high priority", {"priority": "high"}),
        ("move the gym session to friday at 3pm", {"due": "2026-11-27T15:00:00-05:00"}),
        ("rename task 4 to Buy oat milk", {"title": "Buy oat milk"}),
        ("make the gym session repeat every week", {"recurrence": "FREQ=WEEKLY"}),
        ("tag the milk task with #errands", {"tags": ["errands"]}),
        ("add a note to task 3: organic only", {"description": "organic only"}),
        ("remove the due date from task 3", {"due": None}),
    ],
)
def test_updates(text: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=TASKS)
    assert call.tool == "update_task"
    assert {k: v for k, v in call.args.items() if k != "task_id"} == args


def test_verbs_that_also_start_new_tasks() -> None:
    assert first_call("finish the quarterly report by friday").tool == "add_task"
    assert first_call("drop off the parcel tomorrow").tool == "add_task"
    assert first_call("move the car tomorrow").tool == "add_task"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what's still pending?", {"status": "pending"}),
        ("what is overdue?", {"overdue": True, "status": "pending"}),
        ("find tasks about taxes", {"q": "taxes", "status": "pending"}),
        ("show me everything tagged work", {"tag": "work", "status": "pending"}),
        ("which tasks are high priority?", {"priority": "high", "status": "pending"}),
        (
            "what's due tomorrow",
            {
                "due_after": "2026-11-24",
                "due_before": "2026-11-24",
                "sort": "due",
                "status": "pending",
            },
        ),
        # A month or a holiday after "before" / "after" is one bound, not a single day.
        ("what's due before june", {"due_before": "2027-06-01", "status": "pending"}),
        ("what's due after christmas", {"due_after": "2026-12-25", "status": "pending"}),
        # Looked back on: the last Christmas; a June still to come this year is this year's.
        (
            "what did I finish since christmas",
            {"status": "completed", "completed_after": "2025-12-25"},
        ),
        (
            "show stuff I finished before december",
            {"status": "completed", "completed_before": "2026-12-01"},
        ),
        # Done tasks only when asked for.
        ("show completed tasks", {"status": "completed"}),
        ("list everything including completed", {"status": "all"}),
    ],
)
def test_listing(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert call.tool == "list_tasks" and call.args == args


@pytest.mark.parametrize(
    ("text", "remind_at"),
    [
        ("add dinner friday 8pm and remind me at 7", "2026-11-27T19:00:00-05:00"),
        ("add check in for my flight friday 6am and remind me at 6", "2026-11-27T06:00:00-05:00"),
        ("add dentist friday 9am, remind me at 8", "2026-11-27T08:00:00-05:00"),
    ],
)
def test_a_reminder_hour_without_am_pm_is_the_last_one_before_the_task(
    text: str, remind_at: str
) -> None:
    assert first_call(text).args["remind_at"] == remind_at


def test_remind_me_in_a_while_sets_only_a_reminder() -> None:
    call = first_call("remind me in 2 hours to check the oven")
    assert call.args == {"title": "check the oven", "remind_at": "2026-11-23T12:00:00-05:00"}


def test_naive_now_is_taken_as_utc() -> None:
    call = first_call("add x tomorrow at 9am", now=datetime(2026, 11, 23, 10, 0))
    assert call.args["due"] == "2026-11-24T09:00:00+00:00"


@pytest.mark.parametrize(
    "text", ["I called the plumber", "done with calling the plumber", "complete buy bread"]
)
def test_a_matching_verb_is_not_enough_to_complete_a_task(text: str) -> None:
    assert plan(text, tasks=TASKS).kind == "clarify"


def test_labels_and_tag_modifiers_become_tags() -> None:
    assert first_call("add buy milk @home #errands").args["tags"] == ["home", "errands"]
    assert first_call("add a work task: review PR").args == {"title": "review PR", "tags": ["work"]}


def test_a_reminder_before_needs_a_due_time() -> None:
    assert plan("add meeting and remind me 10 minutes before").kind == "clarify"


TAGGED = (
    TaskRef(14, "Henderson contract review", tags=("work", "urgent")),
    TaskRef(26, "Chem problem set", tags=("school",)),
    TaskRef(50, "Pay phone bill", tags=("work",)),
    TaskRef(51, "Pay phone bill", tags=("home",)),
)


@pytest.mark.parametrize(
    ("text", "task_id", "tags"),
    [
        ("add #urgent to the chem problem set", 26, ["school", "urgent"]),
        ("take the #urgent tag off the Henderson one", 14, ["work"]),
        ("change the tag on the chem problem set from school to exams", 26, ["exams"]),
        ("retag the chem problem set as #exams", 26, ["exams"]),
    ],
)
def test_a_tag_said_changes_only_that_tag(text: str, task_id: int, tags: list[str]) -> None:
    call = first_call(text, tasks=TAGGED)
    assert (call.tool, call.args) == ("update_task", {"task_id": task_id, "tags": tags})


@pytest.mark.parametrize("text", ["add buy eggs and make it urgent", "buy eggs and make it urgent"])
def test_a_new_task_then_it_is_the_new_task_not_one_sharing_a_word(text: str) -> None:
    call = first_call(text)
    assert (call.tool, call.args) == ("add_task", {"title": "buy eggs", "priority": "high"})


def test_an_edit_and_how_pressing_it_is_are_one_update() -> None:
    call = first_call("tag task 5 work and make it urgent")
    assert (call.tool, call.args) == (
        "update_task",
        {"task_id": 5, "tags": ["work"], "priority": "high"},
    )


def test_one_tag_taken_off_is_never_read_as_clearing_them_all() -> None:
    call = first_call("can you drop the #urgent tag from the Henderson one", tasks=TAGGED)
    assert (call.tool, call.args) == ("update_task", {"task_id": 14, "tags": ["work"]})
    assert plan("remove the work tag from everything", tasks=TAGGED).kind == "clarify"


def test_of_two_alike_the_one_said_is_chosen() -> None:
    said = "move the phone bill to friday - not the work one, the home one"
    assert first_call(said, tasks=TAGGED).args == {"task_id": 51, "due": "2026-11-27"}
    assert plan("mark the phone bill done - the other one", tasks=TAGGED).kind == "clarify"


def test_a_request_then_a_list_makes_both_calls_in_turn() -> None:
    result = plan("add grab coffee beans, then show me what's left")
    assert [call.tool for call in result.calls] == ["add_task", "list_tasks"]
    assert result.calls[0].args == {"title": "grab coffee beans"}


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("add call bob at half ten pm", "2026-11-23T22:30:00-05:00"),
        ("add job interview tomorrow at quarter past nine am", "2026-11-24T09:15:00-05:00"),
        ("add call bob at quarter to five pm", "2026-11-23T16:45:00-05:00"),
    ],
)
def test_the_half_of_the_day_said_after_a_spoken_time_counts(said: str, due: str) -> None:
    call = first_call(said)
    assert call.args["due"] == due and call.args["title"] in ("call bob", "job interview")


ERRANDS = (
    TaskRef(50, "Cancel gym membership"),
    TaskRef(51, "Drop off parcel"),
    TaskRef(3, "Buy milk"),
)


@pytest.mark.parametrize(
    ("said", "tool", "task_id"),
    [
        ("cancelled the gym membership, yay", "complete_task", 50),
        ("the gym membership is cancelled", "complete_task", 50),
        ("dropped off the parcel", "complete_task", 51),
        ("cancel the gym membership", "delete_task", 50),
        ("cancelled the milk", "delete_task", 3),
    ],
)
def test_a_tasks_own_verb_said_as_done_completes_it(said: str, tool: str, task_id: int) -> None:
    call = first_call(said, tasks=ERRANDS)
    assert (call.tool, call.args) == (tool, {"task_id": task_id})


ROUTINES = (
    TaskRef(21, "Yoga class", due="2026-11-25T10:00:00-05:00"),
    TaskRef(27, "Meditate"),
    TaskRef(30, "Henderson invoice"),
)


def test_a_reminder_before_a_task_named_without_the() -> None:
    call = first_call("remind me 30 mins before yoga", tasks=ROUTINES)
    assert (call.tool, call.args) == (
        "update_task",
        {"task_id": 21, "remind_at": "2026-11-25T09:30:00-05:00"},
    )


def test_a_description_set_on_a_task_named_without_an_apostrophe() -> None:
    call = first_call("change the meditate description to '10 min, headspace app'", tasks=ROUTINES)
    assert call.args == {"task_id": 27, "description": "10 min, headspace app"}


@pytest.mark.parametrize(
    ("said", "q"),
    [("what's left for Henderson?", "Henderson"), ("what's still open for the dog", "dog")],
)
def test_what_is_left_for_something_searches_for_it(said: str, q: str) -> None:
    call = first_call(said, tasks=ROUTINES)
    assert (call.tool, call.args) == ("list_tasks", {"status": "pending", "q": q})


def test_important_after_exclamation_marks_is_the_priority() -> None:
    call = first_call("cancel gym membership!! important")
    assert call.args == {"title": "cancel gym membership", "priority": "high"}


HABITS = (
    TaskRef(31, "Physio exercises", tags=("health",)),
    TaskRef(8, "Log weight"),
    TaskRef(18, "Brush the dog"),
)


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "brushing the dog: every sunday, 8 times",
            {"task_id": 18, "recurrence": "FREQ=WEEKLY;BYDAY=SU;COUNT=8"},
        ),
        (
            "restarting physio exercises — every tue and thu please",
            {"task_id": 31, "recurrence": "FREQ=WEEKLY;BYDAY=TU,TH"},
        ),
        (
            "log weight weekly on fridays, not daily",
            {"task_id": 8, "recurrence": "FREQ=WEEKLY;BYDAY=FR"},
        ),
        ("pause physio for now, no more repeats", {"task_id": 31, "recurrence": None}),
    ],
)
def test_a_routine_changed_or_stopped(said: str, args: dict[str, object]) -> None:
    call = first_call(said, tasks=HABITS)
    assert (call.tool, call.args) == ("update_task", args)


def test_restarting_something_new_is_a_new_routine() -> None:
    call = first_call("restart the router every monday", tasks=HABITS)
    assert call.tool == "add_task" and call.args["title"] == "restart the router"


def test_the_word_repeat_before_a_count_is_not_in_the_title() -> None:
    call = first_call("add fish tank water change every sunday, repeat 6 times")
    assert call.args["title"] == "fish tank water change"
    assert call.args["recurrence"] == "FREQ=WEEKLY;BYDAY=SU;COUNT=6"


OFFICE = (
    TaskRef(58, "Send payment reminders"),
    TaskRef(33, "Call electrician"),
    TaskRef(7, "Return library books", due="2026-11-25"),
    TaskRef(4, "Call mom"),
)


@pytest.mark.parametrize(
    ("said", "task_id"),
    [
        ("electrician called back and it's all sorted, so that one's done", 33),
        ("Payment reminders went out this morning so that's sorted", 58),
    ],
)
def test_a_task_named_then_told_about_then_said_done(said: str, task_id: int) -> None:
    call = first_call(said, tasks=OFFICE)
    assert (call.tool, call.args) == ("complete_task", {"task_id": task_id})


def test_a_verb_alone_names_no_task_said_done() -> None:
    assert plan("done with calling the plumber", tasks=OFFICE).kind == "clarify"


def test_extend_moves_a_task() -> None:
    call = first_call("extend the library books to the 28th", tasks=OFFICE)
    assert call.args == {"task_id": 7, "due": "2026-11-28"}


def test_an_event_then_add_that_and_a_reminder() -> None:
    said = (
        "I have a dentist appointment on the 28th at 6:30pm, could you add that and "
        "remind me 30 minutes before"
    )
    call = first_call(said)
    assert call.args == {
        "title": "dentist appointment",
        "due": "2026-11-28T18:30:00-05:00",
        "remind_at": "2026-11-28T18:00:00-05:00",
    }


def test_black_friday_is_no_friday() -> None:
    call = first_call("add black friday returns by tuesday")
    assert call.args == {"title": "black friday returns", "due": "2026-11-24"}


@pytest.mark.parametrize(
    ("said", "call"),
    [
        ("client pulled the project, kill the gym session task", ("delete_task", {"task_id": 8})),
        (
            "i'm travelling for a bit, take the reminder off task 5",
            ("update_task", {"task_id": 5, "remind_at": None}),
        ),
    ],
)
def test_a_request_after_what_led_up_to_it(said: str, call: tuple[str, dict[str, object]]) -> None:
    made = first_call(said, tasks=TASKS)
    assert (made.tool, made.args) == call


@pytest.mark.parametrize("said", ["let me see what's done", "i want to see what's done"])
def test_seeing_what_is_done_lists_it(said: str) -> None:
    call = first_call(said, tasks=TASKS)
    assert (call.tool, call.args) == ("list_tasks", {"status": "completed"})


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "new routine: stretch for 10 minutes every weekday #fitness",
            {"title": "stretch for 10 minutes", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
        ),
        (
            "whenever you get a chance add sort out old photos, no rush",
            {"title": "sort out old photos", "priority": "low"},
        ),
    ],
)
def test_what_is_said_around_a_new_task(said: str, args: dict[str, object]) -> None:
    call = first_call(said)
    assert call.tool == "add_task"
    assert args_like(call, args) == args


KEYBOARD = (
    TaskRef(1, "Email landlord"),
    TaskRef(2, "Email HR about leave"),
    TaskRef(40, "Book physio"),
)


def test_a_level_then_a_task_named_as_one_sets_its_priority() -> None:
    assert first_call("p1 the landlord task", tasks=KEYBOARD).args == {
        "task_id": 1,
        "priority": "high",
    }
    assert plan("p1 the email task", tasks=KEYBOARD).kind == "clarify"
    assert first_call("p1 call the bank tomorrow", tasks=KEYBOARD).tool == "add_task"


def test_a_task_said_to_belong_under_a_tag() -> None:
    call = first_call("physio one should be under #health", tasks=KEYBOARD)
    assert call.args == {"task_id": 40, "tags": ["health"]}


def test_just_remembered_is_no_part_of_the_title() -> None:
    call = first_call("ugh just remembered, need to return the library books by monday")
    assert call.args == {"title": "return the library books", "due": "2026-11-30"}


CHORES = (
    TaskRef(14, "Call plumber", due="2026-11-25"),
    TaskRef(19, "Pay rent", due="2026-12-01"),
    TaskRef(40, "Order toner for the printer"),
)


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "actually the plumber thing has no deadline, take the date off",
            {"task_id": 14, "due": None},
        ),
        (
            "rent should repeat monthly on the 1st until end of 2027",
            {"task_id": 19, "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20271231"},
        ),
        ("the toner order isn't a big deal, no rush on it", {"task_id": 40, "priority": "low"}),
    ],
)
def test_changes_said_as_facts_about_a_task(said: str, args: dict[str, object]) -> None:
    call = first_call(said, tasks=CHORES)
    assert (call.tool, call.args) == ("update_task", args)


def test_a_question_about_missing_dates_is_no_change() -> None:
    assert first_call("which tasks have no due date", tasks=CHORES).tool == "list_tasks"


PLANS = (
    TaskRef(34, "Sam's birthday party", due="2026-12-21T18:00:00-05:00"),
    TaskRef(7, "Dentist appointment", due="2026-11-25T11:00:00-05:00"),
    TaskRef(8, "Pay dentist invoice"),
)


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "party's now at 7pm on the 21st, update the Sam's birthday party task",
            {"task_id": 34, "due": "2026-12-21T19:00:00-05:00"},
        ),
        (
            "dentist rescheduled me to thursday 4pm, update the appointment pls",
            {"task_id": 7, "due": "2026-11-26T16:00:00-05:00"},
        ),
    ],
)
def test_new_values_then_the_task_they_are_for(said: str, args: dict[str, object]) -> None:
    call = first_call(said, tasks=PLANS)
    assert (call.tool, call.args) == ("update_task", args)


def test_a_count_after_need_is_no_to() -> None:
    call = first_call("add a note to task 4: need 2 photos", tasks=TASKS)
    assert call.args == {"task_id": 4, "description": "need 2 photos"}
    assert first_call("need 2 renew my license").args == {"title": "renew my license"}


def test_no_rush_on_that_one_is_low_priority() -> None:
    call = first_call("whenever you get a sec add clean out the fridge, no rush on that one")
    assert call.args == {"title": "clean out the fridge", "priority": "low"}


def test_i_have_finish_is_a_completion() -> None:
    call = first_call("i have finish the gym session task", tasks=TASKS)
    assert (call.tool, call.args) == ("complete_task", {"task_id": 8})


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "can I get 'water the garden' every 3 days? it's been so dry",
            {"title": "water the garden", "recurrence": "FREQ=DAILY;INTERVAL=3"},
        ),
        (
            "could i maybe set up 'back up the laptop' on the first of every month?",
            {"title": "back up the laptop", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"},
        ),
        (
            "is there a way to make something repeat? like 'pay the nanny' every other friday",
            {"title": "pay the nanny", "recurrence": "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"},
        ),
        (
            "can I add something for next year? book summer holiday, 15 jan",
            {"title": "book summer holiday", "due": "2027-01-15"},
        ),
        (
            "add gym every mon, wed and fri. is that the right way to do repeating stuff?",
            {"title": "gym"},
        ),
        (
            "hmm, could I add 'dinner with Jo' at 7:30pm on friday? and is there a way to get a "
            "ping before?",
            {"title": "dinner with Jo", "due": "2026-11-27T19:30:00-05:00"},
        ),
        (
            "hi sorry, can you add call the insurance company this morning, before I forget",
            {"title": "call the insurance company"},
        ),
        (
            "add submit timesheet every friday #work, oh and it's low priority",
            {"title": "submit timesheet", "priority": "low"},
        ),
    ],
)
def test_a_request_asked_as_a_question_or_wrapped_in_one(
    said: str, args: dict[str, object]
) -> None:
    call = first_call(said)
    assert call.tool == "add_task"
    assert args_like(call, args) == args


FIXES = (
    TaskRef(11, "Dentist appointment", due="2026-11-25T11:00:00-05:00"),
    TaskRef(12, "Pay electricity bill"),
    TaskRef(8, "Vacuum the stairs"),
    TaskRef(40, "Finish slides"),
    TaskRef(41, "Print handout"),
)


@pytest.mark.parametrize(
    ("said", "call"),
    [
        ("could you delete 11, no sorry, 12", ("delete_task", {"task_id": 12})),
        (
            "move the dentist to 4:30 tomorrow, sorry, 4pm, not 4:30",
            ("update_task", {"task_id": 11, "due": "2026-11-24T16:00:00-05:00"}),
        ),
        (
            "change 'vacuum' to high priority, actually no, medium is fine",
            ("update_task", {"task_id": 8, "priority": "medium"}),
        ),
        (
            "done with the slides. wait, no, I meant the handout, the slides still need work",
            ("complete_task", {"task_id": 41}),
        ),
        (
            "move the dentist to mon 10am, no wait 11",
            ("update_task", {"task_id": 11, "due": "2026-11-30T11:00:00-05:00"}),
        ),
    ],
)
def test_part_of_a_change_taken_back(said: str, call: tuple[str, dict[str, object]]) -> None:
    made = first_call(said, tasks=FIXES)
    assert (made.tool, made.args) == call


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "I keep forgetting to water the ferns so can you remind me every sunday",
            {"title": "water the ferns", "recurrence": "FREQ=WEEKLY;BYDAY=SU"},
        ),
        (
            "I'm supposed to send the RSVP by the 20th, could you jot that down?",
            {"title": "send the RSVP", "due": "2026-12-20"},
        ),
    ],
)
def test_what_one_says_of_oneself_is_no_part_of_the_title(
    said: str, args: dict[str, object]
) -> None:
    call = first_call(said)
    assert args_like(call, args) == args


def test_a_tag_or_a_repeat_asked_of_a_task() -> None:
    tagged = first_call("could the gym one be tagged health and fitness?", tasks=TASKS)
    assert tagged.args == {"task_id": 8, "tags": ["health", "fitness"]}
    cleared = first_call("remove the recurring bit from task 8, it was a one-off", tasks=TASKS)
    assert cleared.args == {"task_id": 8, "recurrence": None}


@pytest.mark.parametrize(
    ("said", "args"),
    [
        (
            "not sure if this is how it works but: finish reading chapter 4 by sunday",
            {"title": "finish reading chapter 4", "due": "2026-11-29"},
        ),
        (
            "ok I'm going to try this: urgent!!! call the landlord about the leak",
            {"title": "call the landlord about the leak", "priority": "high"},
        ),
        (
            "the party is saturday so add: buy balloons",
            {"title": "buy balloons", "due": "2026-11-28"},
        ),
    ],
)
def test_a_word_on_how_to_ask_then_the_task(said: str, args: dict[str, object]) -> None:
    call = first_call(said)
    assert (call.tool, call.args) == ("add_task", args)


def test_i_guess_said_after_a_task_is_no_part_of_it() -> None:
    assert first_call("hmm, add call grandma in 4 days i guess").args == {
        "title": "call grandma",
        "due": "2026-11-27",
    }


def test_how_pressing_said_before_the_request() -> None:
    call = first_call("urgent!! add call the landlord about the leak")
    assert call.args == {"title": "call the landlord about the leak", "priority": "high"}


def test_can_wait_then_a_low_priority() -> None:
    call = first_call("the gym session can wait, low prio", tasks=TASKS)
    assert call.args == {"task_id": 8, "priority": "low"}
