"""Data shared by the chat engines: what the user has, and what the engine decided to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PlanKind = Literal["tools", "clarify", "none"]


@dataclass(frozen=True)
class ToolCall:
    """One MCP tool invocation (names and arguments follow SPEC §5)."""

    tool: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskRef:
    """One of the user's open tasks, so that "the milk task" can be resolved to an id."""

    id: int
    title: str
    due: str | None = None  # ISO date or date-time, for "everything due today"
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What to do with one chat turn.

    ``tools``: run ``calls`` in order (``reply`` is a fallback text if no result is described);
    ``clarify``: ask ``reply`` back and change nothing; ``none``: just answer with ``reply``.
    """

    kind: PlanKind
    calls: tuple[ToolCall, ...] = ()
    reply: str = ""

    @classmethod
    def tools(cls, *calls: ToolCall, reply: str = "") -> Plan:
        return cls(kind="tools", calls=tuple(calls), reply=reply)

    @classmethod
    def clarify(cls, question: str) -> Plan:
        return cls(kind="clarify", calls=(), reply=question)

    @classmethod
    def answer(cls, text: str) -> Plan:
        return cls(kind="none", calls=(), reply=text)
