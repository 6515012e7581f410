"""Phrasings the rules engine reads without the usual command words: edits that restate a
task, times that keep the task's day, events said as facts, moods and availability questions."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.agent.helpers import args_like, first_call, plan
from todo_chatbot.agent.plan import TaskRef

TASKS = (
    TaskRef(3, "Buy milk", tags=("errands",)),
    TaskRef(4, "Call mom"),
    TaskRef(12, "Call the plumber"),
    TaskRef(15, "Dentist appointment", due="2026-11-26T14:00:00-05:00"),
    TaskRef(23, "Clean the garage"),
    TaskRef(43, "Dinner with the Wilsons", due="2026-11-27T19:00:00-05:00"),
    TaskRef(63, "Return library books", due="2026-11-28"),
)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("move the dentist to 5pm", "2026-11-26T17:00:00-05:00"),
        ("dentist appt -> 3:30pm", "2026-11-26T15:30:00-05:00"),
        ("move the dentist to 11", "2026-11-26T11:00:00-05:00"),
        ("dinner with the wilsons is at 7:30 now", "2026-11-27T19:30:00-05:00"),
        ("the dentist is at 10am", "2026-11-26T10:00:00-05:00"),
    ],
)
def test_a_new_time_alone_keeps_the_day_the_task_is_due(text: str, due: str) -> None:
    call = first_call(text, tasks=TASKS)
    assert call.tool == "update_task"
    assert call.args["due"] == due


def test_a_task_without_a_due_day_gets_the_time_today() -> None:
    call = first_call("move the plumber to 5pm", tasks=TASKS)
    assert call.args == {"task_id": 12, "due": "2026-11-23T17:00:00-05:00"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("call the plumber on wednesday instead", {"task_id": 12, "due": "2026-11-25"}),
        ("milk tomorrow instead", {"task_id": 3, "due": "2026-11-24"}),
        ("the plumber can wait till next month", {"task_id": 12, "due": "2026-12-01"}),
    ],
)
def test_a_correction_without_an_edit_verb_updates_the_task(
    text: str, args: dict[str, object]
) -> None:
    call = first_call(text, tasks=TASKS)
    assert call.tool == "update_task" and call.args == args


def test_a_correction_naming_words_of_no_task_is_asked_about() -> None:
    assert plan("buy bread tomorrow instead", tasks=TASKS).kind == "clarify"


@pytest.mark.parametrize(
    ("text", "tool", "task_id"),
    [
        ("the garage is clean now", "complete_task", 23),
        ("the plumber came, done", "complete_task", 12),
        ("called mom yesterday", "complete_task", 4),
        ("the library books aren't returned yet", "reopen_task", 63),
        ("we cancelled dinner with the wilsons", "delete_task", 43),
        ("don't bother with the garage", "delete_task", 23),
        ("nix the dentist appointment", "delete_task", 15),
    ],
)
def test_reports_about_a_task(text: str, tool: str, task_id: int) -> None:
    call = first_call(text, tasks=TASKS)
    assert (call.tool, call.args) == (tool, {"task_id": task_id})


def test_an_adjective_says_nothing_about_a_task_with_another_verb() -> None:
    assert plan("the milk is clean", tasks=TASKS).kind == "clarify"


def test_an_event_said_as_a_fact_is_added_when_it_has_a_day() -> None:
    call = first_call("I have a dentist appointment on the 3rd at 4")
    assert call.args == {"title": "dentist appointment", "due": "2026-12-03T16:00:00-05:00"}
    assert plan("I have a cold today").kind != "tools"


@pytest.mark.parametrize(
    "text",
    [
        "i'm so tired",
        "my boss is so annoying today",
        "ugh mondays",
        "cool beans",
        "gm",
        "you're doing great",
        "30 days without smoking today, so proud of myself",
        "too many meetings today honestly, my brain is mush",
        "not bad tbh",
        "happy saturday! 😊",
        "just testing if this thing works",
        "I just wanted to say you've been a lifesaver this week",
        "I'm so tired of work honestly",
        "haha you're funnier than my last todo app",
        "I need to think about what I want to add first, brb",
        "that all looks good, no changes needed",
        "Good morning! Hope you're having a nice day.",
    ],
)
def test_moods_and_chatter_get_a_reply_and_never_a_task(text: str) -> None:
    assert plan(text, tasks=TASKS).kind == "none"


@pytest.mark.parametrize(
    ("text", "day"),
    [("am i free on friday?", "2026-11-27"), ("busy tomorrow?", "2026-11-24")],
)
def test_availability_questions_list_that_day(text: str, day: str) -> None:
    call = first_call(text, tasks=TASKS)
    assert call.tool == "list_tasks"
    assert (call.args["due_after"], call.args["due_before"]) == (day, day)


def test_a_question_naming_a_tag_lists_it() -> None:
    call = first_call("any errands?", tasks=TASKS)
    assert call.tool == "list_tasks" and call.args["tag"] == "errands"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("wendesday 2pm call with the bank", {"due": "2026-11-25T14:00:00-05:00"}),
        ("ev monday 8am weekly review", {"recurrence": "FREQ=WEEKLY;BYDAY=MO"}),
        ("clean out the fridge b4 thursday", {"title": "clean out the fridge"}),
        ("create taks: order printer paper", {"title": "order printer paper"}),
        ("add fix bike to chores", {"title": "fix bike", "tags": ["chores"]}),
        ("tomorrow i need to call the bank at 11", {"title": "call the bank"}),
    ],
)
def test_typos_and_shorthand_in_new_tasks(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert call.tool == "add_task"
    assert args_like(call, args) == args


def test_ev_is_every_only_before_a_day() -> None:
    assert first_call("charge the ev tomorrow").args == {
        "title": "charge the ev",
        "due": "2026-11-24",
    }


def test_a_swapped_pair_of_letters_in_a_command_word_is_read_as_it() -> None:
    assert first_call("shwo my tasks", tasks=TASKS).tool == "list_tasks"


MORE_TASKS = (
    TaskRef(85, "Mow the lawn"),
    TaskRef(87, "Plan 4th of July BBQ"),
    TaskRef(93, "Book train to Munich", due="2026-12-15"),
    TaskRef(95, "Renew gym membership"),
)


def test_a_negated_report_never_ticks_a_task_off() -> None:
    call = first_call("the lawn isn't done, it rained", tasks=MORE_TASKS)
    assert (call.tool, call.args) == ("reopen_task", {"task_id": 85})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("lawn done, finally", "complete_task", {"task_id": 85}),
        ("the bbq is off", "delete_task", {"task_id": 87}),
        (
            "the munich train should be booked by friday",
            "update_task",
            {"task_id": 93, "due": "2026-11-27"},
        ),
        (
            "the gym membership renewal repeats yearly",
            "update_task",
            {"task_id": 95, "recurrence": "FREQ=YEARLY"},
        ),
    ],
)
def test_statements_about_more_tasks(text: str, tool: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=MORE_TASKS)
    assert (call.tool, call.args) == (tool, args)


@pytest.mark.parametrize(
    "text",
    [
        "merry christmas!",
        "happy holidays 🎄",
        "should i call my mom?",
        "that's not what i meant",
        "hmm let me think",
    ],
)
def test_greetings_questions_and_second_thoughts_file_nothing(text: str) -> None:
    assert plan(text, tasks=MORE_TASKS).kind != "tools"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("weekly on fridays: clean the bathroom", {"title": "clean the bathroom"}),
        ("add gym weekly on mondays and thursdays", {"title": "gym"}),
        ("new years party prep on dec 31 at 4pm", {"title": "new years party prep"}),
        ("make a dinner reservation for saturday at 8", {"due": "2026-11-28T20:00:00-05:00"}),
        ("breakfast with Ana at 6 tomorrow", {"due": "2026-11-24T06:00:00-05:00"}),
        ("schedule dentist for jan 12 @ 3", {"due": "2027-01-12T15:00:00-05:00"}),
    ],
)
def test_new_task_lines(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert call.tool == "add_task"
    assert args_like(call, args) == args


STD_TASKS = (
    TaskRef(3, "Buy milk", tags=("errands",)),
    TaskRef(7, "Pay rent", tags=("bills",)),
    TaskRef(11, "Vet visit for Rex"),
)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("the vet visit went fine", "complete_task", {"task_id": 11}),
        ("mark the rent as unpaid", "reopen_task", {"task_id": 7}),
        ("rent due dec 1", "update_task", {"task_id": 7, "due": "2026-12-01"}),
        (
            "the vet visit needs a note: bring his vaccination card",
            "update_task",
            {"task_id": 11, "description": "bring his vaccination card"},
        ),
        ("my errands", "list_tasks", {"tag": "errands", "status": "pending"}),
    ],
)
def test_edits_and_lists_without_their_usual_verbs(
    text: str, tool: str, args: dict[str, object]
) -> None:
    call = first_call(text, tasks=STD_TASKS)
    assert (call.tool, call.args) == (tool, args)


def test_an_occasion_after_for_stays_in_the_title_when_a_deadline_is_given() -> None:
    call = first_call("book flights for xmas by friday")
    assert call.args == {"title": "book flights for xmas", "due": "2026-11-27"}


@pytest.mark.parametrize("text", ["ok that's it for today", "i love you", "um, thanks", "help pls"])
def test_more_small_talk(text: str) -> None:
    assert plan(text, tasks=STD_TASKS).kind == "none"


@pytest.mark.parametrize(
    ("text", "tool"),
    [("Ive paid the rent", "complete_task"), ("what do I have tmrw?", "list_tasks")],
)
def test_contractions_and_shorthand_without_apostrophes(text: str, tool: str) -> None:
    assert first_call(text, tasks=STD_TASKS).tool == tool


def test_finishing_two_tasks_named_together() -> None:
    tasks = (TaskRef(101, "Call mom"), TaskRef(102, "Call dad"))
    result = plan("called mom and dad", tasks=tasks)
    assert [(c.tool, c.args["task_id"]) for c in result.calls] == [
        ("complete_task", 101),
        ("complete_task", 102),
    ]


def test_gonna_need_to_files_a_task() -> None:
    call = first_call("i'm gonna need to renew the car insurance before april")
    assert call.args == {"title": "renew the car insurance", "due": "2027-04-01"}


TOKYO_TASKS = (
    TaskRef(121, "Submit visa application", due="2027-03-18"),
    TaskRef(125, "Pay phone bill", tags=("bills",), due="2027-03-20"),
    TaskRef(127, "Prepare slides for Monday", tags=("work",)),
)


@pytest.mark.parametrize(
    "text", ["is the phone bill due this week?", "did i pay the phone bill?", "is the visa done?"]
)
def test_a_question_about_a_task_changes_nothing(text: str) -> None:
    result = plan(text, tasks=TOKYO_TASKS)
    assert all(call.tool == "list_tasks" for call in result.calls)


def test_a_turned_down_value_is_not_read() -> None:
    call = first_call("the visa application is due the 17th, not the 18th", tasks=TOKYO_TASKS)
    assert call.args == {"task_id": 121, "due": "2026-12-17"}


def test_ready_says_a_preparing_task_is_done() -> None:
    call = first_call("slides are ready", tasks=TOKYO_TASKS)
    assert (call.tool, call.args) == ("complete_task", {"task_id": 127})


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("gym mon/wed/fri 7am", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        ("pay the nanny bi-weekly on fridays", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("every 2nd and 4th tuesday: choir practice", "FREQ=MONTHLY;BYDAY=2TU,4TU"),
    ],
)
def test_more_repetitions(text: str, rule: str) -> None:
    assert first_call(text).args["recurrence"] == rule


@pytest.mark.parametrize(
    "text",
    [
        "push the plumber to tomorrow",
        "gym session -> friday 6pm",
        "expense report submitted",
        "call mom at 7pm instead",
        "meeting prep should be at 2pm",
        "scratch the plumber one",
        "make the rent high priority",
        "make the gym a weekly thing on saturdays",
        "push the dentist back an hour",
        "the oven is clean",
        "dentist moved to next monday",
    ],
)
def test_an_edit_of_a_task_not_on_the_list_is_asked_about_never_filed(text: str) -> None:
    assert plan(text).kind == "clarify"


@pytest.mark.parametrize(
    "text",
    ["move the car tomorrow", "get the car washed", "buy a new bed", "book hair appt for next sat"],
)
def test_task_lines_that_look_like_edits_are_still_added(text: str) -> None:
    assert first_call(text).tool == "add_task"


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("#4 is done", "complete_task", {"task_id": 4}),
        ("we can drop the plumber", "delete_task", {"task_id": 12}),
        ("the plumber needs redoing", "reopen_task", {"task_id": 12}),
        ("drop the priority on the plumber", "update_task", {"task_id": 12, "priority": "low"}),
    ],
)
def test_numbers_modals_and_priority_drops(text: str, tool: str, args: dict[str, object]) -> None:
    tasks = (TaskRef(4, "Call mom"), TaskRef(12, "Call the plumber"))
    call = first_call(text, tasks=tasks)
    assert (call.tool, call.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("run every other morning", {"title": "run", "recurrence": "FREQ=DAILY;INTERVAL=2"}),
        ("send the rent reminder email on the 28th", {"title": "send the rent reminder email"}),
        ("the 12th: pay the water bill", {"title": "pay the water bill", "due": "2026-12-12"}),
    ],
)
def test_reminder_as_a_title_word_and_date_headings(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert args_like(call, args) == args


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("water plants mon wed fri", {"recurrence": "FREQ=WEEKLY;BYDAY=MO,WE,FR"}),
        ("every month 10th pay credit card", {"recurrence": "FREQ=MONTHLY;BYMONTHDAY=10"}),
        ("pay school fees before 5th feb", {"due": "2027-02-05"}),
        ("pay rent on 5th", {"due": "2026-12-05"}),
    ],
)
def test_terse_days_and_repetitions(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert args_like(call, args) == args


def test_a_whole_title_with_a_new_repetition_changes_that_task() -> None:
    tasks = (TaskRef(146, "Yoga class"),)
    call = first_call("yoga class every saturday", tasks=tasks)
    assert (call.tool, call.args) == (
        "update_task",
        {"task_id": 146, "recurrence": "FREQ=WEEKLY;BYDAY=SA"},
    )
    assert first_call("yoga class tomorrow", tasks=tasks).tool == "add_task"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("put out the bins tonight", "add_task"),
        ("print boarding passes tomorrow night", "add_task"),
        ("i won't need the plumber anymore", "delete_task"),
        ("when's the dentist?", "list_tasks"),
        ("what time is my dentist appointment", "list_tasks"),
    ],
)
def test_present_looking_past_tenses_and_questions_about_a_task(text: str, tool: str) -> None:
    tasks = (TaskRef(12, "Call the plumber"), TaskRef(15, "Dentist appointment"))
    assert first_call(text, tasks=tasks).tool == tool


def test_a_reminder_before_an_event_is_titled_by_the_event() -> None:
    call = first_call("remind me 15 min before the webinar at 2")
    assert call.args["title"] == "webinar"


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("the plumber was here this morning, all fixed", "complete_task", {"task_id": 12}),
        ("i didn't go to the gym after all", "reopen_task", {"task_id": 8}),
        ("the vet visit isn't needed anymore", "delete_task", {"task_id": 11}),
        ("label the milk task errands", "update_task", {"task_id": 3, "tags": ["errands"]}),
    ],
)
def test_reports_and_labels_in_everyday_words(
    text: str, tool: str, args: dict[str, object]
) -> None:
    tasks = (
        TaskRef(3, "Buy milk"),
        TaskRef(8, "Gym session"),
        TaskRef(11, "Vet visit for Rex"),
        TaskRef(12, "Call the plumber"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, call.args) == (tool, args)


def test_a_chore_named_with_an_edit_verb_and_a_repetition_is_added() -> None:
    call = first_call("update the budget spreadsheet monthly on the last day")
    assert call.args["title"] == "update the budget spreadsheet"


def test_i_need_a_reminder_to_files_the_task_after_it() -> None:
    assert first_call("hey i need a reminder to call the vet at 4").args["title"] == "call the vet"


def test_never_mind_leave_it_is_small_talk() -> None:
    assert plan("never mind, leave it").kind == "none"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("move the couch to the basement tomorrow", {"title": "move the couch to the basement"}),
        ("pick up Emma at 5:30 from swim practice", {"title": "pick up Emma from swim practice"}),
    ],
)
def test_chores_with_moving_verbs_and_phrases_after_a_time(
    text: str, args: dict[str, object]
) -> None:
    call = first_call(text, tasks=STD_TASKS)
    assert call.tool == "add_task"
    assert args_like(call, args) == args


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("remove rent from my tasks", "delete_task", {"task_id": 7}),
        ("rent -> 1st", "update_task", {"task_id": 7, "due": "2026-12-01"}),
        ("i still need to pay the rent, reopen it", "reopen_task", {"task_id": 7}),
    ],
)
def test_one_task_named_beside_list_words(text: str, tool: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=STD_TASKS)
    assert (call.tool, call.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("oh I almost forgot, pick up the cake at 4", {"title": "pick up the cake"}),
        ("gotta remember to email Sam the slides", {"title": "email Sam the slides"}),
        ("seminar on dec 2 9-11am", {"title": "seminar", "due": "2026-12-02T09:00:00-05:00"}),
        ("next month: renew the domain", {"title": "renew the domain", "due": "2026-12-01"}),
        ("submit my hours before friday noon", {"title": "submit my hours", "remind_at": None}),
    ],
)
def test_lead_ins_spans_and_hours_that_are_no_reminder(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert args_like(call, args) == args


@pytest.mark.parametrize("text", ["you're useless", "this is cool", "are you an AI?"])
def test_opinions_of_the_assistant_are_small_talk(text: str) -> None:
    assert plan(text).kind == "none"


def test_delete_with_a_past_day_is_asked_about() -> None:
    assert plan("delete the one from yesterday", tasks=STD_TASKS).kind == "clarify"


def test_a_whole_title_with_a_daily_time_sets_the_repetition() -> None:
    tasks = (TaskRef(8, "Gym session"),)
    call = first_call("gym session every day at 7am", tasks=tasks)
    assert call.tool == "update_task" and call.args["recurrence"] == "FREQ=DAILY"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("give the plumber task a tag of home", {"task_id": 12, "tags": ["home"]}),
        ("make the plumber less important", {"task_id": 12, "priority": "low"}),
        ("make the plumber more urgent", {"task_id": 12, "priority": "high"}),
    ],
)
def test_tags_and_priority_in_plain_words(text: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=(TaskRef(12, "Call the plumber"),))
    assert (call.tool, call.args) == ("update_task", args)


@pytest.mark.parametrize("text", ["hi again", "many thanks", "thanks again"])
def test_greetings_and_thanks_with_extra_words(text: str) -> None:
    assert plan(text).kind == "none"


def test_a_participle_of_another_verb_is_no_edit() -> None:
    tasks = (TaskRef(15, "Dentist appointment"),)
    result = plan("the dentist is closed on mondays", tasks=tasks)
    assert not any(call.tool == "update_task" for call in result.calls)


@pytest.mark.parametrize(
    "text",
    [
        "wow you're fast",
        "it's raining again",
        "that was quick, thanks",
        "how many tasks can i add?",
    ],
)
def test_remarks_and_questions_about_the_app_file_nothing(text: str) -> None:
    assert plan(text, tasks=STD_TASKS).kind == "none"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("ok great, what's next?", "list_tasks"),
        ("do i still have to pay rent?", "list_tasks"),
        ("the rent is done for the week", "complete_task"),
    ],
)
def test_follow_ups_about_the_list(text: str, tool: str) -> None:
    assert first_call(text, tasks=STD_TASKS).tool == tool


@pytest.mark.parametrize(
    "text",
    [
        "cancel the gym membership by the end of the month",
        "make a dinner reservation for saturday at 8",
        "put new batteries in the smoke alarm this weekend",
        "change the water filter every 2 months",
    ],
)
def test_new_work_sharing_a_word_with_a_task_is_added_not_an_edit(text: str) -> None:
    tasks = (
        TaskRef(8, "Gym session"),
        TaskRef(43, "Dinner with the Wilsons"),
        TaskRef(42, "Order new glasses"),
        TaskRef(65, "Water the plants"),
    )
    assert first_call(text, tasks=tasks).tool == "add_task"


def test_a_nominalised_verb_still_names_its_task() -> None:
    tasks = (TaskRef(81, "Renew driver's license"),)
    call = first_call("set the license renewal for july 20", tasks=tasks)
    assert (call.tool, call.args) == ("update_task", {"task_id": 81, "due": "2027-07-20"})


def test_a_morning_heading_and_a_yes_before_a_report() -> None:
    call = first_call("tomorrow morning first thing: email the landlord")
    assert call.args == {"title": "email the landlord", "due": "2026-11-24T09:00:00-05:00"}
    assert first_call("yep paid the rent", tasks=STD_TASKS).tool == "complete_task"


def test_a_task_that_needs_a_reminder_the_day_before() -> None:
    tasks = (TaskRef(15, "Dentist appointment", due="2026-11-26T14:00:00-05:00"),)
    call = first_call("the dentist appointment needs a reminder the day before", tasks=tasks)
    assert call.args == {"task_id": 15, "remind_at": "2026-11-25T14:00:00-05:00"}


def test_two_days_joined_at_the_end_repeat_weekly() -> None:
    call = first_call("feed the neighbour's cat sat and sun")
    assert call.args["recurrence"] == "FREQ=WEEKLY;BYDAY=SA,SU"


def test_a_task_then_to_and_a_time_moves_it() -> None:
    tasks = (TaskRef(8, "Gym session"),)
    call = first_call("gym session to 8pm", tasks=tasks)
    assert call.args == {"task_id": 8, "due": "2026-11-23T20:00:00-05:00"}
    assert first_call("drive to work tomorrow", tasks=tasks).tool == "add_task"


def test_setting_a_field_without_a_task_is_asked_about() -> None:
    assert plan("set a time", tasks=STD_TASKS).kind == "clarify"


def test_a_statement_about_new_work_does_not_edit_a_task_sharing_its_verb() -> None:
    call = first_call("buy a birthday card for grandpa, his bday is friday", tasks=STD_TASKS)
    assert call.tool == "add_task"


def test_a_pride_after_a_request_keeps_the_request() -> None:
    assert first_call("remind me to call mom, so proud of myself").tool == "add_task"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("tasks with the word invoice in them", {"q": "invoice"}),
        ("items with milk", {"q": "milk"}),
        ("overdue stuff?? be honest", {"overdue": True}),
        ("got anything with mum in it?", {"q": "mum"}),
    ],
)
def test_lists_asked_without_a_list_verb(text: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=TASKS)
    assert call.tool == "list_tasks"
    assert args_like(call, args) == args


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("change the tags on the report to #admin instead of #work", ["admin", "q4"]),
        ("tag the report #admin instead of #work", ["admin", "q4"]),
        ("the report should be #admin not #work", ["admin", "q4"]),
        ("swap #work for #admin on the report", ["admin", "q4"]),
        ("replace #work with #admin on 12", ["admin", "q4"]),
        ("tag the report as #admin, not #work", ["admin", "q4"]),
        ("change the tag on 12 to admin", ["admin"]),
    ],
)
def test_a_tag_said_instead_of_another_swaps_it(text: str, tags: list[str]) -> None:
    report = TaskRef(12, "Finish quarterly report", tags=("work", "q4"))
    call = first_call(text, tasks=(report, TaskRef(3, "Buy milk", tags=("home",))))
    assert call.tool == "update_task"
    assert args_like(call, {"task_id": 12}) == {"task_id": 12}
    assert sorted(call.args["tags"]) == sorted(tags)


def test_a_new_name_taken_back_is_the_last_one_said() -> None:
    tasks = (TaskRef(12, "Finish quarterly report"), TaskRef(7, "Call Bob"))
    call = first_call("rename 12 to Finish Q4 report, no, Finish annual report", tasks=tasks)
    assert call.args == {"task_id": 12, "title": "Finish annual report"}
    kept = first_call("rename 7 to call Bob, no rush", tasks=tasks)
    assert kept.args["title"] == "call Bob, no rush"


def test_a_time_corrected_twice_is_the_last_time() -> None:
    call = first_call("add gym tomorrow 6pm. no, 7pm. no wait, 8pm")
    assert call.args == {"title": "gym", "due": "2026-11-24T20:00:00-05:00"}


@pytest.mark.parametrize("text", ["do my taxes", "do my physio exercises daily until jan 31"])
def test_do_my_is_an_order_not_a_question(text: str) -> None:
    assert first_call(text).tool == "add_task"


@pytest.mark.parametrize(
    "text", ["good morning ☀️ slept great for once", "hi, had a great weekend", "felt sick all day"]
)
def test_a_hello_and_news_of_the_day_files_nothing(text: str) -> None:
    assert plan(text, tasks=STD_TASKS).kind == "none"


def test_a_hello_before_a_done_report_still_completes() -> None:
    tasks = (TaskRef(21, "Pay rent"),)
    assert first_call("hey, paid the rent", tasks=tasks).args == {"task_id": 21}


def test_a_word_said_as_two_in_a_title_names_the_task() -> None:
    tasks = (TaskRef(360, "Back up client files", due="2027-05-14"), TaskRef(361, "Pay VAT"))
    call = first_call("remove the due date from the backup task", tasks=tasks)
    assert call.args == {"task_id": 360, "due": None}


def test_a_please_before_a_remark_keeps_the_command() -> None:
    tasks = (TaskRef(310, "Chase Acme for the overdue payment"),)
    call = first_call("mark chase acme as done pls, they paid this morning", tasks=tasks)
    assert (call.tool, call.args) == ("complete_task", {"task_id": 310})


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "the dentist one should not repeat, I dont know why it says every 6 months",
            {"task_id": 350, "recurrence": None},
        ),
        (
            "the dentist checkup doesnt need a date, there is no rush. take the date away",
            {"task_id": 350, "due": None},
        ),
        (
            "my mother appointment is not at 10, it is 11:30. the clinic called me today",
            {"task_id": 351, "due": "2026-11-25T11:30:00-05:00"},
        ),
    ],
)
def test_a_change_then_why_makes_the_change(text: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(350, "Dentist checkup", due="2026-12-18"),
        TaskRef(351, "Mom's eye doctor appointment", due="2026-11-25T10:00:00-05:00"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == ("update_task", args)


def test_a_reminder_that_day_is_on_the_day_the_task_is_due() -> None:
    tasks = (TaskRef(400, "Dermatologist appointment", due="2026-11-27T13:00:00-05:00"),)
    call = first_call("remind me about the dermatologist appt at 7am that day", tasks=tasks)
    assert call.args == {"task_id": 400, "remind_at": "2026-11-27T07:00:00-05:00"}


def test_a_name_in_quotes_keeps_its_apostrophe_and_drops_the_reason() -> None:
    tasks = (TaskRef(390, "Call vet"), TaskRef(3, "Buy milk"))
    quoted = first_call("change 'call vet' to 'call vet about Rosie's stitches'", tasks=tasks)
    assert quoted.args["title"] == "call vet about Rosie's stitches"
    why = first_call("rename buy milk into buy oat milk, I'm trying vegan this month", tasks=tasks)
    assert why.args == {"task_id": 3, "title": "buy oat milk"}


def test_a_dash_before_no_wait_takes_the_task_back() -> None:
    tasks = (TaskRef(410, "Dentist checkup"), TaskRef(411, "Orthodontist for Sam"))
    call = first_call("delete the dentist one — no wait, the orthodontist one", tasks=tasks)
    assert call.args == {"task_id": 411}


def test_everything_with_a_word_searches_for_it() -> None:
    assert args_like(first_call("show me everything with the vet"), {"q": "vet"}) == {"q": "vet"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("can you remind me", "clarify"),
        ("what time does the vet open on saturdays?", "none"),
        ("ugh my back is killing me today", "none"),
        ("ugh clients never pay on time 🙄", "none"),
    ],
)
def test_asked_without_a_task_or_chatter_files_nothing(text: str, kind: str) -> None:
    assert plan(text, tasks=(TaskRef(11, "Vet visit for Rex"),)).kind == kind


def test_a_sigh_then_a_bare_task_adds_it() -> None:
    assert first_call("my knee is killing me, book physio").args == {"title": "book physio"}
    assert first_call("remnd me tomoro to invoice Petersen & Co").args["due"] == "2026-11-24"


@pytest.mark.parametrize(
    ("text", "title", "description"),
    [
        (
            "add prepare quote for Nordic by tuesday. they want 3 options",
            "prepare quote for Nordic",
            "they want 3 options",
        ),
        (
            "add drop off Pepper at the groomer thursday 9am and I need to bring her records too",
            "drop off Pepper at the groomer",
            "I need to bring her records too",
        ),
        ("grocery run tonight at 7 - eggs bread diapers", "grocery run", "eggs bread diapers"),
    ],
)
def test_what_is_said_about_a_new_task_after_it_is_its_note(
    text: str, title: str, description: str
) -> None:
    call = first_call(text)
    assert args_like(call, {"title": title, "description": description}) == {
        "title": title,
        "description": description,
    }


@pytest.mark.parametrize(
    "text",
    ["add buy milk. it's urgent", "low priority - sort the photo albums", "pick up kids - 3pm"],
)
def test_a_remark_that_says_a_value_is_no_note(text: str) -> None:
    assert "description" not in first_call(text).args


@pytest.mark.parametrize(
    "text",
    [
        "the dance practice doesnt need to repeat anymore, wedding's over lol",
        "stop making the dance practice repeat its done for the year",
        "dance practice dont repeat anymore, the session's over",
    ],
)
def test_no_more_repeating_with_a_reason_clears_the_repetition(text: str) -> None:
    tasks = (TaskRef(124, "Dance practice"), TaskRef(5, "Buy cake"))
    call = first_call(text, tasks=tasks)
    assert (call.tool, call.args) == ("update_task", {"task_id": 124, "recurrence": None})


def test_a_new_task_line_then_a_reminder_is_not_a_reminder_on_a_task_sharing_a_word() -> None:
    tasks = (TaskRef(62, "Send invites for Mia's party"),)
    call = first_call(
        "pick up mia's birthday cake on the 19th at 10am, remind me the day before at 6pm",
        tasks=tasks,
    )
    assert call.args == {
        "title": "pick up mia's birthday cake",
        "due": "2026-12-19T10:00:00-05:00",
        "remind_at": "2026-12-18T18:00:00-05:00",
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("bro just add buy new earbuds. low priority its not that deep", "buy new earbuds"),
        (
            "u better remind me to bring my calculator to the final on 12/14 at 8am",
            "bring my calculator to the final",
        ),
        ("put dentist appt on thurs 3:30pm ugh", "dentist appt"),
        ("ngl i keep forgetting my shift at the cinema sat 10am. put it in", "shift at the cinema"),
    ],
)
def test_slang_around_an_add_leaves_the_title(text: str, title: str) -> None:
    assert first_call(text).args["title"] == title


def test_relief_after_a_move_keeps_the_move() -> None:
    tasks = (TaskRef(310, "History quiz", due="2026-12-08"),)
    call = first_call("the history quiz got moved to dec 10 at 10am thank god", tasks=tasks)
    assert call.args == {"task_id": 310, "due": "2026-12-10T10:00:00-05:00"}
    assert plan("thank god").kind == "none"


def test_calling_off_an_event_deletes_the_one_meant_or_asks_which() -> None:
    tasks = (TaskRef(45, "Vet checkup for Biscuit"), TaskRef(46, "Dentist cleaning"))
    assert first_call("cancel the vet appointment", tasks=tasks).args == {"task_id": 45}
    assert plan("cancel the appointment", tasks=tasks).kind == "clarify"
    assert first_call("cancel my gym membership", tasks=tasks).tool == "add_task"


@pytest.mark.parametrize(
    "text",
    [
        "honestly if one more person asks me to bring snacks to something im going to scream",
        "today I am so tired, my boss was shouting, 40 minutes in the cold. why life is like this",
        "we just got back from portugal, it was amazing",
    ],
)
def test_venting_files_nothing(text: str) -> None:
    assert plan(text, tasks=STD_TASKS).kind == "none"


def test_a_feeling_ending_in_ed_is_no_report_of_a_task_done() -> None:
    call = first_call("so tired, gym at 6", tasks=(TaskRef(15, "Gym session"),))
    assert call.tool == "update_task"


@pytest.mark.parametrize(
    ("text", "q"),
    [
        ("did I already put in something about the dentist?", "dentist"),
        ("do i have anything about the essay on here", "essay"),
    ],
)
def test_asked_whether_a_task_exists_searches(text: str, q: str) -> None:
    assert args_like(first_call(text), {"q": q}) == {"q": q}


def test_asked_about_ones_own_plan_that_is_not_listed_asks_back() -> None:
    tasks = (TaskRef(62, "School holiday concert"),)
    assert plan("what time is Lily's recital again?", tasks=tasks).kind == "clarify"
    assert plan("when is thanksgiving this yr", tasks=tasks).kind == "none"


@pytest.mark.parametrize(
    "text", ["Thank you ever so much, dear.", "You have been most helpful this morning."]
)
def test_formal_thanks_is_small_talk(text: str) -> None:
    assert plan(text).kind == "none"


def test_put_off_by_a_fortnight_moves_two_weeks() -> None:
    tasks = (TaskRef(411, "Gutter cleaning", due="2026-11-28"),)
    call = first_call("Please put the gutter cleaning off by a fortnight.", tasks=tasks)
    assert call.args == {"task_id": 411, "due": "2026-12-12"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "add 'leave the cleaner's money out' every other Friday, please",
            {"title": "leave the cleaner's money out"},
        ),
        ("add clean the shed under the tag home", {"title": "clean the shed", "tags": ["home"]}),
        (
            "The physiotherapist has asked me to do my knee exercises every day for ten days",
            {"title": "do my knee exercises", "recurrence": "FREQ=DAILY;COUNT=10"},
        ),
        (
            "I need to check my pension statement on the first of every month. Could you set that "
            "up as a regular monthly job for me, please?",
            {"title": "check my pension statement", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"},
        ),
        ("groceries - add for today pls #home", {"title": "groceries", "tags": ["home"]}),
    ],
)
def test_formal_and_roundabout_adds(text: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=(TaskRef(3, "Buy milk"),))
    assert (call.tool, args_like(call, args)) == ("add_task", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "We shan't be going to the garden centre after all, so please could you take that off "
            "the list altogether.",
            "delete_task",
            {"task_id": 331},
        ),
        (
            "The meeting with the solicitor hasn't got a fixed date any longer, so would you "
            "remove the date from it, please?",
            "update_task",
            {"task_id": 351, "due": None},
        ),
        (
            "The letter to the council is rather more pressing than I first thought. Please would "
            "you make it high priority.",
            "update_task",
            {"task_id": 371, "priority": "high"},
        ),
        (
            "I've stopped going to choir practice on Tuesdays, so the choir task needn't repeat "
            "any more. I'd like to keep it on the list, mind, just not every week.",
            "update_task",
            {"task_id": 361, "recurrence": None},
        ),
    ],
)
def test_a_story_then_a_polite_edit_of_it(text: str, tool: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(331, "Trip to the garden centre", due="2026-12-19"),
        TaskRef(351, "Meeting with the solicitor about the will", due="2026-12-18T11:00:00-05:00"),
        TaskRef(371, "Write letter to the council about the hedge"),
        TaskRef(361, "Choir practice", due="2026-12-01T19:00:00-05:00"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, call.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "pay rent ev 1st #bills",
            {"title": "pay rent", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"},
        ),
        (
            "backup laptop ev last day of month #admin",
            {"title": "backup laptop", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=-1"},
        ),
        ("call bob tomorrow 9:30a", {"title": "call bob", "due": "2026-11-24T09:30:00-05:00"}),
        ("review pr 482 tmorow p1 #work", {"title": "review pr 482", "due": "2026-11-24"}),
        (
            "send invoice to acme fri p1 #work -- no wait, thu",
            {"title": "send invoice to acme", "due": "2026-11-26", "description": None},
        ),
        ("um i need two call the plumber on wednesday", {"title": "call the plumber"}),
        (
            "okay so so i was thinking i should should probably email professor kim um can you add "
            "that for tonight at nine",
            {"title": "email professor kim", "due": "2026-11-23T21:00:00-05:00"},
        ),
    ],
)
def test_shorthand_and_dictation_add_what_was_meant(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("#3 no due", "update_task", {"task_id": 3, "due": None}),
        ("#7 tmrw 3p", "update_task", {"task_id": 7, "due": "2026-11-24T15:00:00-05:00"}),
        ("#errands incl done", "list_tasks", {"tag": "errands", "status": "all"}),
    ],
)
def test_power_user_shorthand(text: str, tool: str, args: dict[str, object]) -> None:
    call = first_call(text, tasks=STD_TASKS)
    assert (call.tool, args_like(call, args)) == (tool, args)


def test_a_quip_about_a_weekday_files_nothing() -> None:
    assert plan("ugh mondays amirite").kind == "none"
    assert first_call("buy two apples").args["title"] == "buy two apples"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "can you remind me to take my tablets every single morning please",
            {"title": "take my tablets", "recurrence": "FREQ=DAILY"},
        ),
        ("um return the library books in like three days", {"due": "2026-11-26"}),
        (
            "Kindly make a note that I must pay the electricity bill by the 5th of December. It is "
            "of medium importance.",
            {"title": "pay the electricity bill", "priority": "medium"},
        ),
        (
            "could you please add a task book eye exam and in the notes put bring my old glasses",
            {"title": "book eye exam", "description": "bring my old glasses"},
        ),
        (
            "NYE party prep - buy ice and sparklers tomorrow at 9",
            {"title": "buy ice and sparklers"},
        ),
        ("every mon and wed i got soccer practice, add that pls", {"title": "soccer practice"}),
    ],
)
def test_fillers_and_frames_around_a_new_task_go(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)


def test_on_my_list_is_no_part_of_what_is_searched() -> None:
    call = first_call("have i got anything on my list about the bank")
    assert args_like(call, {"q": "bank"}) == {"q": "bank"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "what did i complete in october",
            {"completed_after": "2026-10-01", "completed_before": "2026-10-31"},
        ),
        ("what's due in january", {"due_after": "2027-01-01", "due_before": "2027-01-31"}),
        ("show my 3 highest priority tasks", {"sort": "priority", "limit": 3}),
        ("what chores are still left?", {"tag": "chores", "status": "pending"}),
    ],
)
def test_lists_by_month_by_rank_and_by_list(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("list_tasks", args)


@pytest.mark.parametrize(
    "text",
    [
        "haha ignore that last msg, my cat walked on the keyboard",
        "ugh sharing one fridge between 4 people is chaos",
    ],
)
def test_taking_a_message_back_or_venting_files_nothing(text: str) -> None:
    assert plan(text).kind == "none"


def test_an_errand_laughed_about_is_still_added() -> None:
    call = first_call(
        "we should really descale the kettle lol can you put that on the list for saturday"
    )
    assert call.args["title"] == "descale the kettle"
    assert first_call("gotta book flights for xmas lol 🎄").args == {
        "title": "book flights for xmas"
    }
    assert plan("i really need to get better at saying no to people lol").kind == "clarify"


def test_a_reminder_at_a_time_the_day_before_and_a_reported_remark() -> None:
    call = first_call("pls add renew car insurance due friday, remind me 9am the day before")
    assert call.args == {
        "title": "renew car insurance",
        "due": "2026-11-27",
        "remind_at": "2026-11-26T09:00:00-05:00",
    }
    said = first_call("add order the turkey by Wednesday. Mr Hughes said the orders close then")
    assert args_like(said, {"title": "order the turkey"}) == {"title": "order the turkey"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what do I need to get done tomorrow", {"status": "pending", "due_after": "2026-11-24"}),
        ("What did I manage to get done this week?", {"completed_after": "2026-11-23"}),
        ("Which of my jobs have I put under the garden label?", {"tag": "garden"}),
    ],
)
def test_getting_done_ahead_or_behind_and_a_label_asked_about(
    text: str, args: dict[str, object]
) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("list_tasks", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "i dont need a reminder for the dentist anymore",
            "update_task",
            {"task_id": 80, "remind_at": None},
        ),
        (
            "move draft propsal to monday and make it medium",
            "update_task",
            {"task_id": 91, "priority": "medium"},
        ),
        (
            "i wrote something down about an invoice somewhere, can u find it",
            "list_tasks",
            {"q": "invoice"},
        ),
        (
            "what's due between now and friday?",
            "list_tasks",
            {"due_after": "2026-11-23", "due_before": "2026-11-27"},
        ),
    ],
)
def test_a_freelancers_week(text: str, tool: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(80, "Dentist appointment", due="2026-11-27T09:30:00-05:00"),
        TaskRef(91, "Draft proposal for Kestrel", due="2026-11-24"),
        TaskRef(2, "Send Q4 invoice to Acme"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == (tool, args)


@pytest.mark.parametrize(
    "text", ["arigatou, very helpful!", "thanks!! this is actually pretty cool", "lets try this"]
)
def test_thanks_and_trying_it_out_are_talk(text: str) -> None:
    assert plan(text).kind == "none"


def test_a_try_said_first_then_the_task() -> None:
    call = first_call("ok lets try this. water the plants every sunday")
    assert call.args["title"] == "water the plants"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        # a first sentence about the user, then the task; later sentences are its note
        (
            "argh i keep forgetting. renew the car tax, high priority",
            {"title": "renew the car tax", "priority": "high"},
        ),
        (
            "phone the bank thu. about the lost card",
            {"title": "phone the bank", "due": "2026-11-26", "description": "the lost card"},
        ),
        (
            "book flights. urgent, prices go up every week",
            {"title": "book flights", "priority": "high"},
        ),
        (
            "order new pads by the 30th!!! how did i let this slide",
            {"title": "order new pads", "due": "2026-11-30"},
        ),
        # the day of an event, its apostrophe left out
        (
            "iron my shirt before thursdays interview",
            {"title": "iron my shirt", "due": "2026-11-26"},
        ),
        # "night shift" is a kind of work, not a time
        ("ask about night shift pay", {"title": "ask about night shift pay", "due": None}),
        # the notes named last
        (
            "add packing for the trip, put charger, passport, socks in the notes",
            {"title": "packing for the trip", "description": "charger, passport, socks"},
        ),
        # where the user will be, and a hedged time
        (
            "after my shift tmrw evening, like 7pm, return the parcel",
            {"title": "return the parcel", "due": "2026-11-24T19:00:00-05:00"},
        ),
        ("do yoga every evening at 8, 12 times total", {"title": "do yoga"}),
        (
            "tmrw collect the prescription pls, completely forgot it was ready",
            {"title": "collect the prescription", "due": "2026-11-24"},
        ),
        ("stretch daily for 2 weeks, doctor's orders", {"title": "stretch"}),
        ("🎁 dads present!! need it by the 28th or im toast", {"due": "2026-11-28"}),
    ],
)
def test_fragments_and_asides_around_a_new_task(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)


def test_two_am_tonight_is_after_midnight() -> None:
    late = datetime.fromisoformat("2026-11-23T23:10:00-05:00")
    call = first_call("remind me to feed the baby at 3am tonight", now=late)
    assert call.args["due"] == "2026-11-24T03:00:00-05:00"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("home stuff only please, just got back", {"tag": "home"}),
        ("low priority things? got 20 mins to kill", {"priority": "low"}),
        ("my 2 most urgent tasks, quick", {"sort": "priority", "limit": 2}),
        (
            "weekend at last 🎉 what did i get done this week",
            {"status": "completed", "completed_after": "2026-11-23"},
        ),
        ("anything w the landlord on there?", {"q": "landlord"}),
        ("list it all incl the stuff i already did", {"status": "all"}),
    ],
)
def test_a_list_beside_a_remark(text: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(1, "Fix the sink", tags=("home",)),
        TaskRef(2, "Email the landlord"),
        TaskRef(3, "Report", tags=("work",)),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == ("list_tasks", args)


@pytest.mark.parametrize(
    "text",
    [
        "u still up lol",
        "just picked my first tomatoes of the year, so red 😄",
        "my deadlift went up to 150 today, new PR!!",
        "ive been running every day for 3 weeks now and my knees feel fine lol",
        "good morning! big baking day today 🍰",
        "ok great, thats it for this week 🎉 talk later",
    ],
)
def test_news_and_goodbyes_are_talk(text: str) -> None:
    tasks = (TaskRef(4, "Run 5k", tags=("fitness",)), TaskRef(5, "Deadlift 3x5"))
    assert plan(text, tasks=tasks).kind == "none"


def test_a_thing_someone_else_named_is_asked_back() -> None:
    assert plan("add the thing my neighbour told me about").kind == "clarify"


def test_a_title_said_whole_names_the_task_whatever_its_words() -> None:
    tasks = (TaskRef(120, "stuff"), TaskRef(121, "Renew phone contract"))
    call = first_call("rename 'stuff' to 'buy new work boots'", tasks=tasks)
    assert (call.tool, call.args) == (
        "update_task",
        {"task_id": 120, "title": "buy new work boots"},
    )


@pytest.mark.parametrize(
    ("text", "args"),
    [
        # a detail taken back and said again: the later one counts
        (
            "remind me to ring gran tomorrow at 5pm... actually make it 6",
            {"title": "ring gran", "due": "2026-11-24T18:00:00-05:00"},
        ),
        (
            "add fix the bike, low priority. no actually high",
            {"title": "fix the bike", "priority": "high"},
        ),
        (
            "add walk the dog every tuesday and friday... no, just fridays",
            {"title": "walk the dog", "recurrence": "FREQ=WEEKLY;BYDAY=FR"},
        ),
        (
            "add book the MOT, tag it car, erm, make the tag admin",
            {"title": "book the MOT", "tags": ["admin"]},
        ),
        (
            "add renew the permit due the 27th. hmm or was it the 28th. yeah the 28th",
            {"title": "renew the permit", "due": "2026-11-28"},
        ),
        (
            "remind me to pay the gym on the 5th of every month. scratch that, the 6th",
            {"title": "pay the gym", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=6"},
        ),
        ("add email the landlord - not landlord, agent sorry", {"title": "email the agent"}),
        # what is not a take-back
        ("add water plants, no rush", {"title": "water plants", "priority": "low"}),
        # a day from now, to be reminded of: due that day too
        (
            "remind me to send the deposit in two weeks",
            {"title": "send the deposit", "due": "2026-12-07"},
        ),
        ("pottery class fridays at 6pm, weekly for 5 weeks", {"title": "pottery class"}),
        ("weekly review every friday", {"title": "weekly review"}),
        ("chase 9C homework. tag it 9c", {"title": "chase 9C homework", "tags": ["9c"]}),
    ],
)
def test_corrections_and_details_of_a_new_task(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)


def test_a_new_appointment_beside_a_task_naming_the_same_person() -> None:
    tasks = (TaskRef(5, "Send forms to Dr. Okafor"),)
    call = first_call("Dr. Okafor appointment for dad friday at 9am", tasks=tasks)
    assert (call.tool, call.args["title"]) == ("add_task", "Dr. Okafor appointment for dad")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("everything for 7A", "list_tasks", {"tag": "7a"}),
        ("snow day on monday so move the 7A quiz to tuesday", "update_task", {"task_id": 1}),
        ("strike on friday so push the 7A quiz to monday", "update_task", {"task_id": 1}),
        ("graded the 7A quizzes finally 🎉", "complete_task", {"task_id": 1}),
        (
            "remind me about the parent meeting two days before instead",
            "update_task",
            {"task_id": 2, "remind_at": "2026-11-24T16:00:00-05:00"},
        ),
    ],
)
def test_a_teachers_week(text: str, tool: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(1, "Grade 7A quizzes", due="2026-11-27", tags=("7a",)),
        TaskRef(2, "Parent meeting", due="2026-11-26T16:00:00-05:00"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == (tool, args)


@pytest.mark.parametrize(
    "text",
    [
        "running on 3 hours sleep and a stale croissant",
        "if one more kid asks to go to the toilet im quitting",
        "thanks, you're truly a lifesaver 🙏",
    ],
)
def test_more_talk_that_files_nothing(text: str) -> None:
    assert plan(text).kind == "none"


def test_the_thing_for_something_is_asked_back() -> None:
    assert plan("add the thing for the wedding").kind == "clarify"


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("did i already add bin bags or not", "list_tasks", {"q": "bin bags"}),
        ("show my overdue stuff, no wait, just the home ones", "list_tasks", {"tag": "home"}),
        (
            "oops i deleted the plumber one, can u add it back: plumber visit thu 9am",
            "add_task",
            {"title": "plumber visit", "due": "2026-11-26T09:00:00-05:00"},
        ),
        (
            "the gas bill one — swap the home tag for bills",
            "update_task",
            {"task_id": 2, "tags": ["bills"]},
        ),
        (
            "lol the gas bill task should be high priority not low",
            "update_task",
            {"priority": "high"},
        ),
        ("mark teh elecrtic bill paid", "complete_task", {"task_id": 1}),
        (
            "fix the shed roof, needs to be done by the 30th",
            "add_task",
            {"title": "fix the shed roof", "due": "2026-11-30"},
        ),
        (
            "buy bin bags thursday #home .. wait is this on already? if not add it",
            "add_task",
            {"title": "buy bin bags", "tags": ["home"]},
        ),
    ],
)
def test_second_guessing(text: str, tool: str, args: dict[str, object]) -> None:
    tasks = (
        TaskRef(1, "Pay electric bill", tags=("bills",)),
        TaskRef(2, "Pay gas bill", tags=("home",)),
        TaskRef(3, "Fix the sink", tags=("home",)),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == (tool, args)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("good morning ☕ running on 5 hours sleep", "none"),
        ("year 8 were absolute chaos today", "none"),
        ("if one more parent emails me about the sink im quitting", "none"),
        ("haha sorry i keep changing my mind", "none"),
        ("can you undo things if i make a mistake?", "none"),
        ("ok never mind about the sink thing, leave it as is", "none"),
        ("no not that one, the other one", "clarify"),
    ],
)
def test_second_guessing_that_files_nothing(text: str, kind: str) -> None:
    tasks = (TaskRef(3, "Fix the sink", tags=("home",)), TaskRef(4, "Year 8 reports"))
    assert plan(text, tasks=tasks).kind == kind


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "take hay fever tablets daily for 3 weeks",
            "add_task",
            {"recurrence": "FREQ=DAILY;COUNT=21"},
        ),
        ("needto book the boiler service #home", "add_task", {"title": "book the boiler service"}),
        ("whatsdue tomorrow", "list_tasks", {"due_after": "2026-11-24"}),
        ("order printer ink b4 i run out", "add_task", {"title": "order printer ink"}),
        ("renew ducking car insurance by fri", "add_task", {"title": "renew car insurance"}),
        ("remove due date frm the boiler one", "update_task", {"task_id": 1, "due": None}),
        ("oops didnt actually water the plants", "reopen_task", {"task_id": 2}),
        ("boiler service r high priority now", "update_task", {"task_id": 1, "priority": "high"}),
        ("the boiler servicing is actually on the 30th", "update_task", {"task_id": 1}),
        ("the plumber is coming at 2 not 11 on friday", "update_task", {"task_id": 3}),
        (
            "ugh the fridge is leaking AGAIN. pls add call the landlord tomorrow",
            "add_task",
            {"title": "call the landlord", "due": "2026-11-24"},
        ),
        (
            "all unpacked so stop the daily plants reminder from repeating",
            "update_task",
            {"task_id": 2, "recurrence": None},
        ),
    ],
)
def test_typed_in_a_hurry_and_told_in_passing(
    text: str, tool: str, args: dict[str, object]
) -> None:
    tasks = (
        TaskRef(1, "Boiler service"),
        TaskRef(2, "Water the plants"),
        TaskRef(3, "Plumber visit", due="2026-11-27T11:00:00-05:00"),
    )
    call = first_call(text, tasks=tasks)
    assert (call.tool, args_like(call, args)) == (tool, args)


@pytest.mark.parametrize(
    "text",
    [
        "lol ducking autocorrect",
        "a customer just left a 1 star review because we 'dont do refunds'. we DO refunds 🙄",
        "this courier sent the wrong parcel for the third time this month. unbelievable",
        "im so stressed about this move lol",
        "ok cool the new flat has a bath finally 🙌",
    ],
)
def test_told_in_passing_files_nothing(text: str) -> None:
    assert plan(text, tasks=(TaskRef(1, "Plan the move"),)).kind == "none"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("ok next thing: book the photographer by friday", {"title": "book the photographer"}),
        ("remnid me pls to check the logs at 5pm tday", {"due": "2026-11-23T17:00:00-05:00"}),
        (
            "add task renew the domain, description: check the dns first, due dec 1",
            {
                "title": "renew the domain",
                "description": "check the dns first",
                "due": "2026-12-01",
            },
        ),
    ],
)
def test_labels_typos_and_a_due_date_after_the_note(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)


def test_what_was_closed_out_lists_done_tasks() -> None:
    call = first_call("what did i close out this week")
    assert (call.tool, call.args.get("completed_after")) == ("list_tasks", "2026-11-23")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("thank you so much, you're literally saving my sanity 😭", "none"),
        ("thanks, you're more reliable than our build server", "none"),
        ("rm -rf on a friday at 5pm, what could go wrong 😇", "none"),
        ("ugh finals are going to destroy me 😭", "none"),
        ("i really should be revising rn but im on youtube lmao", "none"),
        ("what can you actually do?", "none"),
        ("remind me about the thing later", "clarify"),
    ],
)
def test_more_talk_and_a_vague_reminder(text: str, kind: str) -> None:
    assert plan(text).kind == kind


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "the school fair is on december 12. 2 weeks before that we need to order the banners",
            {"title": "order the banners", "due": "2026-11-28"},
        ),
        (
            "the bbq is saturday the 28th. the day after the bbq i need to return the grill",
            {"title": "return the grill", "due": "2026-11-29"},
        ),
        (
            "the recital is dec 20!! we need to buy the flowers 3 days before, can you add that",
            {"title": "buy the flowers", "due": "2026-12-17"},
        ),
        # a reminder's lead is not a day counted from the event
        (
            "mums dentist appt is friday at 2pm. remind me the day before at 6pm",
            {"due": "2026-11-27T14:00:00-05:00", "remind_at": "2026-11-26T18:00:00-05:00"},
        ),
    ],
)
def test_a_day_counted_from_an_event_told_first(text: str, args: dict[str, object]) -> None:
    call = first_call(text)
    assert (call.tool, args_like(call, args)) == ("add_task", args)
