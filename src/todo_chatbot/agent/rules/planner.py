"""One chat turn → a Plan: which tool to call with which arguments, or what to ask back.

Order of interpretation: small talk; unmistakable edits (rename, notes, tags, clearing a
field); reminders about an existing task; complete / reopen / delete; other edits; list and
search; new tasks; reports of finished work ("I bought the milk"); and finally any remaining
statement is taken as a new task, while an unrecognised question gets the help text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from todo_chatbot.agent.plan import Plan, TaskRef
from todo_chatbot.agent.rules.adding import (
    REMIND_PREFIX,
    add_request,
    list_addition,
    plain_request,
    plan_add,
)
from todo_chatbot.agent.rules.clock import find_clock
from todo_chatbot.agent.rules.commands import match_command, past_statement
from todo_chatbot.agent.rules.days import find_day
from todo_chatbot.agent.rules.editing import plan_general_update, plan_reminder_update
from todo_chatbot.agent.rules.field_edits import plan_field_edit
from todo_chatbot.agent.rules.listing import is_list_request, plan_list
from todo_chatbot.agent.rules.refs import explicit_ids, resolve
from todo_chatbot.agent.rules.smalltalk import UNKNOWN_REPLY, small_talk_reply
from todo_chatbot.agent.rules.targets import Turn, ask_back, plan_target
from todo_chatbot.agent.rules.text import is_question, normalize, strip_politeness

_MAX_LENGTH = 2000  # longer messages are cut; a task title is at most 200 characters anyway


def plan_turn(text: str, *, now: datetime, tasks: Sequence[TaskRef]) -> Plan:
    """Decide what to do with one user message. ``now`` is the user's clock, tz-aware."""
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.replace(tzinfo=UTC)  # without an offset the user's clock is taken as UTC
    message = normalize(text)[:_MAX_LENGTH]
    reply = small_talk_reply(message)
    if reply is not None:
        return Plan.answer(reply)
    command = strip_politeness(message)
    if not command:
        return Plan.answer(small_talk_reply("") or UNKNOWN_REPLY)
    turn = Turn(command, now, tuple(tasks))
    return _interpret(turn, asked=is_question(message))


# A command word with nothing to act on ("undo", "delete"): ask which task.
_LONE_COMMAND = re.compile(
    r"^(?:undo|delete|remove|erase|complete|done|finish(?:ed)?|reopen|rename|edit|update|change|"
    r"move|reschedule|postpone|mark|tag|cancel\s+it|check\s+off|tick\s+off|mark\s+(?:it\s+)?"
    r"(?:as\s+)?done)(?:\s+(?:it|that|this|one|task|the\s+task))?$",
    re.I,
)


def _interpret(turn: Turn, *, asked: bool) -> Plan:
    if _LONE_COMMAND.match(turn.text):
        return Plan.clarify("Which task do you mean? You can say its number, e.g. 'task 3'.")
    listing = is_list_request(turn.text, clear_only=True)
    on_list = None if listing else list_addition(turn.text)
    if on_list is not None:
        return plan_add(on_list, turn.now)

    special = plan_field_edit(turn)
    if special is not None:
        return special

    reminder = REMIND_PREFIX.match(turn.text)
    if reminder:
        body = turn.text[reminder.end() :]
        connective = (reminder["conn"] or "").strip().lower()
        # "remind me about the dentist appointment …" may mean an existing task; "remind me to
        # call mom" is a new one unless a task number is given ("add a reminder to task 3 …").
        if connective in ("about", "for", "of", "on") or explicit_ids(body):
            update = plan_reminder_update(turn, body)
            if update is not None:
                return update

    if listing:
        return plan_list(turn.text, turn.now)

    command = match_command(turn.text)
    if command is not None:
        resolution = resolve(command.ref, turn.tasks, verb_first=True)
        if resolution.found:
            return plan_target(command.tool, command.ref, turn.tasks)
        if not (command.soft and resolution.status == "not_found") and not _names_a_day(
            command.ref, turn.now
        ):
            return ask_back(resolution, command.tool)

    update = plan_general_update(turn)
    if update is not None:
        return update

    if is_list_request(turn.text):
        return plan_list(turn.text, turn.now)

    request = add_request(turn.text)
    if request is not None:
        return plan_add(request, turn.now)

    finished = past_statement(turn.text)
    if finished is not None:
        # "I called the plumber" must not tick off "Call mom": the object has to match.
        named = resolve(finished.rest, turn.tasks)
        resolution = resolve(finished.phrase, turn.tasks, verb_first=True)
        if named.status != "not_found" and resolution.found and not resolution.by_id:
            return plan_target("complete_task", finished.phrase, turn.tasks)
        if resolution.status == "ambiguous":
            return ask_back(resolution, "complete_task")
        return Plan.clarify(
            "I couldn't find an open task for that. Which task did you finish? "
            "You can say e.g. 'mark task 3 as done'."
        )

    if asked:
        return Plan.answer(UNKNOWN_REPLY)
    return plan_add(plain_request(turn.text), turn.now)


def _names_a_day(phrase: str, now: datetime) -> bool:
    """ "finish the report by friday" describes new work, not a task to tick off."""
    return find_day(phrase, now.date()) is not None or find_clock(phrase) is not None
