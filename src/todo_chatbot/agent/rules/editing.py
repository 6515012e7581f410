"""Other changes to an existing task → update_task: reschedule, priority, tags, repetition.

The reference and the new values are separated at a connective ("move <ref> to <when>",
"change <ref> to high priority"), trying each one until the right-hand side reads entirely as
new values; otherwise the value phrases are taken out and what remains is the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from todo_chatbot.agent.plan import Plan, ToolCall
from todo_chatbot.agent.rules.commands import names_a_task
from todo_chatbot.agent.rules.field_edits import split_rename
from todo_chatbot.agent.rules.refs import Resolution, content_words, explicit_ids, resolve, stem
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.agent.rules.targets import Turn, ask_back, update_plan
from todo_chatbot.language.attributes import (
    Attributes,
    Reminder,
    due_of,
    priority_word,
    reminder_time,
    take_attributes,
)
from todo_chatbot.language.lexicon import (
    ASKED_RE,
    IRREGULAR_PAST,
    MOVING_VERBS,
    NUMBER_RE,
    SPOKEN_HOURS_RE,
    WEEKDAY_RE,
    number_value,
)
from todo_chatbot.language.moments import Due, at, render, shift
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I


# --- new values ----------------------------------------------------------------------------
_FILLER = re.compile(
    r"^(?:(?:the|a|an|be|it|its|it's|due|date|due\s+date|deadline|priority|level|repeat|recur|"
    r"recurring|at|on|by|for|to|now|instead|please|and|set|as|with|from|now|new|time|then|"
    r"schedule|scheduled|reminder|marked|done|finished|completed|ready|only|going\s+forward|"
    r"from\s+now\s+on|"
    # "the electrician is coming at 3 on thursday": when the thing happens
    r"coming|arriving|happening|starting|showing\s+up|turning\s+up|actually|really)\b[\s,]*)*$",
    _FLAGS,
)
_BARE_PRIORITY = re.compile(
    r"^(?:(?:a|an|the|as|to|be)\s+)*(?P<p>high|highest|top|low|lowest|medium|normal|urgent|important|"
    r"critical|p[1-4]|[1-3])(?:\s+(?:priority|prio|importance))?$",
    _FLAGS,
)


_BARE_HOUR = re.compile(r"^(?:1[0-2]|0?[1-9])(?::[0-5]\d)?$")
# "moved to ten tomorrow": an hour said bare before the day it falls on.
_HOUR_THEN_DAY = re.compile(
    rf"^(?:1[0-2]|0?[1-9]|{SPOKEN_HOURS_RE})(?::[0-5]\d)?(?=\s+(?:today|tonight|tomorrow|tmrw|"
    rf"on\s|this\s|next\s|{WEEKDAY_RE}\b))",
    _FLAGS,
)
_BARE_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$", _FLAGS)


def as_day_or_hour(text: str) -> str:
    """A new value said bare: "to 11" is an hour, "-> 1st" a day of the month, "the weekend"
    this weekend."""
    bare = text.strip()
    if re.fullmatch(r"the\s+weekend", bare, _FLAGS):
        return "this weekend"
    if _BARE_HOUR.match(bare):
        return f"at {bare}"
    if _BARE_ORDINAL.match(bare):
        return f"on the {bare}"
    if _HOUR_THEN_DAY.match(bare):
        return f"at {bare}"
    return text


@dataclass(frozen=True)
class NewValues:
    found: Attributes
    complete: bool  # nothing but values was said
    # A past participle said before the values ("booked by friday"): it must be the verb of
    # the task's own title ("Book train to Munich"), else the values are no edit of it.
    participle: str | None = None


def read_values(text: str, now: datetime) -> NewValues:
    bare = _BARE_PRIORITY.match(text.strip(" ,.:"))
    if bare:
        word = bare["p"].lower()
        priority = "high" if word in ("urgent", "important", "critical") else priority_word(word)
        return NewValues(Attributes(priority=priority), complete=True)
    text = as_day_or_hour(text)
    scratch = Scratch(text)
    found = take_attributes(scratch, now)
    leftover = scratch.rest()
    complete = found.any and bool(_FILLER.match(leftover))
    participle = _participle_first(leftover) if found.any and not complete else None
    if participle is not None:
        leftover = leftover.strip()[len(participle) :]
        complete = bool(_FILLER.match(leftover))
    return NewValues(found, complete=complete, participle=participle if complete else None)


# "the train should be booked by friday": the task's own verb said as done by then.
_PARTICIPLE_FIRST = re.compile(r"^\s*(?P<w>[a-z]+)\b", _FLAGS)


def _participle_first(text: str) -> str | None:
    match = _PARTICIPLE_FIRST.match(text)
    if not match:
        return None
    word = match["w"].lower()
    return word if word in IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed")) else None


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

_TO_A_DAY = frozenset(("to", "till", "until", "into"))
_REPEAT_WORDS = re.compile(
    r"\b(?:repeat(?:s|ing)?|recur(?:s|ring)?|(?:a|an)\s+(?:daily|weekly|monthly|yearly)\s+thing)\b",
    _FLAGS,
)

_DUE_WORD = re.compile(r"\bdue\b", _FLAGS)  # "make the holiday cards due next monday"

_HARD_VERBS = r"change|update|edit|modify|alter|adjust|reschedule|re-schedule|postpone|amend"
_SOFT_VERBS = (
    r"move|push(?:\s+back)?|delay|defer|bump|shift|snooze|set(?!\s+up\b)|make|mark|prioriti[sz]e|"
    r"de-?prioriti[sz]e|flag|star|repeat|switch|swap|give|turn|convert|put|raise|lower|upgrade|downgrade|"
    # "restarting physio — every tue and thu" ("resume" is a CV too)
    r"extend|restart(?:ing)?|resuming"
)
_GENERAL = re.compile(rf"^(?P<verb>{_HARD_VERBS}|{_SOFT_VERBS})\s+(?P<body>.+)$", _FLAGS)
_SOFT = re.compile(rf"^(?:{_SOFT_VERBS})$", _FLAGS)
_CONNECTIVE = re.compile(
    r"\s+(?:to|for|until|till|as|with|on|at|by|into|due|so\s+(?:it|that\s+it)\s+(?:is|repeats))\s+|"
    r"\s*(?::|->|=>)\s*",
    _FLAGS,
)
_STATEMENT = re.compile(
    r"^(?P<ref>.+?)\s+(?:can\s+wait\s+(?:till|until|til|to|for)|"
    r"can\s+be\s+(?:done|moved|pushed|put\s+off)\s+(?:to|on|by|till|until)|"
    r"repeats|recurs|happens|occurs|comes\s+up|should\s+repeat|"
    r"should\s+be|is\s+now|(?:is|are|'s)\s+(?:gonna|going\s+to)\s+be|is|are|needs\s+to\s+be|"
    r"must\s+be|has\s+to\s+be|"
    r"should|will|needs\s+to|must)\s+(?P<value>.+)$",
    _FLAGS,
)
_NEW_TASK_WORDS = re.compile(
    r"^(?:(?:a|an|new|another)\s+(?:new\s+)?(?:(?:recurring|repeating)\s+)?|(?:recurring|repeating)\s+)"
    r"(?:task|todo|to-do|reminder)\b",
    _FLAGS,
)


# Why, said after the new value without a comma: "push the invoice to monday they asked".
_REASON_AFTER = re.compile(
    r"\s+(?:they|he|she|i|we|it'?s|cos|cause|because|since|coz|bc|as\s+(?:they|he|she|i|we))\s",
    _FLAGS,
)
_COMMA = re.compile(r",\s+")
_ANOTHER_CHANGE = re.compile(
    rf"\b(?:also|{_HARD_VERBS}|{_SOFT_VERBS}|add|remind|tag|rename|delete|remove)\b", _FLAGS
)
_SPAN_AS_MOVE = re.compile(rf"^\s*{WEEKDAY_RE}\s+to\s+{WEEKDAY_RE}\b", _FLAGS)
_LEVEL_VERBS = frozenset({"make", "put", "set", "mark", "bump", "turn", "raise", "lower"})
_LEVEL_LAST = re.compile(
    r"\s+(?P<p>high|highest|top|low|lowest|medium|normal|urgent|critical|p[1-4])"
    r"(?:\s+(?:priority|prio))?(?:\s+(?:and|again|now|instead|please))*"
    r"(?:\s+(?:set|make|put|move|push)\s+(?:it|that))?[\s,.!]*$",
    _FLAGS,
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


# "move it to fri same time": the time kept, which a new day does anyway.
SAME_MOMENT_RE = r"(?:at\s+|on\s+)?(?:the\s+)?same\s+(?:time|hour)(?:\s+as\s+before)?"
_SAME_MOMENT = re.compile(rf",?\s+{SAME_MOMENT_RE}\b(?=[\s.!,]*$)", _FLAGS)
_REPEAT_SAID = re.compile(r"\b(?:repeat|recur)\w*\b", _FLAGS)


def _general(turn: Turn) -> Plan | None:
    match = _GENERAL.match(turn.text)
    if not match or _NEW_TASK_WORDS.match(match["body"]):
        return None
    if match["verb"].lower() == "put" and re.match(
        r"(?:down|in\s+(?:my\s+\w+\s+)?that)\b", match["body"], _FLAGS
    ):
        return None  # "put down ask Marcus about shifts": a new task written down
    verb, body = match["verb"], _SAME_MOMENT.sub("", match["body"])  # a new day keeps the hour
    soft = bool(_SOFT.match(verb))

    for split in islice(_CONNECTIVE.finditer(body), _MAX_SPLITS):
        ref, value = body[: split.start()], body[split.end() :]
        if not ref.strip() or not value.strip():
            continue
        if _REPEAT_SAID.search(ref):
            break  # "make #6 repeat monthly on the 15th": the day is the repetition's
        reason = _REASON_AFTER.search(value) or _COMMA.search(value)
        if reason is not None and _ANOTHER_CHANGE.search(value, reason.end()):
            reason = None  # "…, the boss asked. also make it high": more to change
        values = _values_before(value, reason, turn.now)  # "… to monday they asked"
        if _SPAN_AS_MOVE.search(value) and verb.lower() in MOVING_VERBS:
            continue  # "move the shift on saturday to sunday": from one day to the other
        if values.complete and not values.participle:
            args = value_args(values.found, turn.now)
            ref = _take_level(ref, verb, args, turn.now)
            # "push the plumber to tomorrow" only ever moves a task; "move the car tomorrow"
            # may be one to do.
            moved = verb.lower() in MOVING_VERBS and split.group(0).strip().lower() in _TO_A_DAY
            hard = moved or _said_of_a_task(ref, body)
            return _finish(ref, args, turn, soft=soft and not hard, found=values.found)

    scratch = Scratch(body)
    found = take_attributes(scratch, turn.now)
    args = {**_verb_defaults(verb), **value_args(found, turn.now)}
    ref = scratch.rest()
    ref = _take_level(ref, verb, args, turn.now)
    # "change the air filter every 6 months" describes a new chore unless a task is named.
    chore = found.recurrence is not None and verb.lower() in ("change", "update", "review")
    # "make the rent high priority", "make the gym a weekly thing": said only of a task.
    hard = set(args) == {"priority"} or _said_of_a_task(ref, body)
    if args:
        return _finish(ref, args, turn, soft=(soft and not hard) or chore, found=found)
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


def _values_before(value: str, why: re.Match[str] | None, now: datetime) -> NewValues:
    """The new values said, else those said before why they change (``why``)."""
    values = read_values(value, now)
    if values.complete or why is None:
        return values
    return read_values(value[: why.start()], now)


def _take_level(ref: str, verb: str, args: dict[str, Any], now: datetime) -> str:
    """ "make the lease high and due the 20th", "put the permit medium": a priority level
    said bare after the task's name goes into ``args``; the name is what is left."""
    level = _LEVEL_LAST.search(ref) if verb.lower() in _LEVEL_VERBS else None
    if level is None or "priority" in args or not level.start():
        return ref
    args["priority"] = read_values(level["p"], now).found.priority
    return ref[: level.start()]


