"""Edits said without an edit verb: "the vet visit is actually on monday at 4", "gym session
-> friday 6pm", "rent's paid". Only a reference that names an open task wholly counts, so
"call mom's friend tomorrow" stays a new task."""

from __future__ import annotations

import re

from todo_chatbot.agent.plan import Plan
from todo_chatbot.agent.rules.editing import value_args
from todo_chatbot.agent.rules.refs import resolve
from todo_chatbot.agent.rules.targets import Turn, plan_target, update_plan
from todo_chatbot.language.attributes import take_attributes
from todo_chatbot.language.lexicon import IRREGULAR_PAST
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I
# What joins a task to its new value: "is actually", "is now", "->", ":", "moved to".
_LINK = re.compile(
    r"(?:\s*(?:->|=>|→|:)\s*|\s+(?:is|are|'s|was|will\s+be|has\s+been|got)\s+(?:actually\s+|now\s+|"
    r"moved\s+|changed\s+|rescheduled\s+)?(?:to\s+)?|\s+(?:actually|now|instead)\s+|"
    r"\s+(?:got\s+)?(?:moved|changed|rescheduled|pushed|bumped|shifted)\s+(?:back\s+)?(?:to\s+)?)",
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
    scratch = Scratch(turn.text[link.end() :])
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    leftover = _NO_CHANGE.sub(" ", scratch.rest().replace("the", ""))
    if not args or re.search(r"[a-z]{3,}", leftover, _FLAGS):
        return None  # something besides values was said: not only an edit
    return update_plan(resolution, args)


def plan_done_state(turn: Turn) -> Plan | None:
    """ "rent's paid", "milk is bought": a past participle of the task's own verb."""
    match = _DONE_STATE.match(turn.text)
    if not match:
        return None
    state = match["state"].lower()
    verb = IRREGULAR_PAST.get(state) or (state[:-2] if state.endswith("ed") else None)
    if verb is None:
        return None
    resolution = resolve(f"{verb} {match['ref']}", turn.tasks)
    if not resolution.found:
        return None
    return plan_target("complete_task", f"{verb} {match['ref']}", turn.tasks)
