"""Other changes to an existing task → update_task: reschedule, priority, tags, repetition.

The reference and the new values are separated at a connective ("move <ref> to <when>",
"change <ref> to high priority"), trying each one until the right-hand side reads entirely as
new values; otherwise the value phrases are taken out and what remains is the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from todo_chatbot.agent.plan import Plan
from todo_chatbot.agent.rules.field_edits import split_rename
from todo_chatbot.agent.rules.refs import Resolution, resolve
from todo_chatbot.agent.rules.targets import Turn, ask_back, update_plan
from todo_chatbot.language.attributes import (
    Attributes,
    Reminder,
    due_of,
    priority_word,
    reminder_time,
    take_attributes,
)
from todo_chatbot.language.lexicon import NUMBER_RE, number_value
from todo_chatbot.language.moments import Due, render, shift
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I


# --- new values ----------------------------------------------------------------------------
_FILLER = re.compile(
    r"^(?:(?:the|a|an|be|it|its|it's|due|date|due\s+date|deadline|priority|level|repeat|recur|"
    r"recurring|at|on|by|for|to|now|instead|please|and|set|as|with|from|now|new|time|then|"
    r"schedule|scheduled|reminder|marked|done|finished|completed|ready)\b[\s,]*)*$",
    _FLAGS,
)
_BARE_PRIORITY = re.compile(
    r"^(?:(?:a|an|the|as|to|be)\s+)*(?P<p>high|highest|top|low|lowest|medium|normal|urgent|important|"
    r"critical|p[1-4]|[1-3])(?:\s+(?:priority|prio|importance))?$",
    _FLAGS,
)


@dataclass(frozen=True)
class NewValues:
    found: Attributes
    complete: bool  # nothing but values was said


def read_values(text: str, now: datetime) -> NewValues:
    bare = _BARE_PRIORITY.match(text.strip(" ,.:"))
    if bare:
        word = bare["p"].lower()
        priority = "high" if word in ("urgent", "important", "critical") else priority_word(word)
        return NewValues(Attributes(priority=priority), complete=True)
    scratch = Scratch(text)
    found = take_attributes(scratch, now)
    leftover = scratch.rest()
    return NewValues(found, complete=found.any and bool(_FILLER.match(leftover)))


def value_args(found: Attributes, now: datetime) -> dict[str, Any]:
    args: dict[str, Any] = {}
    due = due_of(found, now) if found.when is not None else None
    if due is not None:
        args["due"] = render(due)
    if found.priority:
        args["priority"] = found.priority
    if found.tags:
        args["tags"] = found.tags[:20]
    if found.recurrence:
        args["recurrence"] = found.recurrence.rule
    if found.reminder is not None:
        fire = reminder_time(found.reminder, due, now)
        if fire is not None:
            args["remind_at"] = render(fire)
    return args


# --- general changes -----------------------------------------------------------------------

_HARD_VERBS = r"change|update|edit|modify|alter|adjust|reschedule|re-schedule|postpone|amend"
_SOFT_VERBS = (
    r"move|push(?:\s+back)?|delay|defer|bump|shift|snooze|set|make|mark|prioriti[sz]e|"
    r"de-?prioriti[sz]e|flag|star|repeat|switch|give|turn|convert|put"
)
_GENERAL = re.compile(rf"^(?P<verb>{_HARD_VERBS}|{_SOFT_VERBS})\s+(?P<body>.+)$", _FLAGS)
_SOFT = re.compile(rf"^(?:{_SOFT_VERBS})$", _FLAGS)
_CONNECTIVE = re.compile(
    r"\s+(?:to|for|until|till|as|with|on|at|by|into|due|so\s+(?:it|that\s+it)\s+(?:is|repeats))\s+|"
    r"\s*(?::|->|=>)\s*",
    _FLAGS,
)
_STATEMENT = re.compile(
    r"^(?P<ref>.+?)\s+(?:should\s+be|is\s+now|is|are|needs\s+to\s+be|must\s+be|has\s+to\s+be|"
    r"should|will|needs\s+to|must)\s+(?P<value>.+)$",
    _FLAGS,
)
_NEW_TASK_WORDS = re.compile(
    r"^(?:a|an|new|another)\s+(?:new\s+)?(?:task|todo|to-do|reminder)\b", _FLAGS
)


# Where to cut "<reference> to <values>": a few tries are plenty for real messages.
_MAX_SPLITS = 8


def _verb_defaults(verb: str) -> dict[str, Any]:
    verb = verb.lower().replace("-", "")
    if verb.startswith("deprioriti"):
        return {"priority": "low"}
    if verb.startswith(("prioriti", "flag", "star")):
        return {"priority": "high"}
    return {}


def _general(turn: Turn) -> Plan | None:
    match = _GENERAL.match(turn.text)
    if not match or _NEW_TASK_WORDS.match(match["body"]):
        return None
    verb, body = match["verb"], match["body"]
    soft = bool(_SOFT.match(verb))

    for split in islice(_CONNECTIVE.finditer(body), _MAX_SPLITS):
        ref, value = body[: split.start()], body[split.end() :]
        if not ref.strip() or not value.strip():
            continue
        values = read_values(value, turn.now)
        if values.complete:
            return _finish(ref, value_args(values.found, turn.now), turn, soft=soft)

    scratch = Scratch(body)
    found = take_attributes(scratch, turn.now)
    args = {**_verb_defaults(verb), **value_args(found, turn.now)}
    ref = scratch.rest()
    # "change the air filter every 6 months" describes a new chore unless a task is named.
    chore = found.recurrence is not None and verb.lower() == "change"
    if args:
        return _finish(ref, args, turn, soft=soft or chore)
    if not soft:
        to_split = re.search(r"\s+to\s+", body, _FLAGS)
        if to_split and verb.lower() in ("change", "update", "edit", "modify", "alter", "amend"):
            return split_rename(body, turn.tasks)
    resolution = resolve(body, turn.tasks)
    if soft and not resolution.found:
        return None
    if not resolution.found:
        return ask_back(resolution, "update_task")
    return Plan.clarify(
        "What should I change? You can set a new due date, priority, tags, title or repetition."
    )


def _finish(ref: str, args: dict[str, Any], turn: Turn, *, soft: bool) -> Plan | None:
    resolution = resolve(ref, turn.tasks)
    if not resolution.found:
        if soft and resolution.status == "not_found":
            return None  # "move the car tomorrow" is a new task, not an edit
        return ask_back(resolution, "update_task")
    if not args:
        return Plan.clarify("What should I change about that task?")
    return update_plan(resolution, args)


def _statement(turn: Turn) -> Plan | None:
    """ "the report is due friday", "pay rent should repeat monthly", "milk is urgent"."""
    match = _STATEMENT.match(turn.text)
    if not match:
        return None
    values = read_values(match["value"], turn.now)
    if not values.complete:
        return None
    resolution = resolve(match["ref"], turn.tasks)
    if not resolution.found:
        return None
    args = value_args(values.found, turn.now)
    return update_plan(resolution, args) if args else None


def plan_general_update(turn: Turn) -> Plan | None:
    return _general(turn) or _statement(turn)


def plan_reminder_update(turn: Turn, body: str) -> Plan | None:
    """ "remind me about the dentist appointment tomorrow at 9" when that task exists."""
    scratch = Scratch(body)
    found = take_attributes(scratch, turn.now)
    lead = found.reminder.before if found.reminder is not None else None
    if found.when is None and lead is None:
        return None
    ref = scratch.rest()
    resolution = resolve(ref, turn.tasks)
    if not resolution.found or not resolution.exact:
        return None
    if found.when is None:  # "… 30 min before": before the task's own due moment
        due = _task_due(resolution, turn)
        if due is None:
            return Plan.clarify("That task has no due date yet. When is it due?")
        fire = reminder_time(Reminder(before=lead), due, turn.now)
    else:
        fire = reminder_time(Reminder(when=found.when), None, turn.now)
    if fire is None:
        return Plan.clarify("At what time should I remind you?")
    return update_plan(resolution, {"remind_at": render(fire)})


def _task_due(resolution: Resolution, turn: Turn) -> Due | None:
    """The due value of the one task a resolution found, as the user's tool listing gave it."""
    if len(resolution.ids) != 1:
        return None
    task = next((task for task in turn.tasks if task.id == resolution.ids[0]), None)
    if task is None or not task.due:
        return None
    try:
        if "T" in task.due:
            return datetime.fromisoformat(task.due).astimezone(turn.now.tzinfo)
        return date.fromisoformat(task.due)
    except ValueError:
        return None