def _said_of_a_task(ref: str, body: str) -> bool:
    """ "the vet task", "make the gym a weekly thing", "make the cards due monday": wording
    that only fits a task on the list, so a miss is asked about, never filed as new."""
    return names_a_task(ref) or bool(_REPEAT_WORDS.search(body) or _DUE_WORD.search(body))


# "change the due date of 38 to …": the field named before the task
_FIELD_OF = re.compile(
    r"^\s*(?:the\s+)?(?:due(?:\s+date)?|deadline|date|time|due\s+time)\s+(?:of|on|for)\s+(?=\S)",
    _FLAGS,
)
_BARE_NUMBER = re.compile(r"^\s*(?P<id>\d{1,9})\s*$")


def _finish(
    ref: str, args: dict[str, Any], turn: Turn, *, soft: bool, found: Attributes
) -> Plan | None:
    named = _FIELD_OF.sub("", ref)
    if named != ref and _BARE_NUMBER.match(named):
        named = f"task {named.strip()}"  # "the due date of 38": task 38
    resolution = resolve(named, turn.tasks)
    if not resolution.found:
        if soft and resolution.status == "not_found":
            return None  # "move the car tomorrow" is a new task, not an edit
        return ask_back(resolution, "update_task")
    if soft and not resolution.exact:
        return None  # "make a dinner reservation …" beside "Dinner with the Wilsons"
    if not args:
        return Plan.clarify("What should I change about that task?")
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


