"""Messages that say more than one thing: a story and then the request ("the permit is less
urgent now. put it medium"), a change and a remark ("valentines cards done!! emma signed them
all"), a change and more changes of the same task ("… also make it high", "… and add a note").

Each reading of a piece goes through ``read``: the planner's own best reading of that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules.editing import plan_reminder_update
from todo_chatbot.agent.rules.refs import resolve
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.agent.rules.targets import Turn
from todo_chatbot.agent.rules.text import says_something
from todo_chatbot.language.lexicon import TAKE_BACK_WORDS, is_past_form, words_re

# The planner's best reading of a piece of the message: its score and its plan.
Reader = Callable[[str], tuple[int, Plan]]
STATED = 53  # a change said without a command word: "the vet is on monday at 4"


def adds(plan: Plan) -> bool:
    return plan.kind == "tools" and bool(plan.calls) and plan.calls[0].tool == "add_task"


# "…, and remind me at 8:30 that morning": a reminder of the task just named, no new one.
REMINDER_ONLY = re.compile(
    # (not "remind me tonight to call mum": the task comes after the time)
    r"^(?:and\s+)?(?:remind\s+me|set\s+a\s+reminder|ping\s+me)\s+(?!to\b|about\b|of\b|that\s+i\b)"
    r"(?![^,.;]*\s(?:to|about)\s+[a-z])",
    re.I,
)
# A request whose object is what came before it: "add this", "set that up as a task".
POINTS_BACK = re.compile(
    r"^(?:add|put|make|set|create|schedule|turn)\s+(?:this|that|it|them)\b(?!\s+(?:one|task)\b)",
    re.I,
)


# An edit of "it" after a story about it: "the permit is less urgent now. put it medium",
# "I no longer collect the grandchildren on Tuesdays. Please delete that task."
_EDIT_VERBS = (
    r"(?:make|set|put|move|push|bump|change|mark|delete|remove|drop|cancel|reopen|complete|"
    r"reschedule|postpone|rename|update|edit|check|tick)"
)
_EDITS_IT = re.compile(
    rf"^{_EDIT_VERBS}\s+(?:it|that|this|them)\b|^take\s+(?:it|that|this|them)\s+off\b|"
    # "…, so would you remove the date from it"
    r"^(?:remove|take|clear|delete|drop)\s+(?:the\s+)?(?:date|due\s+date|deadline|reminder|tags?|"
    r"repeat|repetition)\s+(?:from|off)\s+(?:it|that|this)\b",
    re.I,
)
# An edit already asked for in the story: "make the fence urgent and set it for monday".
_EDIT_VERB = re.compile(
    rf"(?:^\s*(?:please\s+|pls\s+|just\s+)?|\b(?:and|then|also)\s+|[,;]\s*){_EDIT_VERBS}\b", re.I
)
_MARK_ALONE = re.compile(r"^(?:mark|tick|check)\s+(?:it|that|this)(?:\s+off)?[\s.!]*$", re.I)
_IT = re.compile(r"\b(?:it|them|(?:that|this)(?:\s+(?:task|one))?)\b", re.I)


def story_reminder(story: str, tail: str, now: datetime, tasks: Sequence[TaskRef]) -> Plan | None:
    """A reminder of the one task the story before it names."""
    named = resolve(story, tasks)
    if not named.found or named.by_id or _EDIT_VERB.search(story):
        return None
    if says_something(story) and not named.exact and "?" not in story:
        # "pick up mia's cake on the 19th at 10am, remind me …": a new task's line (asked,
        # "kayla's assessment is monday at 5 right? remind me …" checks one on the list)
        return None
    when = REMINDER_ONLY.sub("", tail)
    return plan_reminder_update(Turn(tail, now, tuple(tasks), False), f"task {named.ids[0]} {when}")


def story_task_edit(story: str, tail: str, tasks: Sequence[TaskRef], read: Reader) -> Plan | None:
    """The edit, when the story before it names exactly one task on the list."""
    if _MARK_ALONE.match(tail):
        tail = f"{tail} done"  # "DONE with rent omg finally. mark it"
    if not _EDITS_IT.match(tail) or _EDIT_VERB.search(story):
        return None  # ("make the fence urgent and set it for monday" is one edit)
    named = resolve(story, tasks)
    if not named.found or named.by_id:
        return None
    if re.search(r"(?:\band|&)\s*$", story, re.I) and not named.exact:
        return None  # "buy eggs and make it urgent": a new task, not the milk one
    _, plan = read(_IT.sub(f"task {named.ids[0]}", tail, count=1))
    return plan if plan.kind == "tools" and not adds(plan) else None


# What is said first, then a remark: "valentines cards done!! emma signed them all herself",
# "stop the KPI report from repeating, we're moving to a dashboard".
_FIRST_SENTENCE = re.compile(r"^(?P<head>.+?)(?:[.!?]+\s+|\s+-\s+|,\s+)(?P<tail>.+)$")
# "return library books - i did it today": the remark says the task named first is done.
_DONE_REMARK = re.compile(
    r"^(?:(?:i|we)\s+(?:finally\s+|just\s+|already\s+)?(?:did|finished|completed|sorted|handled)"
    r"(?:\s+(?:it|that|this|them))?|(?:it'?s|its|all|that'?s)\s+(?:all\s+)?done)\b",
    re.I,
)
ASKS_TO_ADD = re.compile(r"\b(?:add|remind|put|create|schedule|new\s+task)\b", re.I)
_LIST_WORDS = re.compile(
    r"\b(?:top|first|last|sort(?:ed)?|order(?:ed)?|by\s+(?:priority|due|date|title|name))\b",
    re.I,
)


def _tells_past(text: str) -> bool:
    """ "submitted at 3am lol", "I sent it last night": how it went, in the past."""
    words = re.findall(r"[a-z']+", text.lower())
    if words[:1] in (["i"], ["we"], ["they"], ["he"], ["she"]):
        words = words[1:]
    elif words[:1] in (["the"], ["my"], ["our"]) and len(words) > 2:
        # "the clinic called me today", "my boss moved it": who did it, then what
        words = words[2:] if is_past_form(words[2]) else words[3:]
    return bool(words) and is_past_form(words[0])


def first_sentence_edit(text: str, read: Reader) -> Plan | None:
    """The change the first sentence makes to a task, when the rest only remarks on it."""
    split = _FIRST_SENTENCE.match(text)
    if split is None:
        return None
    head, tail = split["head"], split["tail"]
    if _CORRECTS.match(tail):
        return None  # "pushed to mon 10am, no wait 11": the rest corrects the first sentence
    more = [_ALSO_LEAD.sub("", part) for part in _ALSO_SAID.split(tail)]
    more = [part for part in more if _EDITS_IT.match(part)]
    if not more and not _DONE_REMARK.match(tail):
        cleared = _clears(*read(head))
        if cleared is not None:
            # "the dentist one should not repeat, I dont know why it says every 6 months":
            # a field taken away, and why; what the rest says is what is wrong now
            return cleared
    if _DONE_REMARK.match(tail):
        head = f"{head} is done"
    elif more:
        pass  # "push the inspection to thursday, the plumber is late. also make it high"
    elif ASKS_TO_ADD.search(tail) or _EDIT_VERB.search(tail) or _LIST_WORDS.search(tail):
        return None
    elif says_something(tail) and not _tells_past(tail):
        return None  # "bike tire p1 now, need it by mon": the rest changes it too
    score, plan = read(head)
    if plan.kind != "tools" or adds(plan) or score < STATED:
        return None
    if says_something(tail) and plan.calls[0].tool != "complete_task":
        return None  # "the essay is done. submitted at 3am": only a finish is told so
    if more and plan.calls[0].tool != "update_task":
        return None  # "the last one i added, delete it": the rest is the command
    return _with_more_changes(plan, more, read)


# When what the story tells happened: "the clinic called me today".
_WHEN_IT_HAPPENED = re.compile(
    r"\b(?:today|yesterday|this\s+(?:morning|afternoon)|last\s+night|earlier|just\s+now)\b", re.I
)
_LAST_SENTENCE = re.compile(r"^(?P<head>.+[^.!?])[.!?]+\s+(?P<tail>[^.!?]+)[.!?]*$")


def edit_before_story(text: str, read: Reader) -> Plan | None:
    """ "my mom's appointment is not at 10, it is 11:30. the clinic called me today": the
    change, then a last sentence telling what happened."""
    split = _LAST_SENTENCE.match(text)
    if split is None or not _tells_past(split["tail"]):
        return None
    if says_something(_WHEN_IT_HAPPENED.sub("", split["tail"])):
        return None  # ("…called, it's moved to friday": the story says the change)
    score, plan = read(split["head"])
    if plan.kind != "tools" or adds(plan) or score < STATED:
        return None
    return plan if plan.calls[0].tool != "list_tasks" else None


def _clears(score: int, plan: Plan) -> Plan | None:
    """The plan, when it only clears fields of one task ("remove the due date from 4")."""
    if score < STATED or plan.kind != "tools" or len(plan.calls) != 1:
        return None
    call = plan.calls[0]
    changes = {key: value for key, value in call.args.items() if key != "task_id"}
    cleared = call.tool == "update_task" and changes and all(v is None for v in changes.values())
    return plan if cleared else None


EDIT_THEN_NOTE = re.compile(
    rf"^(?P<edit>{_EDIT_VERBS}\s+.+?)\s*(?:,\s*|\s+)and\s+(?:please\s+)?(?:add|attach|put|leave)\s+"
    r"(?:a\s+|the\s+)?(?:note|description|comment)\b",
    re.I,
)


def only_changes(plan: Plan, fields: set[str]) -> bool:
    return (
        plan.kind == "tools"
        and plan.calls[0].tool == "update_task"
        and set(plan.calls[0].args) - {"task_id"} <= fields
    )


def merged(first: Plan, then: Plan) -> Plan | None:
    """Two updates of the same task as one, or None when they are not."""
    if first.kind != "tools" or then.kind != "tools":
        return None
    one, other = first.calls[0], then.calls[0]
    if one.tool != "update_task" or other.tool != "update_task":
        return None
    if one.args.get("task_id") != other.args.get("task_id"):
        return None
    later = {
        key: value for key, value in other.args.items() if not covers(one.args.get(key), value)
    }
    merged = ToolCall("update_task", {**one.args, **later})
    return Plan.tools(merged, reply=plan_summary(merged))


def covers(mine: object, theirs: object) -> bool:
    """The same value, or a repetition with its end added ("every sunday, 8 times")."""
    if isinstance(mine, str) and isinstance(theirs, str) and mine.startswith(f"{theirs};"):
        return True
    return mine == theirs


_CORRECTS = re.compile(
    rf"^(?:{words_re(TAKE_BACK_WORDS)}|sorry|actually|i\s+mean|make\s+that|or\s+rather)\b", re.I
)
# Where another change begins: "…. also make it high", "…, and set it for 9".
_ALSO_SAID = re.compile(r"[.!?;]+\s+|,\s+|\s+(?=(?:and\s+|also\s+|then\s+)+\w)")
_ALSO_LEAD = re.compile(r"^(?:(?:and|also|then|pls|please|just)\s+)+", re.I)


def _with_more_changes(plan: Plan, parts: Sequence[str], read: Reader) -> Plan:
    """One update of a task with what later clauses say of "it" merged in (later wins)."""
    for part in parts:
        _, other = read(_IT.sub(f"task {plan.calls[0].args.get('task_id')}", part, count=1))
        plan = merged(plan, other) or plan
    return plan