# --- moving by an amount -------------------------------------------------------------------

_SHIFT = re.compile(
    r"^(?:push|move|bump|shift|delay|postpone|bring|pull|put|set)\s+(?P<ref>.+?)\s+"
    r"(?:(?P<back>back|forward|later|earlier|ahead|out)\s+)?(?:by\s+)?"
    rf"(?P<n>{NUMBER_RE}|an?|half\s+an)\s+(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)"
    r"(?:\s+(?P<back2>back|forward|later|earlier|ahead|out))?$",
    _FLAGS,
)
_EARLIER = ("forward", "earlier", "ahead")


def plan_shift(turn: Turn) -> Plan | None:
    """ "push the dentist back an hour", "bring rent forward 2 days": from the task's due."""
    match = _SHIFT.match(turn.text)
    if not match:
        return None
    resolution = resolve(match["ref"], turn.tasks)
    if not resolution.found:
        return ask_back(resolution, "update_task") if resolution.status != "not_found" else None
    due = _task_due(resolution, turn)
    if due is None:
        return Plan.clarify("That task has no due date yet. When should it be due?")
    raw = match["n"].lower()
    count = 0.5 if raw.startswith("half") else 1 if raw in ("a", "an") else number_value(raw)
    unit = match["unit"].lower()
    step = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}.get(
        unit[0], timedelta(weeks=1)
    )
    direction = (match["back"] or match["back2"] or "").lower()
    verb_earlier = turn.text.lower().startswith(("bring", "pull"))
    delta = step * count * (-1 if direction in _EARLIER or verb_earlier else 1)
    if isinstance(due, datetime):
        moved: Due = shift(due, delta)
    elif delta % timedelta(days=1):
        return Plan.clarify("That task is due on a day, not at a time. What time should it be?")
    else:
        moved = due + delta
    return update_plan(resolution, {"due": render(moved)})