def on_task_day(
    args: dict[str, Any], found: Attributes, resolution: Resolution, turn: Turn
) -> dict[str, Any]:
    """ "move the dentist to 5pm": a new time alone keeps the day the task is due on;
    "move the dentist to friday (same time)": a new day alone keeps its time of day."""
    when = found.when
    if "due" not in args or when is None or when.offset is not None or found.recurrence:
        return args
    due = _task_due(resolution, turn)
    if due is None:
        return args
    if when.clock is None:
        if when.day is None or not isinstance(due, datetime):
            return args
        return {**args, "due": render(at(when.day, due.time(), turn.now))}
    if when.day is not None or when.today:
        return args  # ("move the dentist to tonight": today, whatever day it was on)
    day = due.date() if isinstance(due, datetime) else due
    clock = when.clock
    if when.half_day_guessed and isinstance(due, datetime):
        clock = _nearer_half_day(clock, due.time())  # dinner at 19:00 "moved to 7:30"
    return {**args, "due": render(at(day, clock, turn.now))}


def _nearer_half_day(clock: time, current: time) -> time:
    """The reading of a clock time (morning or evening) nearer to the task's current time."""
    other = clock.replace(hour=(clock.hour + 12) % 24)

    def distance(candidate: time) -> int:
        return abs((candidate.hour * 60 + candidate.minute) - (current.hour * 60 + current.minute))

    return other if distance(other) < distance(clock) else clock


