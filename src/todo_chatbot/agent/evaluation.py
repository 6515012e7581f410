"""Scoring a chat engine on a JSONL file of intent cases (SPEC §4 "Intent case format").

Only plans are made; no tool runs and nothing is written. The ``rules`` engine plans
directly; an OpenAI-compatible model is asked with the same tools it gets in chat, and its
first call that would change something is its plan (`ModelPlanner`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules import plan_turn

if TYPE_CHECKING:
    import openai

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Failure:
    text: str
    expected: dict[str, Any]
    got: Plan


@dataclass
class EvalReport:
    passed: int = 0
    total: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def summary(self) -> str:
        return f"intent accuracy: {self.passed}/{self.total}"


def _instant(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(value: str) -> date | None:
    text = value.strip()
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    moment = _instant(text) if _INSTANT.match(text) else None
    return moment.date() if moment else None


def _rule_parts(value: str) -> frozenset[tuple[str, frozenset[str]]]:
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = []
    for part in text.split(";"):
        if "=" in part:
            key, raw = part.split("=", 1)
            items = frozenset(v.strip().upper() for v in raw.split(",") if v.strip())
            parts.append((key.strip().upper(), items))
    return frozenset(parts)


def _norm(value: Any) -> Any:
    return value.strip().casefold() if isinstance(value, str) else value


def values_match(expected: Any, got: Any) -> bool:
    """One argument: strings case-insensitively; instants as moments; dates by day; lists as
    sets; RRULEs as sets of KEY=VALUE parts."""
    if isinstance(expected, bool) or expected is None:
        return got is expected or got == expected
    if isinstance(expected, (int, float)):
        if isinstance(got, bool):
            return False
        if isinstance(got, str) and got.strip().lstrip("-").isdigit():
            got = int(got)
        return isinstance(got, (int, float)) and bool(got == expected)
    if isinstance(expected, list):
        if not isinstance(got, list):
            got = [got]
        return {_norm(v) for v in expected} == {_norm(v) for v in got}
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(
            k in got and values_match(v, got[k]) for k, v in expected.items()
        )
    if isinstance(expected, str):
        if isinstance(got, list) and len(got) == 1:
            got = got[0]
        if not isinstance(got, str):
            return False
        return _strings_match(expected, got)
    return bool(expected == got)


def _strings_match(expected: str, got: str) -> bool:
    wanted = expected.strip()
    if "FREQ=" in wanted.upper():
        return _rule_parts(wanted) == _rule_parts(got)
    if _DATE.match(wanted):
        day = _day(got)
        return day is not None and day.isoformat() == wanted
    if _INSTANT.match(wanted):
        expected_moment, got_moment = _instant(wanted), _instant(got)
        if expected_moment is not None and got_moment is not None and _INSTANT.match(got.strip()):
            return expected_moment == got_moment
    return expected.strip().casefold() == got.strip().casefold()


def case_passes(expected: dict[str, Any], got: Plan) -> bool:
    """Whether a plan satisfies a case's ``expect`` object."""
    tool = str(expected.get("tool", "")).strip()
    if tool == "clarify":
        return got.kind == "clarify"
    if tool == "none":
        return got.kind == "none"
    if got.kind != "tools" or not got.calls or got.calls[0].tool != tool:
        return False
    args = got.calls[0].args
    wanted = expected.get("args") or {}
    return all(key in args and values_match(value, args[key]) for key, value in wanted.items())


