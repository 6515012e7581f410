"""Edits said without an edit verb: "the vet visit is actually on monday at 4", "gym session
-> friday 6pm", "rent's paid". Only a reference that names an open task wholly counts, so
"call mom's friend tomorrow" stays a new task."""

from __future__ import annotations

import re

from todo_chatbot.agent.plan import Plan
from todo_chatbot.agent.rules.editing import as_day_or_hour, on_task_day, value_args
from todo_chatbot.agent.rules.refs import Resolution, content_words, resolve, stem
from todo_chatbot.agent.rules.targets import Turn, plan_target, update_plan
from todo_chatbot.language.attributes import take_attributes
from todo_chatbot.language.lexicon import (
    CORRECTION_MARKERS,
    DONE_ADJECTIVES,
    IRREGULAR_PAST,
    NEGATIONS,
    weekday_index,
    words_re,
)
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I
# What joins a task to its new value: "is actually", "is now", "->", ":", "moved to".
_LINK = re.compile(
    r"(?:\s*(?:->|=>|→|:)\s*|(?:\s+(?:is|are|'s|was|will\s+be|has\s+been|got)|'s)\s+(?:actually\s+|now\s+|"
    r"moved\s+|changed\s+|rescheduled\s+)?(?:to\s+)?|\s+(?:actually|now|instead)\s+|"
    r"\s+(?:got\s+)?(?:moved|changed|rescheduled|pushed|bumped|shifted)\s+(?:back\s+)?(?:to\s+)?|"
    r"\s+(?=due\s)|\s+(?:to|until|till)\s+)",
    _FLAGS,
)
# Words beside new values that change nothing: a new day keeps the time anyway.
_NO_CHANGE = re.compile(
    r"\b(?:(?:at\s+)?(?:the\s+)?same\s+time|as\s+before|instead|please|pls|now|actually)\b", _FLAGS
)
_DONE_STATE = re.compile(
    r"^(?P<ref>.+?)(?:'s|\s+(?:is|are|was|were|has\s+been|have\s+been|got))?\s+(?:all\s+|now\s+|"
    r"finally\s+|already\s+)*(?P<state>[a-z]+)(?:\s+(?:up|off|out|in|back|over))?"
    r"(?:\s+(?:now|already|today|too))?$",
    _FLAGS,
)


def plan_statement_edit(turn: Turn) -> Plan | None:
    """An update when the message names one task wholly and gives it new values."""
    link = _LINK.search(turn.text)
    if not link:
        return None
    head = turn.text[: link.start()]
    resolution = resolve(head, turn.tasks)
    if not resolution.found or not resolution.exact:
        return None
    bare_link = link.group(0).strip().lower() in ("", "to", "until", "till")
    if bare_link and not _names_most_of(head, resolution, turn):
        return None  # "taxes due april 30" is a new task beside "Prepare tax documents"
    scratch = Scratch(as_day_or_hour(turn.text[link.end() :]))
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    leftover = _NO_CHANGE.sub(" ", scratch.rest().replace("the", ""))
    if not args or re.search(r"[a-z]{3,}", leftover, _FLAGS):
        return None  # something besides values was said: not only an edit
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


_CORRECTION = re.compile(rf"\b{words_re(CORRECTION_MARKERS)}\b", _FLAGS)


def plan_restated_edit(turn: Turn) -> Plan | None:
    """ "call the insurance company on wednesday instead": a task named again (every word
    said is in its title) with new values and a word marking the correction. Without such a
    word, "yoga class every saturday" still changes the task whose whole title it says when it
    gives a repetition ("call mom tomorrow" may well be a new task)."""
    corrected = bool(_CORRECTION.search(turn.text))
    scratch = Scratch(turn.text)
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    named_day = found.when is not None and (found.when.day is not None or found.when.offset)
    if not args or (not corrected and named_day):
        return None
    if not corrected and not found.recurrence:
        return None
    rest = _CORRECTION.sub(" ", scratch.rest())
    resolution = resolve(rest, turn.tasks)
    if not resolution.found or not resolution.exact or resolution.by_id:
        return None
    if not corrected and not _names_whole_title(rest, resolution, turn):
        return None
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


def _names_whole_title(phrase: str, resolution: Resolution, turn: Turn) -> bool:
    said = content_words(phrase)
    return all(content_words(t.title) == said for t in turn.tasks if t.id in resolution.ids)


def plan_done_state(turn: Turn) -> Plan | None:
    """ "rent's paid", "milk is bought": a past participle of the task's own verb."""
    match = _DONE_STATE.match(turn.text)
    if not match or _negated(match["ref"]) or "," in match["ref"]:
        return None  # "the lawn isn't done, it rained" reports nothing done
    state = match["state"].lower()
    if weekday_index(state) is not None:
        return None  # "… next wed", "… for next sat": a day, not a past participle
    verb = IRREGULAR_PAST.get(state) or (
        state[:-2] if len(state) > 4 and state.endswith("ed") else None
    )
    adjective = verb is None and state in DONE_ADJECTIVES
    if adjective:
        verb = DONE_ADJECTIVES[state]
    if verb is None:
        return None
    resolution = resolve(f"{verb} {match['ref']}", turn.tasks)
    if not resolution.found or not resolution.exact:
        return None  # every word said must be in the task's title
    if adjective and not _title_has(resolution, verb, turn):
        return None  # "the milk is clean" says nothing about "Buy milk"
    return plan_target("complete_task", f"{verb} {match['ref']}", turn.tasks)


def _title_has(resolution: Resolution, verb: str, turn: Turn) -> bool:
    titles = [task.title for task in turn.tasks if task.id in resolution.ids]
    return all(stem(verb) in content_words(title) for title in titles)


def _negated(text: str) -> bool:
    return any(word in NEGATIONS for word in re.findall(r"[a-z']+", text.lower()))


def _names_most_of(phrase: str, resolution: Resolution, turn: Turn) -> bool:
    """Whether the phrase says at least half of the words of the task's title."""
    said = content_words(phrase)
    titles = [content_words(t.title) for t in turn.tasks if t.id in resolution.ids]
    return all(2 * len(said & title) >= len(title) for title in titles)
