"""Properties that must hold for any message: no crash, no guessing between tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from todo_chatbot.agent.evaluation import values_match
from todo_chatbot.agent.plan import Plan, TaskRef
from todo_chatbot.agent.rules import plan_turn
from todo_chatbot.agent.rules.refs import content_words, stem

TARGETED = {"complete_task", "delete_task", "update_task", "reopen_task"}
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Offsets in quarter hours from -12:00 to +14:00 (+05:30, +05:45, -03:30 included).
offsets = st.integers(min_value=-48, max_value=56).map(
    lambda q: timezone(timedelta(minutes=15 * q))
)
moments = st.builds(
    lambda day, minute, tz: (
        datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(minutes=minute)
    ),
    st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
    offsets,
)
titles = st.text(min_size=1, max_size=40)
task_lists = st.lists(
    st.builds(TaskRef, st.integers(min_value=1, max_value=10_000), titles),
    max_size=6,
    unique_by=lambda t: t.id,
)
WORDS = [
    "add",
    "remind",
    "me",
    "to",
    "every",
    "other",
    "day",
    "on",
    "the",
    "1st",
    "at",
    "5pm",
    "tomorrow",
    "next",
    "friday",
    "#work",
    "p1",
    "urgent",
    "mark",
    "task",
    "3",
    "done",
    "delete",
    "it",
    "rename",
    "to",
    "move",
    "reschedule",
    "priority",
    "high",
    "low",
    "monday",
    "and",
    "thursday",
    "evening",
    "in",
    "2",
    "hours",
    "before",
    "an",
    "hour",
    "end",
    "of",
    "month",
    "12/24",
    "dec",
    "5",
    "tag",
    "with",
    "note:",
    "the",
    "milk",
    "report",
    "show",
    "find",
    "about",
    "overdue",
    "pending",
    "completed",
    "reopen",
    "undo",
    "first",
    "last",
    "of",
]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)


def _targets(plan: Plan) -> set[int]:
    return {int(c.args["task_id"]) for c in plan.calls if c.tool in TARGETED}


@PROFILE
@given(text=st.text(max_size=300), now=moments, tasks=task_lists)
def test_never_raises_on_arbitrary_text(text: str, now: datetime, tasks: list[TaskRef]) -> None:
    result = plan_turn(text, now=now, tasks=tasks)
    assert result.kind in ("tools", "clarify", "none")
    assert bool(result.calls) == (result.kind == "tools")


@PROFILE
@given(text=phrases, now=moments, tasks=task_lists)
def test_never_raises_on_command_like_text(text: str, now: datetime, tasks: list[TaskRef]) -> None:
    result = plan_turn(text, now=now, tasks=tasks)
    assert result == plan_turn(text, now=now, tasks=tasks)  # deterministic


@PROFILE
@given(text=phrases, now=moments)
def test_instants_are_in_the_users_offset(text: str, now: datetime) -> None:
    result = plan_turn(text, now=now, tasks=[TaskRef(3, "Buy milk")])
    for call in result.calls:
        for key in ("due", "remind_at"):
            value = call.args.get(key)
            if isinstance(value, str) and "T" in value:
                moment = datetime.fromisoformat(value)
                assert moment.utcoffset() == now.utcoffset()
            elif isinstance(value, str):
                date.fromisoformat(value)


# Pseudo-words (consonant-vowel patterns) that are not commands, dates or filler.
pseudo_words = st.from_regex(r"\A[bdfgkmpstvz][aeiou][bdfgkmpstvz][aeiou][bdfgkmpstvz]\Z").filter(
    lambda w: content_words(w) == frozenset({stem(w)})
)
TEMPLATES = (
    "complete the {w} task",
    "mark {w} as done",
    "mark the {w} task done",
    "done with {w}",
    "I finished the {w}",
    "delete the {w} task",
    "remove {w}",
    "reopen the {w} task",
    "move the {w} task to friday",
    "change {w} to high priority",
    "rename the {w} task to something else",
    "tag the {w} task with #home",
    "add a note to the {w} task: hello",
    "make {w} repeat every week",
    "the {w} task is done",
    "stop repeating {w}",
    "remind me about the {w} task tomorrow at 9am",
)


@PROFILE
@given(
    shared=pseudo_words,
    first=pseudo_words,
    second=pseudo_words,
    ids=st.lists(st.integers(min_value=1, max_value=999), min_size=2, max_size=2, unique=True),
    template=st.sampled_from(TEMPLATES),
    now=moments,
)
def test_never_acts_on_a_word_two_tasks_share(
    shared: str, first: str, second: str, ids: list[int], template: str, now: datetime
) -> None:
    tasks = [TaskRef(ids[0], f"{shared} {first}x"), TaskRef(ids[1], f"{second}y {shared}")]
    result = plan_turn(template.format(w=shared), now=now, tasks=tasks)
    assert not _targets(result) & set(ids), result


@PROFILE
@given(
    title=st.lists(pseudo_words, min_size=1, max_size=3).map(" ".join),
    ids=st.lists(st.integers(min_value=1, max_value=999), min_size=2, max_size=3, unique=True),
    template=st.sampled_from(TEMPLATES),
    now=moments,
)
def test_never_acts_on_one_of_identical_titles(
    title: str, ids: list[int], template: str, now: datetime
) -> None:
    tasks = [TaskRef(task_id, title) for task_id in ids]
    result = plan_turn(template.format(w=title), now=now, tasks=tasks)
    assert not _targets(result) & set(ids), result


@PROFILE
@given(word=pseudo_words, other=pseudo_words, task_id=st.integers(min_value=1, max_value=999))
def test_a_unique_word_is_acted_on(word: str, other: str, task_id: int) -> None:
    tasks = [TaskRef(task_id, f"buy {word}"), TaskRef(task_id + 1, f"sell {other}q")]
    result = plan_turn(f"mark the {word} task done", now=datetime.now(UTC), tasks=tasks)
    assert [(c.tool, c.args) for c in result.calls] == [("complete_task", {"task_id": task_id})]


@given(value=st.datetimes(timezones=st.just(UTC)), tz=offsets)
def test_the_same_instant_matches_in_any_offset(value: datetime, tz: timezone) -> None:
    assert values_match(value.isoformat(), value.astimezone(tz).isoformat())


def _plans_within(text: str, seconds: float) -> bool:
    """Whether planning `text` finishes in time (a runaway regex would take years)."""
    import threading

    done = threading.Event()

    def plan() -> None:
        plan_turn(text, now=datetime(2026, 11, 23, 15, tzinfo=UTC), tasks=[TaskRef(3, "Buy milk")])
        done.set()

    threading.Thread(target=plan, daemon=True).start()
    return done.wait(seconds)


def test_a_long_repeated_filler_or_correction_plans_at_once() -> None:
    """Words that several patterns accept, repeated up to the chat's 4000 characters,
    must not make a pattern backtrack without end ("um um um …" once took seconds at 60)."""
    for unit in (
        "um ",
        "uh, ",
        "add milk, no wait, ",
        "wed, actually thu, ",
        "at 5 ",
        "remind me ",
    ):
        assert _plans_within(unit * (4000 // len(unit)), 10.0), unit