def _match_task(pattern: re.Pattern[str], turn: Turn) -> tuple[re.Match[str], Resolution] | None:
    """The pattern matched on the message, with the task its ``ref`` group names."""
    match = pattern.match(turn.text)
    if not match:
        return None
    return match, resolve(match["ref"], turn.tasks)


def _statement(turn: Turn) -> Plan | None:
    """ "the report is due friday", "pay rent should repeat monthly", "milk is urgent"."""
    matched = _match_task(_STATEMENT, turn)
    if matched is None:
        return None
    match, resolution = matched
    # "heifers can wait till the weekend, ground's too soft"
    values = _values_before(match["value"], _COMMA.search(match["value"]), turn.now)
    if (
        not values.complete
        or not resolution.found
        or not _named_closely(match["ref"], resolution, turn)
    ):
        return None  # "buy a card for grandpa, his bday is friday" is no word on "Buy milk"
    if values.participle and not _in_titles(values.participle, resolution, turn):
        return None  # "the dentist is closed on mondays" changes nothing
    args = value_args(values.found, turn.now)
    return (
        update_plan(resolution, on_task_day(args, values.found, resolution, turn)) if args else None
    )


def _named_closely(phrase: str, resolution: Resolution, turn: Turn) -> bool:
    """Every word said is in the task's title, or all but one when two or more are."""
    if resolution.exact or resolution.by_id:
        return True
    said = content_words(phrase)
    titles = [content_words(t.title) for t in turn.tasks if t.id in resolution.ids]
    return bool(titles) and all(len(said & t) >= 2 and len(said - t) <= 1 for t in titles)


