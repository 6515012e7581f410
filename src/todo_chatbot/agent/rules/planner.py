"""One chat turn → a Plan: which tool to call with which arguments, or what to ask back.

Every interpreter proposes a plan for the whole message and each proposal is scored: the
explicit ones (a command verb, a list question, an add verb) by how unmistakable their
phrasing is, the rest by the cues of the message (question, chatter, a sentence about an
existing task). The best proposal wins. A message that only might be a task is never filed:
a question gets an answer, chatter a reply, a vague edit a question back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules.adding import (
    LABEL_PREFIX,
    REMIND_PREFIX,
    add_request,
    list_addition,
    plain_request,
    plan_add,
    plan_bare_line,
)
from todo_chatbot.agent.rules.bulk import plan_bulk
from todo_chatbot.agent.rules.commands import (
    PastStatement,
    match_command,
    names_a_task,
    past_statement,
)
from todo_chatbot.agent.rules.editing import (
    plan_general_update,
    plan_reminder_update,
    plan_shift,
)
from todo_chatbot.agent.rules.field_edits import plan_field_edit
from todo_chatbot.agent.rules.intent import (
    Cues,
    correct_command_word,
    name_for_it,
    read_cues,
    strip_emoji,
    without_emoji,
)
from todo_chatbot.agent.rules.listing import (
    is_list_phrase,
    is_list_request,
    names_known_tag,
    plan_list,
    plan_lookup,
    task_question,
)
from todo_chatbot.agent.rules.refs import explicit_ids, resolve
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.agent.rules.smalltalk import ACK_REPLY, UNKNOWN_REPLY, small_talk_reply
from todo_chatbot.agent.rules.statements import (
    plan_done_state,
    plan_restated_edit,
    plan_statement_edit,
)
from todo_chatbot.agent.rules.targets import Turn, ask_back, plan_target
from todo_chatbot.agent.rules.text import normalize, strip_politeness
from todo_chatbot.language.clock import find_clock
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import IRREGULAR_PAST, MONTH_RE, ORDINAL_RE, WEEKDAY_RE
from todo_chatbot.language.recurrence import take_recurrence
from todo_chatbot.language.scratch import Scratch
from todo_chatbot.language.task_line import prepare

# "due the 17th, not the 18th": the value said only to be turned down.
_REJECTED = re.compile(
    r"(?:,\s*|\s+)(?:not|instead\s+of|rather\s+than)\s+(?:the\s+|on\s+|at\s+)?"
    rf"(?:{ORDINAL_RE}|{WEEKDAY_RE}|{MONTH_RE}(?:\s+\d{{1,2}})?|\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)?|"
    r"today|tonight|tomorrow)[.!]?$",
    re.I,
)
_MAX_LENGTH = 2000  # longer messages are cut; a task title is at most 200 characters anyway
_REWORDED_PENALTY = 5  # a reading of a reworded message is a little less sure


@dataclass(frozen=True)
class Candidate:
    score: int
    plan: Plan


def plan_turn(
    text: str, *, now: datetime, tasks: Sequence[TaskRef], locale: str | None = None
) -> Plan:
    """Decide what to do with one user message. ``now`` is the user's clock, tz-aware;
    ``locale`` ("en-GB") decides whether "3/12" is the 3rd of December or March 12th."""
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.replace(tzinfo=UTC)  # without an offset the user's clock is taken as UTC
    message = prepare(normalize(text)[:_MAX_LENGTH], locale)
    words = without_emoji(message)
    if not words and message.strip():
        return Plan.answer(ACK_REPLY)  # "👍", "🙏": a reaction, not an order
    reply = small_talk_reply(words) if words else None
    if reply is not None:
        return Plan.answer(reply)
    command = _REJECTED.sub("", strip_politeness(strip_emoji(message)))
    # "oh I almost forgot, pick up the cake": what the request itself opens with counts.
    cues = replace(read_cues(message), statement=read_cues(command).statement)
    if not command:
        reply = small_talk_reply("") if not cues.words else ACK_REPLY
        return Plan.answer(reply or UNKNOWN_REPLY)
    best = _best(Turn(command, now, tuple(tasks)), cues)
    named = name_for_it(command)
    if named is not None and _adds(best.plan):
        # "i still need to call the plumber, reopen it": the task named first is "it".
        other = _best(Turn(named, now, tuple(tasks)), cues)
        if other.plan.kind == "tools" and not _adds(other.plan):
            return other.plan
    if best.score < _EXPLICIT or best.plan.kind == "clarify":
        # Rewordings: a misspelt command word, a task named first and then called "it".
        for reworded in (correct_command_word(command), name_for_it(command)):
            if reworded is None:
                continue
            other = _best(Turn(reworded, now, tuple(tasks)), cues)
            if other.score - _REWORDED_PENALTY > best.score:
                best = other
    return best.plan


def _adds(plan: Plan) -> bool:
    return plan.kind == "tools" and bool(plan.calls) and plan.calls[0].tool == "add_task"


def _best(turn: Turn, cues: Cues) -> Candidate:
    best: Candidate | None = None
    for candidate in _candidates(turn, cues):
        if best is None or candidate.score > best.score:
            best = candidate
    assert best is not None  # the fallbacks always propose
    return best


# A command word with nothing to act on ("undo", "delete"): ask which task.
_LONE_COMMAND = re.compile(
    r"^(?:undo|delete|remove|erase|complete|done|finish(?:ed)?|reopen|rename|edit|update|change|"
    r"move|reschedule|postpone|mark|tag|cancel\s+it|check\s+off|tick\s+off|mark\s+(?:it\s+)?"
    r"(?:as\s+)?done)(?:\s+(?:it|that|this|one|task|the\s+task))?$",
    re.I,
)
# An edit verb aimed at "it", "that one", "something": ask which task.
_VAGUE_EDIT = re.compile(
    r"^(?:push|move|bump|shift|make|change|set|reschedule|postpone|delay|edit|update|fix|do)\s+"
    r"(?:(?:all\s+)?(?:my|the|these|those)\s+(?=stuff|things|tasks))?"
    r"(?:it|that(?:\s+one)?|this(?:\s+one)?|them|something|anything|stuff|things|tasks|one|"
    r"the\s+(?:thing|usual|same))\b|"
    r"^(?:set|add|change|pick|give)\s+(?:a|the|it\s+a)\s+(?:time|date|day|due\s+date|deadline|reminder|"
    r"priority|tag)$",
    re.I,
)

# Scores: the explicit interpreters keep the order in which their phrasing is unmistakable;
# cue-based readings sit below them and above the fallbacks.
_EXPLICIT = 60


def _candidates(turn: Turn, cues: Cues) -> Iterator[Candidate]:
    text = turn.text
    if _LONE_COMMAND.match(text):
        yield Candidate(100, _which_task())
    bulk = plan_bulk(turn)
    if bulk is not None:
        yield Candidate(97, bulk)
    if LABEL_PREFIX.match(text):
        labelled = add_request(text)  # "note to self: …", "todo: …"
        if labelled is not None:
            yield Candidate(92, plan_add(labelled, turn.now))
    listing = is_list_request(text, clear_only=True)
    on_list = None if listing else list_addition(text)
    if on_list is not None:
        yield Candidate(95, plan_add(on_list, turn.now))
    special = plan_field_edit(turn)
    if special is not None:
        yield Candidate(90, special)
    reminder = _reminder_update(turn)
    if reminder is not None:
        yield Candidate(85, reminder)
    if listing:
        yield Candidate(80, plan_list(text, turn.now, _known_tags(turn)))
    # "is the phone bill due this week?", "did I pay rent?": asked about, never changed.
    changes = not cues.inquiry
    command = _command(turn) if changes else None
    if command is not None:
        yield Candidate(75, command)
    moved = plan_shift(turn)
    if moved is not None:
        yield Candidate(88, moved)
    update = plan_general_update(turn) if changes else None
    if update is not None:
        yield Candidate(70, update)
    if is_list_request(text):
        yield Candidate(65, plan_list(text, turn.now, _known_tags(turn)))
    request = add_request(text)
    if request is not None:
        yield Candidate(_EXPLICIT, plan_add(request, turn.now))
    finished = _finished(turn) if changes else None
    # "got anything for friday?": a question is no report of work done.
    if finished is not None and not (cues.question and finished.kind == "clarify"):
        yield Candidate(55, finished)
    yield from _cue_readings(turn, cues)


def _cue_readings(turn: Turn, cues: Cues) -> Iterator[Candidate]:
    """Readings of a message without a command word, weighed by what it looks like."""
    text = turn.text
    if not cues.inquiry:
        done = plan_done_state(turn)
        if done is not None:
            yield Candidate(54, done)
        edit = plan_statement_edit(turn) or plan_restated_edit(turn)
        if edit is not None:
            yield Candidate(53, edit)
    tag_asked = (cues.question or _MY_THINGS.match(text)) and names_known_tag(
        text, _known_tags(turn)
    )
    if is_list_phrase(text) or tag_asked:
        yield Candidate(52, plan_list(text, turn.now, _known_tags(turn)))
    if _VAGUE_EDIT.match(text):
        yield Candidate(51, _which_task())
    if cues.chatter:
        yield Candidate(50, Plan.answer(ACK_REPLY))
    asked_about = task_question(text) if cues.inquiry else None
    if asked_about and resolve(asked_about, turn.tasks).found:
        yield Candidate(48, plan_lookup(asked_about))
    if cues.question:
        yield Candidate(45, Plan.answer(UNKNOWN_REPLY))
    plain = plan_bare_line(plain_request(text), turn.now)
    task_like = not (
        cues.statement or cues.question or cues.chatter or cues.reports_done or cues.edit_like
    )
    if plain is None:  # only dates or filler: nothing to file, nothing to ask about
        yield Candidate(40, Plan.answer(UNKNOWN_REPLY))
    else:
        yield Candidate(40 if task_like else 10, plain)
    yield Candidate(
        30,
        Plan.clarify(
            f"I'm not sure what to do with '{text[:80]}'. Should I add it as a task? "
            f"Say 'add {text[:80]}' and I will."
        ),
    )


# "my errands", "all my bills": a list of the user's own, by one of their tags.
_MY_THINGS = re.compile(
    r"^(?:(?:all\s+)?(?:of\s+)?my|the)\s+\S+(?:\s+(?:tasks|stuff|things|todos|items|list))?$", re.I
)


def _known_tags(turn: Turn) -> set[str]:
    return {tag.lower() for task in turn.tasks for tag in task.tags}


def _which_task() -> Plan:
    return Plan.clarify("Which task do you mean? You can say its number, e.g. 'task 3'.")


# "the dentist appointment needs a reminder the day before"
_NEEDS_REMINDER = re.compile(
    r"^(?P<ref>.+?)\s+(?:needs|should\s+have|gets|could\s+use)\s+(?:a\s+)?reminder\s+(?P<when>.+)$",
    re.I,
)


def _reminder_update(turn: Turn) -> Plan | None:
    needs = _NEEDS_REMINDER.match(turn.text)
    if needs:
        return plan_reminder_update(turn, f"{needs['ref']} {needs['when']}")
    reminder = REMIND_PREFIX.match(turn.text)
    if not reminder:
        return None
    body = turn.text[reminder.end() :]
    connective = (reminder["conn"] or "").strip().lower()
    # "remind me about the dentist appointment …" may mean an existing task; "remind me to
    # call mom" is a new one unless a task number is given ("add a reminder to task 3 …").
    if connective in ("about", "for", "of", "on") or explicit_ids(body):
        return plan_reminder_update(turn, body)
    return None


def _command(turn: Turn) -> Plan | None:
    command = match_command(turn.text)
    if command is None:
        return None
    resolution = resolve(command.ref, turn.tasks, verb_first=True)
    # "cancel the gym membership by the end of the month" is new work, not "Gym session":
    # a verb that also begins new tasks needs every word said to be in the title.
    weak = not resolution.exact or _names_a_day(command.ref, turn.now)
    if command.soft and resolution.found and not resolution.by_id and weak:
        return None
    if resolution.found:
        return plan_target(command.tool, command.ref, turn.tasks)
    several = _each_named(command.ref, turn.tasks)
    if several:
        calls = [ToolCall(command.tool, {"task_id": task_id}) for task_id in several]
        return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))
    if command.soft and resolution.status == "not_found":
        return None
    if not _names_a_day(command.ref, turn.now) or names_a_task(command.ref):
        return ask_back(resolution, command.tool)  # "delete the one from yesterday"
    return None


_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s&\s|\band\b|\bplus\b)\s*", re.I)


def _each_named(phrase: str, tasks: Sequence[TaskRef]) -> list[int]:
    """ "milk and rent": one task for each part, or nothing when any part is unclear."""
    parts = [part for part in _LIST_SPLIT.split(phrase) if part.strip()]
    if len(parts) < 2:
        return []
    ids: list[int] = []
    for part in parts:
        resolution = resolve(part, tasks, verb_first=True)
        if not resolution.found or len(resolution.ids) != 1:
            return []
        ids.extend(i for i in resolution.ids if i not in ids)
    return ids if len(ids) == len(parts) else []


def _finished(turn: Turn) -> Plan | None:
    finished = past_statement(turn.text)
    if finished is None or _ahead(finished, turn.now):
        return None
    # "I called the plumber" must not tick off "Call mom": the object has to match.
    named = resolve(finished.rest, turn.tasks)
    resolution = resolve(finished.phrase, turn.tasks, verb_first=True)
    if named.status != "not_found" and resolution.found and not resolution.by_id:
        return plan_target("complete_task", finished.phrase, turn.tasks)
    several = _each_named(finished.phrase, turn.tasks)
    if len(several) > 1:  # "called mom and dad"
        calls = [ToolCall("complete_task", {"task_id": task_id}) for task_id in several]
        return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))
    if resolution.status == "ambiguous":
        return ask_back(resolution, "complete_task")
    return Plan.clarify(
        "I couldn't find an open task for that. Which task did you finish? "
        "You can say e.g. 'mark task 3 as done'."
    )


def _ahead(finished: PastStatement, now: datetime) -> bool:
    """ "read 20 pages every night", "got a lunch friday at noon", "put out the bins
    tonight": work still to come, so no report of work done."""
    phrase = finished.rest
    if take_recurrence(Scratch(phrase)) is not None:
        return True
    hit = find_day(phrase, now.date())
    if hit is not None and hit.day > now.date():
        return True
    verb = finished.verb.lower()
    same_as_present = IRREGULAR_PAST.get(verb) == verb  # "put", "set", "read"
    return same_as_present and (find_clock(phrase) is not None or hit is not None)


def _names_a_day(phrase: str, now: datetime) -> bool:
    """ "finish the report by friday" describes new work, not a task to tick off (a day
    already past does not: "delete the one from yesterday")."""
    hit = find_day(phrase, now.date())
    if hit is not None:
        return hit.day >= now.date()
    return find_clock(phrase) is not None
