"""Plain-language confirmations: what a tool call did, in one short sentence (or a short list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from todo_chatbot.agent.plan import TaskRef, ToolCall
from todo_chatbot.domain.tasks import parse_due
from todo_chatbot.domain.wording import describe_rule, due_text, join

_LIST_LIMIT = 10


def format_due(value: Any) -> str:
    """ "2026-12-01" → "Tue 1 Dec"; an instant also gets its time: "Fri 27 Nov at 15:00"
    (the domain's wording, as notifications and the CLI say it)."""
    if not isinstance(value, str) or not value:
        return str(value)
    try:
        due = parse_due(value)
    except ValueError:
        return value
    return due_text(due) if due is not None else value


def _task_of(result: Mapping[str, Any]) -> Mapping[str, Any]:
    for key in ("task", "item", "created", "updated", "data"):
        inner = result.get(key)
        if isinstance(inner, Mapping):
            return inner
    return result


def _error_of(result: Mapping[str, Any]) -> str | None:
    error = result.get("error")
    if isinstance(error, Mapping):
        return str(error.get("message") or error.get("code") or "unknown error")
    if error:
        return str(error)
    if result.get("isError") or result.get("ok") is False:
        return str(result.get("message") or "unknown error")
    return None


def _title(task: Mapping[str, Any], call: ToolCall) -> str:
    title = task.get("title") or call.args.get("title")
    if title:
        return f"'{title}'"
    task_id = task.get("id") or call.args.get("task_id")
    return f"task {task_id}" if task_id is not None else "the task"


def _details(fields: Mapping[str, Any]) -> list[str]:
    details: list[str] = []
    if fields.get("recurrence"):
        details.append(describe_rule(str(fields["recurrence"])))
    if fields.get("due"):
        prefix = "next due" if fields.get("recurrence") else "due"
        details.append(f"{prefix} {format_due(fields['due'])}")
    if fields.get("priority") and fields.get("priority") != "medium":
        details.append(f"{fields['priority']} priority")
    tags = fields.get("tags")
    if isinstance(tags, list) and tags:
        details.append(" ".join(f"#{t}" for t in tags))
    if fields.get("remind_at"):
        details.append(f"reminder {format_due(fields['remind_at'])}")
    return details


def _describe_list(result: Mapping[str, Any]) -> str:
    items = result.get("items", result.get("tasks", []))
    if not isinstance(items, list):
        items = []
    total = result.get("total", len(items))
    if not items:
        return "No tasks found."
    noun = "task" if total == 1 else "tasks"
    lines = [
        f"You have {total} {noun}:"
        if total == len(items)
        else f"{total} {noun}, first {len(items)}:"
    ]
    for item in items[:_LIST_LIMIT]:
        if not isinstance(item, Mapping):
            continue
        line = f"#{item.get('id', '?')} {item.get('title', '')}"
        extra = _details({k: item.get(k) for k in ("due", "priority", "recurrence")})
        if item.get("completed"):
            extra.insert(0, "done")
        if extra:
            line += f" ({', '.join(extra)})"
        lines.append(line)
    if len(items) > _LIST_LIMIT:
        lines.append(f"…and {len(items) - _LIST_LIMIT} more.")
    return "\n".join(lines)


def describe_result(call: ToolCall, result: dict[str, Any]) -> str:
    """A short confirmation after a tool ran, e.g. "Added 'Pay rent' — every month on the 1st,
    next due Tue 1 Dec"."""
    if not isinstance(result, Mapping):
        result = {}
    error = _error_of(result)
    if error:
        return f"Sorry, that didn't work: {error}"
    if call.tool == "list_tasks":
        return _describe_list(result)
    task = _task_of(result)
    name = _title(task, call)
    if call.tool == "add_task":
        details = _details({**call.args, **{k: v for k, v in task.items() if v is not None}})
        return f"Added {name}" + (f" — {', '.join(details)}" if details else "")
    if call.tool == "update_task":
        changed = {k: task.get(k, v) for k, v in call.args.items() if k != "task_id"}
        details = _details(changed)
        if "title" in call.args:
            details.insert(0, f"renamed to '{call.args['title']}'")
        if call.args.get("description"):
            details.append("description updated")
        for key in ("due", "remind_at", "recurrence", "description"):
            if key in call.args and call.args[key] in (None, ""):
                details.append(f"{key.replace('_', ' ')} removed".replace("remind at", "reminder"))
        return f"Updated {name}" + (f" — {', '.join(details)}" if details else "")
    if call.tool == "complete_task":
        text = f"Marked {name} as done."
        following = result.get("next") or result.get("next_task") or result.get("next_instance")
        if isinstance(following, Mapping) and following.get("due"):
            text += f" Next one is due {format_due(following['due'])}."
        return text
    if call.tool == "reopen_task":
        return f"Reopened {name}."
    if call.tool == "delete_task":
        return f"Deleted {name}."
    return "Done."


def plan_summary(call: ToolCall) -> str:
    """What the engine is about to do; shown when no result is described afterwards."""
    args = call.args
    if call.tool == "add_task":
        details = _details(args)
        return (
            f"Adding '{args.get('title', '')}'"
            + (f" — {', '.join(details)}" if details else "")
            + "."
        )
    if call.tool == "list_tasks":
        return "Here are your tasks."
    verb = {
        "update_task": "Updating",
        "complete_task": "Completing",
        "reopen_task": "Reopening",
        "delete_task": "Deleting",
    }.get(call.tool, "Running")
    return f"{verb} task {args.get('task_id')}."


def which_task_question(candidates: Sequence[TaskRef], action: str) -> str:
    options = [f"#{t.id} '{t.title}'" for t in candidates[:5]]
    joined = join(options).replace(" and ", " or ") if len(options) > 1 else "".join(options)
    return f"Which task should I {action}: {joined}?"
