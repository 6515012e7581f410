"""Calls aimed at existing tasks: resolve the reference, or ask back which task is meant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules.refs import Resolution, is_everything, resolve
from todo_chatbot.agent.rules.replies import plan_summary, which_task_question


@dataclass(frozen=True)
class Turn:
    """One message (already cleaned) with the user's clock and open tasks."""

    text: str
    now: datetime
    tasks: Sequence[TaskRef]
    corrected: bool = False  # a value was said only to be turned down: "sat, not wed"


ACTIONS = {
    "complete_task": "mark as done",
    "reopen_task": "reopen",
    "delete_task": "delete",
    "update_task": "change",
}


def ask_back(resolution: Resolution, tool: str) -> Plan:
    """The question to ask when a reference did not single out one task."""
    action = ACTIONS.get(tool, "use")
    if resolution.status == "ambiguous":
        return Plan.clarify(which_task_question(resolution.candidates, action))
    if is_everything(resolution.phrase):
        return Plan.clarify(
            f"I can only {action} one task at a time. Which one? You can say 'task 3'."
        )
    if resolution.status == "not_found":
        phrase = resolution.phrase.strip() or "that"
        return Plan.clarify(
            f"I couldn't find an open task matching '{phrase}'. Which task should I {action}? "
            "You can say its number, e.g. 'task 3'."
        )
    return Plan.clarify(f"Which task should I {action}? You can say its number, e.g. 'task 3'.")


def plan_target(tool: str, phrase: str, tasks: Sequence[TaskRef]) -> Plan:
    resolution = resolve(phrase, tasks, verb_first=True)
    if not resolution.found:
        return ask_back(resolution, tool)
    calls = [ToolCall(tool, {"task_id": task_id}) for task_id in resolution.ids]
    return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))


def update_plan(resolution: Resolution, args: dict[str, Any]) -> Plan:
    calls = [ToolCall("update_task", {"task_id": task_id, **args}) for task_id in resolution.ids]
    return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))


def update_or_ask(ref: str, args: dict[str, Any], tasks: Sequence[TaskRef]) -> Plan:
    resolution = resolve(ref, tasks)
    if not resolution.found:
        return ask_back(resolution, "update_task")
    return update_plan(resolution, args)