def _in_titles(word: str, resolution: Resolution, turn: Turn) -> bool:
    titles = [t.title for t in turn.tasks if t.id in resolution.ids]
    return bool(titles) and all(stem(word) in content_words(title) for title in titles)


def plan_general_update(turn: Turn) -> Plan | None:
    return _general(turn) or _statement(turn) or _values_then_task(turn)


# "party's now at 7pm on the 21st, update the Sam's birthday party task": the new values,
# then the task they are for.
_UPDATE_NAMED_LAST = re.compile(
    rf"^(?P<said>.+?)\s*[,;.]\s*(?:so\s+)?{ASKED_RE}"
    r"(?:update|change|fix|edit|amend)\s+(?P<ref>(?:the|my|that)\s+.+?)"
    r"(?:\s+(?:pls|please|accordingly|too|then))*[\s.!?]*$",
    _FLAGS,
)


def _values_then_task(turn: Turn) -> Plan | None:
    named_last = _UPDATE_NAMED_LAST.match(turn.text)
    if named_last is None:
        return None
    ref = named_last["ref"]
    if take_attributes(Scratch(ref), turn.now).any:
        return None  # "…, can you change the dog walk to mondays": the values said last
    resolution = resolve(ref, turn.tasks)
    if not resolution.found or len(resolution.ids) != 1:
        return None
    found = take_attributes(Scratch(named_last["said"]), turn.now)
    args = value_args(found, turn.now)
    if not args:
        return None
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


# "remind me about the dermatologist appt at 7am that day": on the day the task is due.
_ON_ITS_DAY = re.compile(
    r"\s*,?\s*\b(?:(?:on\s+)?(?:that|the\s+same)\s+(?:day|morning)|on\s+the\s+day(?:\s+itself)?)\b",
    _FLAGS,
)


_INSTEAD_LAST = re.compile(r"\s*,?\s*\b(?:instead|then|now|please|pls)[\s.!]*$", _FLAGS)


def plan_reminder_update(turn: Turn, body: str) -> Plan | None:
    """ "remind me about the dentist appointment tomorrow at 9" when that task exists."""
    body = _INSTEAD_LAST.sub("", body)  # "… a day before instead": the old reminder replaced
    its_day = _ON_ITS_DAY.search(body)
    if its_day is not None:
        body = body[: its_day.start()] + body[its_day.end() :]
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
        said = found.reminder if found.reminder is not None else Reminder(before=lead)
        fire = reminder_time(said, due, turn.now)  # "the day before at 8 pm" keeps its clock
    elif its_day is not None and found.when.clock is not None and found.when.day is None:
        due = _task_due(resolution, turn)
        if due is None:
            return Plan.clarify("That task has no due date yet. When is it due?")
        day = due.date() if isinstance(due, datetime) else due
        fire = at(day, found.when.clock, turn.now)
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
    # ("water the plants each 2 days" repeats: no shift)
    r"^(?:push|move|bump|shift|delay|postpone|bring|pull|put|set|make)\s+(?P<ref>.+?)(?<!\bevery)"
    r"(?<!\beach)\s+"
    r"(?:(?P<back>back|forward|later|earlier|ahead|out|off)\s+)?(?:by\s+)?"
    rf"(?P<n>{NUMBER_RE}|an?|half\s+an)\s+(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?)"
    r"(?:\s+(?P<back2>back|forward|later|earlier|ahead|out))?$",
    _FLAGS,
)
_EARLIER = ("forward", "earlier", "ahead")
_REPEATS = re.compile(
    r"\b(?:every|each|repeat(?:s|ing)?|recur(?:s|ring)?|daily|weekly|monthly)\b", _FLAGS
)


