"""Requests about many tasks at once: "push everything due today to tomorrow", "mark all
#errands done". One call per task; a destructive one asks for confirmation first and names
the tasks, so the user confirms by saying their numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.agent.rules.targets import Turn
from todo_chatbot.language.attributes import take_tags
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import DESTRUCTIVE_VERBS
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I
_BULK = re.compile(
    r"\b(?:everything|every\s+(?:single\s+)?(?:task|todo|one)|all\s+(?:of\s+)?(?:my|the|these|"
    r"those|them)\b|all\s+(?:tasks|todos|#)|all\s+\w+\s+tasks|all(?=\s+#)|"
    r"(?:my|the)\s+(?:\w+\s+)?(?:tasks|todos)\b)",
    _FLAGS,
)
# "check my tasks for today" is a look at the list: "check" and "mark" need "off" or "done".
_COMPLETE = re.compile(
    r"^(?:complete|finish|close)\b|^(?:mark|check|tick)\b.*?\b(?:done|complete|completed|finished|"
    r"off)\b",
    _FLAGS,
)
_MOVE = re.compile(r"^(?:push|move|shift|reschedule|postpone|bump|delay)\b", _FLAGS)
_DUE_SCOPE = re.compile(r"\b(?:due|for|from)\s+(?P<when>today|tomorrow|tmrw|tonight)\b", _FLAGS)
_OVERDUE = re.compile(r"\b(?:overdue|late)\b", _FLAGS)
_TAGGED = re.compile(r"\b(?:tagged|labell?ed|in)\s+#?(?P<t>[a-z][\w-]*)", _FLAGS)
_FROM_MY_LIST = re.compile(
    r"\s+(?:from|off|out\s+of)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?(?:list|tasks|todos)\b", _FLAGS
)
_TARGET_DAY = re.compile(r"\b(?:to|until|till|for)\s+(?P<rest>.+)$", _FLAGS)


def _due_day(task: TaskRef) -> date | None:
    if not task.due:
        return None
    try:
        return date.fromisoformat(task.due[:10])
    except ValueError:
        return None


def _selected(text: str, tasks: Sequence[TaskRef], today: date) -> list[TaskRef]:
    scratch = Scratch(text)
    tags = {t.lower() for t in take_tags(scratch, phrases=False)}
    tagged = _TAGGED.search(text)
    if tagged and tagged["t"].lower() not in ("my", "the", "all"):
        tags.add(tagged["t"].lower())
    chosen = [t for t in tasks if tags <= {tag.lower() for tag in t.tags}]
    scope = _DUE_SCOPE.search(text)
    if scope:
        hit = find_day(scope["when"], today)
        day = hit.day if hit else today
        chosen = [t for t in chosen if _due_day(t) == day]
    if _OVERDUE.search(text):
        chosen = [t for t in chosen if (_due_day(t) or date.max) < today]
    return chosen


def plan_bulk(turn: Turn) -> Plan | None:
    """A plan for a request that names many tasks; None when it names one (or none)."""
    text = _FROM_MY_LIST.sub("", turn.text)  # "remove rent from my tasks" names one task
    if not _BULK.search(text):
        return None
    first = text.split(maxsplit=1)[0].lower() if text.split() else ""
    today = turn.now.date()
    chosen = _selected(text, turn.tasks, today)
    if first in DESTRUCTIVE_VERBS or text.lower().startswith(("get rid of", "throw away")):
        if not chosen:
            return Plan.answer("No open tasks match that, so nothing was deleted.")
        names = ", ".join(f"{t.id} ({t.title})" for t in chosen[:10])
        more = f" and {len(chosen) - 10} more" if len(chosen) > 10 else ""
        ids = ", ".join(str(t.id) for t in chosen)
        return Plan.clarify(
            f"That would delete {len(chosen)} task{'s' if len(chosen) != 1 else ''}: "
            f"{names}{more}. Are you sure? To confirm, say 'delete tasks {ids}'."
        )
    if _COMPLETE.match(text) and not _MOVE.match(text):
        calls = [ToolCall("complete_task", {"task_id": t.id}) for t in chosen]
    elif _MOVE.match(text):
        scope = _DUE_SCOPE.search(text)
        target = _TARGET_DAY.search(text[scope.end() :] if scope else text)
        hit = find_day(target["rest"], today) if target else None
        if hit is None:
            return Plan.clarify("To which day should I move them?")
        day = hit.day.isoformat()
        calls = [ToolCall("update_task", {"task_id": t.id, "due": day}) for t in chosen]
    else:
        return None
    if not calls:
        return Plan.answer("No open tasks match that, so nothing changed.")
    return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))