def _cases(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                if isinstance(case, dict):
                    yield case


def _case_now(case: dict[str, Any]) -> datetime:
    return _instant(str(case.get("now", ""))) or datetime.now(UTC)


def _case_tasks(case: dict[str, Any]) -> list[TaskRef]:
    return [
        TaskRef(
            int(t["id"]),
            str(t.get("title", "")),
            due=str(t["due"]) if t.get("due") else None,
            tags=tuple(str(tag) for tag in t.get("tags") or ()),
        )
        for t in case.get("tasks") or []
        if isinstance(t, dict) and "id" in t
    ]


def plan_case(case: dict[str, Any]) -> Plan:
    locale = case.get("locale")
    return plan_turn(
        str(case.get("text", "")),
        now=_case_now(case),
        tasks=_case_tasks(case),
        locale=str(locale) if isinstance(locale, str) else None,
    )


def _score(cases: Iterable[tuple[dict[str, Any], Plan]]) -> EvalReport:
    report = EvalReport()
    for case, got in cases:
        expected = case.get("expect") or {}
        report.total += 1
        if case_passes(expected, got):
            report.passed += 1
        else:
            report.failures.append(Failure(str(case.get("text", "")), expected, got))
    return report


def evaluate_file(path: Path) -> EvalReport:
    """Plan every case in a JSONL file and count those that match their expectation."""
    return _score((case, plan_case(case)) for case in _cases(Path(path)))


async def evaluate_file_with(
    path: Path, planner: Callable[[dict[str, Any]], Awaitable[Plan]]
) -> EvalReport:
    """Like `evaluate_file`, with an asynchronous planner (e.g. `ModelPlanner`)."""
    planned = [(case, await planner(case)) for case in _cases(Path(path))]
    return _score(planned)


class ModelUnavailable(Exception):
    """The model server could not be reached or refused the request; no score is given."""


READ_TOOL = "list_tasks"
MAX_MODEL_TURNS = 4  # lookups before the model must commit to an action


class ModelPlanner:
    """Asks an OpenAI-compatible Chat Completions server for one case's plan.

    The model gets the chat engine's system prompt and the MCP tools' schemas. No tool
    runs: `list_tasks` is answered with the case's tasks so the model can find ids, and
    the first response calling any other tool is the plan. A reply without such a call is
    `list_tasks` if the model looked tasks up, else a question (`clarify`) when it ends
    with "?", else an answer (`none`).
    """

    def __init__(
        self, client: openai.AsyncOpenAI, *, model: str, tools: Sequence[dict[str, Any]]
    ) -> None:
        self._client, self._model, self._tools = client, model, list(tools)

    async def __call__(self, case: dict[str, Any]) -> Plan:
        from todo_chatbot.agent.openai_engine import instructions_for

        messages: list[dict[str, Any]] = [
            {"role": "system", "content": instructions_for(_case_now(case))},
            {"role": "user", "content": str(case.get("text", ""))},
        ]
        lookups: list[ToolCall] = []
        for _ in range(MAX_MODEL_TURNS):
            message = await self._complete(messages)
            calls = [_tool_call(raw) for raw in message.get("tool_calls") or []]
            actions = [call for _, call in calls if call.tool != READ_TOOL]
            if actions:
                return Plan.tools(*actions)
            if not calls:
                return _text_plan(str(message.get("content") or ""), lookups)
            messages.append(message)
            for call_id, call in calls:
                lookups.append(call)
                content = json.dumps(_listing(_case_tasks(case)))
                messages.append({"role": "tool", "tool_call_id": call_id, "content": content})
        return Plan.tools(*lookups)

    async def _complete(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        import openai

        try:
            response = await self._client.chat.completions.create(
                model=self._model,
                messages=messages,  # type: ignore[arg-type]
                tools=self._tools,  # type: ignore[arg-type]
                temperature=0,
            )
        except (openai.APIConnectionError, openai.APIStatusError) as exc:
            raise ModelUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not response.choices:
            raise ModelUnavailable("the model server answered without a choice")
        return response.choices[0].message.model_dump(exclude_none=True)


def _tool_call(raw: dict[str, Any]) -> tuple[str, ToolCall]:
    function = raw.get("function") or {}
    try:
        args = json.loads(function.get("arguments") or "{}")
    except ValueError:
        args = {}
    return str(raw.get("id", "")), ToolCall(
        str(function.get("name", "")), args if isinstance(args, dict) else {}
    )


def _text_plan(text: str, lookups: list[ToolCall]) -> Plan:
    if lookups:
        return Plan.tools(*lookups, reply=text)
    if text.rstrip().endswith("?"):
        return Plan.clarify(text)
    return Plan.answer(text)


def _listing(tasks: Sequence[TaskRef]) -> dict[str, Any]:
    """What `list_tasks` would return for the case's open tasks (read-only, nothing runs)."""
    items = [
        {"id": t.id, "title": t.title, "status": "pending", "due": t.due, "tags": list(t.tags)}
        for t in tasks
    ]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}
