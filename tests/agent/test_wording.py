"""How new tasks are worded: wrappers and sign-offs around the request, priority and tags
said in passing, self-corrections, and chatter that must get a reply instead of a task."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.agent.helpers import args_like, first_call, plan
from todo_chatbot.agent.plan import TaskRef

# A Thursday evening, so that "friday" is tomorrow and "tonight" is still ahead.
THURSDAY = datetime.fromisoformat("2026-12-03T18:00:00-05:00")
TASKS = (TaskRef(3, "Buy milk"), TaskRef(4, "Call mom"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Dear assistant, I would like to add a task to water the ferns", "water the ferns"),
        ("Dear, could you add 'mail the parcel to Anna'?", "mail the parcel to Anna"),
        ("I was wondering if you could add a task for me to book the vet", "book the vet"),
        ("just wondering if you could put down that I need to renew my visa", "renew my visa"),
        (
            "Would it be possible to add 'order new glasses'? Thank you so much.",
            "order new glasses",
        ),
        ("Is it possible to add pick up the dry cleaning", "pick up the dry cleaning"),
        ("I need that you add call the school", "call the school"),
        ("Hello, please add the following: print the boarding passes", "print the boarding passes"),
        ("could you add something for me: I'd like to repaint the fence", "repaint the fence"),
        ("Action item: send the minutes to the team", "send the minutes to the team"),
        ("Action item from the standup: update the roadmap", "update the roadmap"),
        ("Excuse me, add buy stamps please", "buy stamps"),
        ("um so i need to uh call the garage", "call the garage"),
        ("remind me 2 feed the cat", "feed the cat"),
        ("could you add a reminder for me to stretch", "stretch"),
        ("thank you notes for the wedding guests", "thank you notes for the wedding guests"),
    ],
)
def test_wrappers_around_a_new_task_stay_out_of_its_title(text: str, title: str) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert call.tool == "add_task"
    assert call.args["title"].casefold() == title.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "Good morning. Please add renew the car insurance. Many thanks.",
        "Re: renewals. Please add renew the car insurance.",
        "Please add renew the car insurance. Thanks, Maria",
        "Please add renew the car insurance. Kind regards, T.",
        "add renew the car insurance, thank you dear.",
        "renew the car insurance, please make a task",
        "renew the car insurance, can you add that",
        "and also renew the car insurance add that one too",
    ],
)
def test_greetings_and_sign_offs_are_no_part_of_the_task(text: str) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert (call.tool, call.args["title"].casefold()) == ("add_task", "renew the car insurance")


def test_a_request_to_add_said_last_is_no_question() -> None:
    assert plan("what should I add", now=THURSDAY).kind != "tools"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add book the hotel. It is high priority.", {"priority": "high"}),
        ("add book the hotel, please mark as urgent", {"priority": "high"}),
        ("add book the hotel and set the priority to low", {"priority": "low"}),
        ("add book the hotel, so it is quite important", {"priority": "high"}),
        ("add book the hotel, no rush at all", {"priority": "low"}),
        ("add book the hotel, not that urgent", {"priority": "low"}),
        ("add book the hotel and tag it travel please", {"tags": ["travel"]}),
        ("add book the hotel. Low priority, tag travel.", {"priority": "low", "tags": ["travel"]}),
        ("add book the hotel. Tag: travel.", {"tags": ["travel"]}),
        ("add book the hotel, tag travel and work", {"tags": ["travel", "work"]}),
        ("add book the hotel, put tag travel and it's important", {"tags": ["travel"]}),
        ("add book the hotel, this one is important", {"priority": "high"}),
        ("add book the hotel and flag it as important", {"priority": "high"}),
        ("add book the hotel, it's kind of urgent", {"priority": "high"}),
        ("add book the hotel, it can wait", {"priority": "low"}),
        ("add book the hotel, not a priority", {"priority": "low"}),
        ("add book the hotel, no rush, whenever you can", {"priority": "low"}),
        ("add book the hotel, category travel", {"tags": ["travel"]}),
    ],
)
def test_priority_and_tags_said_in_passing(text: str, expected: dict[str, object]) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert call.tool == "add_task"
    assert call.args["title"] == "book the hotel"
    assert args_like(call, expected) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("buy a name tag and stickers", "buy a name tag and stickers"),
        ("add fix the price tag on the shelf", "fix the price tag on the shelf"),
        ("add mark the exam papers", "mark the exam papers"),
        ("add set the table for dinner", "set the table for dinner"),
        ("add tidy up and label jars", "tidy up and label jars"),
        ("add review and project planning", "review and project planning"),
        ("write a note", "write a note"),
        ("call mom about the note", "call mom about the note"),
        ("check the log", "check the log"),
    ],
)
def test_words_that_only_look_like_instructions_stay_in_the_title(text: str, title: str) -> None:
    call = first_call(text, now=THURSDAY)
    assert call.args["title"] == title
    assert "tags" not in call.args and "priority" not in call.args


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add milk, no wait, oat milk", "oat milk"),
        ("add bread, actually sourdough bread", "sourdough bread"),
        ("add call mom, sorry, dad", "call dad"),
        ("add call bob, actually email bob", "email bob"),
        ("add buy milk, no sugar", "buy milk, no sugar"),
    ],
)
def test_a_title_taken_back_is_replaced(text: str, title: str) -> None:
    assert first_call(text, now=THURSDAY).args["title"] == title


def test_a_correction_of_the_title_keeps_the_day_said_before() -> None:
    call = first_call("add juice friday, sorry, orange juice #home", now=THURSDAY)
    assert args_like(call, {"title": 0, "due": 0, "tags": 0}) == {
        "title": "orange juice",
        "due": "2026-12-04",
        "tags": ["home"],
    }


def test_a_remark_after_actually_is_no_new_title() -> None:
    call = first_call("add pick up the kids, actually i can do it friday", now=THURSDAY)
    assert call.args["title"] != "i can do it"


@pytest.mark.parametrize(
    ("text", "title", "due"),
    [
        ("in three days I have to return the rental car", "return the rental car", "2026-12-06"),
        ("On the tenth of December I need to pick up the suit", "pick up the suit", "2026-12-10"),
        ("next week the lease runs out, I must call the landlord", "call the landlord", None),
    ],
)
def test_a_day_said_first_belongs_to_the_task(text: str, title: str, due: str | None) -> None:
    call = first_call(text, now=THURSDAY)
    assert call.tool == "add_task"
    assert call.args["title"] == title
    if due is not None:
        assert call.args["due"] == due
    else:
        assert "due" in call.args


def test_an_event_stated_then_a_reminder_asked_for_is_a_new_task() -> None:
    call = first_call(
        "The school play is on Saturday at 6pm, could you please remind me two hours before",
        now=THURSDAY,
    )
    assert args_like(call, {"title": 0, "due": 0, "remind_at": 0}) == {
        "title": "school play",
        "due": "2026-12-05T18:00:00-05:00",
        "remind_at": "2026-12-05T16:00:00-05:00",
    }


def test_a_recurring_task_asked_for_after_it_is_said() -> None:
    call = first_call(
        "Team sync every weekday, please set it up as a recurring task.", now=THURSDAY
    )
    assert call.tool == "add_task"
    assert call.args["title"] == "Team sync"
    assert call.args["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.mark.parametrize(
    "text",
    [
        "lol i should really go to bed",
        "haha i need a nap fr",
        "man i really need a holiday",
        "honestly we should get some sleep earlier these days",
        "i should probably get some rest its been a long week",
        "omg forgot to eat lunch",
        "need a coffee so bad",
        "Thank you very much, that is all for this evening. Have a lovely weekend.",
        "Thanks a lot, you've been a great help!",
        "Good night, thank you for all your patience today.",
        "thanks for the reminder about the dentist",
        "How many weeks are left until Easter?",
        "Excuse me, how does this work? I'm new to this app.",
    ],
)
def test_chatter_gets_a_reply_and_no_task(text: str) -> None:
    result = plan(text, now=THURSDAY, tasks=TASKS)
    assert result.kind == "none", f"{text!r} gave {result.calls}"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("i need to book a vacation", "book a vacation"),
        ("need to buy coffee", "buy coffee"),
        ("lol need to buy milk", "buy milk"),
    ],
)
def test_errands_about_rest_are_still_tasks(text: str, title: str) -> None:
    call = first_call(text, now=THURSDAY)
    assert (call.tool, call.args["title"]) == ("add_task", title)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("May I add a task? Renew the car insurance.", "renew the car insurance"),
        (
            "Good afternoon, I would like you to add: renew the car insurance",
            "renew the car insurance",
        ),
        ("Sorry to bother you, could you add renew the car insurance?", "renew the car insurance"),
        ("I would be grateful if you could add renew the car insurance", "renew the car insurance"),
        ("Is possible to add renew the car insurance?", "renew the car insurance"),
        ("you can add renew the car insurance please", "renew the car insurance"),
        ("please to add renew the car insurance", "renew the car insurance"),
        ("add please renew the car insurance", "renew the car insurance"),
        ("make for me a task: renew the car insurance", "renew the car insurance"),
        ("hey siri add renew the car insurance", "renew the car insurance"),
        ("To do: renew the car insurance", "renew the car insurance"),
        ("Quick reminder to self - renew the car insurance", "renew the car insurance"),
        ("add renew the car insurance pls and thank u", "renew the car insurance"),
        ("I must not forget to renew the car insurance", "renew the car insurance"),
        ("add uh renew the um car insurance", "renew the car insurance"),
        ("Please, a new task: renew the car insurance", "renew the car insurance"),
        ("New task please: renew the car insurance", "renew the car insurance"),
        ("Can you make a task for me, renew the car insurance", "renew the car insurance"),
        ("Add a task please, renew the car insurance", "renew the car insurance"),
        ("Put in the agenda renew the car insurance", "renew the car insurance"),
        ("Make me remember to renew the car insurance", "renew the car insurance"),
        ("remember me to renew the car insurance", "renew the car insurance"),
        ("Please note I have to renew the car insurance", "renew the car insurance"),
    ],
)
def test_more_ways_to_ask_for_a_task(text: str, title: str) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert call.tool == "add_task"
    assert call.args["title"].casefold() == title


@pytest.mark.parametrize(
    ("text", "title", "due"),
    [
        ("this wknd put up the lights", "put up the lights", "2026-12-05"),
        ("tomorrow, buy stamps", "buy stamps", "2026-12-04"),
        ("for tomorrow add buy stamps", "buy stamps", "2026-12-04"),
        ("Task for tomorrow: buy stamps", "buy stamps", "2026-12-04"),
    ],
)
def test_a_day_said_before_the_request(text: str, title: str, due: str) -> None:
    call = first_call(text, now=THURSDAY)
    assert args_like(call, {"title": 0, "due": 0}) == {"title": title, "due": due}


def test_a_day_said_between_the_verb_and_the_task() -> None:
    call = first_call("Please add for tomorrow the task to call the vet", now=THURSDAY)
    assert args_like(call, {"title": 0, "due": 0}) == {"title": "call the vet", "due": "2026-12-04"}


def test_a_date_that_goes_on_is_not_cut_in_two() -> None:
    call = first_call("every monday, wednesday and friday at 6:30am go for a run", now=THURSDAY)
    assert call.args["title"] == "go for a run"
    assert call.args["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"


def test_scratch_that_takes_back_a_title_and_deletes_nothing() -> None:
    call = first_call("add call jim tomorrow, scratch that, email jim", now=THURSDAY, tasks=TASKS)
    assert args_like(call, {"title": 0, "due": 0}) == {"title": "email jim", "due": "2026-12-04"}
    assert call.tool == "add_task"


def test_for_before_a_verb_means_to_after_remind_me() -> None:
    call = first_call("you can remind me tomorrow for pay the bill", now=THURSDAY)
    assert call.args["title"] == "pay the bill"
    assert call.args["remind_at"] == "2026-12-04T09:00:00-05:00"


@pytest.mark.parametrize(
    "text",
    [
        "good to know",
        "right, makes sense",
        "sounds good to me",
        "maybe later",
        "not now",
        "i'll think about it",
        "nothing to add",
        "I am going to bed now, good night",
        "tell me something",
        "can you set reminders?",
        "do you support recurring tasks?",
        "I need help",
        "how should I write dates?",
        "Can you tell me how to add a task?",
        "could you explain how this works",
        "sorry I'm new here",
        "whatever",
        "see you tomorrow",
        "talk tomorrow",
        "that will be all",
        "I think that is everything",
        "nothing else for today, thanks",
        "thanks for today",
        "that's all for now",
    ],
)
def test_replies_that_ask_for_nothing(text: str) -> None:
    assert plan(text, now=THURSDAY, tasks=TASKS).kind == "none"


def test_going_to_a_place_is_no_task() -> None:
    assert plan("I'm going to the store", now=THURSDAY).kind != "tools"
    assert first_call("I'm going to call the bank", now=THURSDAY).args["title"] == "call the bank"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("maybe I should renew the library card", "renew the library card"),
        ("I think I need to renew the library card", "renew the library card"),
        ("probably should renew the library card", "renew the library card"),
    ],
)
def test_a_hedged_need_is_still_the_need(text: str, title: str) -> None:
    assert first_call(text, now=THURSDAY).args["title"] == title


@pytest.mark.parametrize(
    "text",
    ["taxes are so annoying", "so much to do today", "I have so much to do", "too many tasks"],
)
def test_sighs_about_work_are_no_task(text: str) -> None:
    assert plan(text, now=THURSDAY, tasks=TASKS).kind == "none"


def test_an_event_stated_then_added() -> None:
    call = first_call("my haircut is on saturday at 10, please add that", now=THURSDAY)
    assert args_like(call, {"title": 0, "due": 0}) == {
        "title": "haircut",
        "due": "2026-12-05T10:00:00-05:00",
    }


@pytest.mark.parametrize(
    "text",
    [
        "add call the bank, you're the best",
        "add call the bank, thanks a million",
        "add call the bank. Best, Tom",
        "Please add call the bank. Sent from my iPhone",
        "add call the bank xoxo",
        "Hi, it's me again. Add call the bank.",
        "Hey! Quick one: call the bank tomorrow. Cheers!",
    ],
)
def test_closings_after_the_request_are_dropped(text: str) -> None:
    call = first_call(text, now=THURSDAY, tasks=TASKS)
    assert (call.tool, call.args["title"].casefold()) == ("add_task", "call the bank")


@pytest.mark.parametrize(
    "text", ["delete task 3, never mind", "Delete task 3. Never mind.", "add milk - nvm"]
)
def test_a_request_taken_back_at_the_end_does_nothing(text: str) -> None:
    assert plan(text, now=THURSDAY, tasks=TASKS).kind == "none"


def test_a_no_after_the_request_is_not_dropped_as_a_courtesy() -> None:
    result = plan("No. Delete task 3", now=THURSDAY, tasks=TASKS)
    assert not any(call.tool == "delete_task" for call in result.calls)


DAY_TASKS = (TaskRef(8, "Gym session"), TaskRef(15, "Dentist appointment"))


def test_a_day_said_before_a_command_keeps_the_command() -> None:
    deleted = first_call("today delete the gym task", now=THURSDAY, tasks=DAY_TASKS)
    assert (deleted.tool, deleted.args) == ("delete_task", {"task_id": 8})
    done = first_call("friday mark the gym done", now=THURSDAY, tasks=DAY_TASKS)
    assert (done.tool, done.args) == ("complete_task", {"task_id": 8})


@pytest.mark.parametrize("text", ["omw", "idk", "bored af", "this app is great", "lmaooo"])
def test_texting_chatter_is_no_task(text: str) -> None:
    assert plan(text, now=THURSDAY, tasks=TASKS).kind == "none"


def test_a_feeling_after_a_request_stays_part_of_it() -> None:
    call = first_call("add buy a jacket, cold", now=THURSDAY)
    assert call.tool == "add_task"
    assert "cold" in call.args["title"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("add buy milk. Actually also eggs", "milk"),
        ("add milk, actually make it two", "milk"),
        ("call mom tomorrow, I need to tell her about the party", "call mom"),
    ],
)
def test_an_addition_or_a_second_errand_keeps_the_first(text: str, kept: str) -> None:
    assert kept in first_call(text, now=THURSDAY).args["title"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("water my plant every 3 days lol she's dying", "water my plant"),
        ("take out the trash every tuesday (roommate rotation smh)", "take out the trash"),
        ("pay rent on friday ugh so expensive", "pay rent"),
        ("book flights haha i cant wait", "book flights"),
        ("ngl i need to book a haircut", "book a haircut"),
        # not an aside: a title word, or an aside that still says when
        ("buy a lol doll for mia", "buy a lol doll for mia"),
        ("buy milk (2 cartons)", "buy milk (2 cartons)"),
    ],
)
def test_an_aside_after_a_laugh_or_groan_is_no_part_of_the_title(text: str, title: str) -> None:
    assert first_call(text, now=THURSDAY).args["title"] == title


def test_an_aside_that_says_when_keeps_the_day() -> None:
    call = first_call("call mom lol tomorrow at 5", now=THURSDAY)
    assert call.tool == "add_task" and call.args["due"].startswith("2026-12-04T17:00")