def plan_shift(turn: Turn) -> Plan | None:
    """ "push the dentist back an hour", "bring rent forward 2 days": from the task's due."""
    matched = _match_task(_SHIFT, turn)
    if matched is None:
        return None
    match, resolution = matched
    if _REPEATS.search(match["ref"]):
        return None  # "make the bathroom clean repeat every saturday for 4 weeks": how long
    if not resolution.found:
        return ask_back(resolution, "update_task")  # moving by an amount is said of a task
    due = _task_due(resolution, turn)
    if due is None:
        return Plan.clarify("That task has no due date yet. When should it be due?")
    raw = match["n"].lower()
    count = 0.5 if raw.startswith("half") else 1 if raw in ("a", "an") else number_value(raw)
    unit = match["unit"].lower()
    step = {
        "m": timedelta(minutes=1),
        "h": timedelta(hours=1),
        "d": timedelta(days=1),
        "f": timedelta(weeks=2),
    }.get(unit[0], timedelta(weeks=1))
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


# "could you delete 11, no sorry, 12", "move the vet to 4:30 tomorrow, sorry, 4pm, not 4:30",
# "done with the slides. wait, no, I meant the handout": a change, then what replaces part of it.
_TAKEN_BACK = re.compile(
    r"^(?P<head>.+?)\s*(?:[,;.]|(?<=\s)-+|[\u2013\u2014])\s*(?:(?:oh|ugh|er+m?|hmm+)\s+)?"
    r"(?:no|wait|actually|sorry|oops)\b"
    r"(?:[\s,]+(?:no|wait|sorry|actually|i\s+mean(?:t)?|make\s+(?:it|that)|it'?s|it\s+is|should\s+be))*"
    r"[\s,]+(?P<fix>\S.*)$",
    _FLAGS,
)
_NOT_THE_OLD = re.compile(
    r"[,\s]+not\s+[^,.!?]+$|\s+(?:is|would\s+be|'s)\s+(?:fine|better|good|ok|okay|right)\b.*$"
    r"|[,\s]+(?:the|my)\s+[a-z]+\s+(?:still|is|are)\b.*$",
    _FLAGS,
)
_CHANGES = frozenset({"update_task", "delete_task", "complete_task", "reopen_task"})


def corrected_change(plan: Plan, turn: Turn) -> Plan | None:
    """The change ``plan`` makes, with what the user said instead after taking part back."""
    taken = _TAKEN_BACK.match(turn.text)
    if taken is None or plan.kind != "tools" or len(plan.calls) != 1:
        return None
    call = plan.calls[0]
    if call.tool not in _CHANGES:
        return None
    fix = _NOT_THE_OLD.sub("", taken["fix"]).strip(" .!")
    ids = explicit_ids(fix)
    # ("pushed to mon 10am, no wait 11": after a new time, a number is the hour)
    an_hour = fix.isdigit() and call.tool == "update_task" and "due" in call.args
    if len(ids) == 1 and not an_hour:
        return _with_args(call, {"task_id": ids[0]})
    if call.tool == "update_task":
        values = read_values(fix, turn.now)
        args = value_args(values.found, turn.now)
        if values.complete and args:
            said = values.found.when
            old_due = call.args.get("due")
            if said is not None and said.day is None and said.clock is not None and old_due:
                day = datetime.fromisoformat(str(old_due)).date()  # "…tomorrow, sorry, 4pm"
                args["due"] = render(at(day, said.clock, turn.now))
            return _with_args(call, args)
    named = resolve(fix, turn.tasks, verb_first=True)
    if named.found and named.exact and len(named.ids) == 1 and not named.by_id:
        return _with_args(call, {"task_id": named.ids[0]})  # "I meant the handout"
    return None


def _with_args(call: ToolCall, args: dict[str, Any]) -> Plan:
    fixed = ToolCall(call.tool, {**call.args, **args})
    return Plan.tools(fixed, reply=plan_summary(fixed))
