"""Resolving "task 3", "#3" and "the milk task" to one of the user's open tasks."""

from __future__ import annotations

import pytest

from todo_chatbot.agent.plan import TaskRef
from todo_chatbot.agent.rules.refs import content_words, explicit_ids, resolve, stem

TASKS = (
    TaskRef(3, "Buy milk"),
    TaskRef(4, "Call mom"),
    TaskRef(5, "Write report"),
    TaskRef(6, "Review report draft"),
    TaskRef(9, "Pay rent"),
)


@pytest.mark.parametrize(
    ("phrase", "ids"),
    [
        ("task 3", [3]),
        ("#3", [3]),
        ("task #12", [12]),
        ("tasks 3 and 4", [3, 4]),
        ("7 9", [7, 9]),
        ("7", [7]),
        ("number 8", [8]),
        ("the milk task", []),
    ],
)
def test_explicit_ids(phrase: str, ids: list[int]) -> None:
    assert explicit_ids(phrase) == ids


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("calling", "call"),
        ("called", "call"),
        ("bought", "buy"),
        ("groceries", "grocery"),
        ("taxes", "tax"),
        ("paid", "pay"),
        ("writing", "writ"),
        ("wrote", "writ"),
    ],
)
def test_stemming_matches_word_forms(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_command_words_are_not_content() -> None:
    assert content_words("mark the milk task as done") == frozenset({"milk"})


@pytest.mark.parametrize(
    ("phrase", "task_id"),
    [
        ("the milk task", 3),
        ("I bought the milk", 3),
        ("calling mom", 4),
        ("the report draft", 6),
        ("pay rent", 9),
        ("the rent", 9),
    ],
)
def test_title_words_pick_one_task(phrase: str, task_id: int) -> None:
    found = resolve(phrase, TASKS)
    assert found.status == "found"
    assert found.ids == (task_id,)


def test_a_shared_word_is_ambiguous() -> None:
    found = resolve("the report task", TASKS)
    assert found.status == "ambiguous"
    assert {t.id for t in found.candidates} == {5, 6}


def test_duplicate_titles_are_ambiguous() -> None:
    tasks = (TaskRef(1, "Buy milk"), TaskRef(2, "buy milk"))
    assert resolve("buy milk", tasks).status == "ambiguous"


def test_the_whole_title_wins_over_a_longer_one() -> None:
    tasks = (TaskRef(1, "Call mom"), TaskRef(2, "Call mom about the trip"))
    found = resolve("call mom", tasks)
    assert found.ids == (1,)


@pytest.mark.parametrize("phrase", ["it", "that one", "this", "all tasks", "everything"])
def test_pronouns_and_everything_are_missing(phrase: str) -> None:
    assert resolve(phrase, TASKS).status == "missing"


def test_unknown_words_are_not_found() -> None:
    assert resolve("the laundry", TASKS).status == "not_found"


def test_an_id_needs_no_matching_task() -> None:
    found = resolve("task 42", ())
    assert found.found and found.ids == (42,) and found.by_id


def test_a_leading_verb_alone_does_not_pick_a_task() -> None:
    assert resolve("calling the plumber", TASKS, verb_first=True).status == "not_found"
    assert resolve("buy bread", TASKS, verb_first=True).status == "not_found"
    assert resolve("calling mom", TASKS, verb_first=True).ids == (4,)
    # Leftovers of an edit keep their noise at the end: "the rent task from friday".
    assert resolve("the rent task from friday", TASKS).ids == (9,)
