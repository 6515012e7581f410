"""Helpers shared by the chat-engine tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules import plan_turn

MONDAY = datetime.fromisoformat("2026-11-23T10:00:00-05:00")


def plan(text: str, *, now: datetime = MONDAY, tasks: Sequence[TaskRef] = ()) -> Plan:
    return plan_turn(text, now=now, tasks=tasks)


def first_call(text: str, *, now: datetime = MONDAY, tasks: Sequence[TaskRef] = ()) -> ToolCall:
    result = plan(text, now=now, tasks=tasks)
    assert result.kind == "tools", f"{text!r} gave {result.kind}: {result.reply}"
    return result.calls[0]


def args_like(call: ToolCall, expected: Mapping[str, object]) -> dict[str, object]:
    """The call's arguments for the keys `expected` names (None for one it lacks)."""
    return {key: call.args.get(key) for key in expected}
