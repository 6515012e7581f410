"""Scoring the ``rules`` engine on a JSONL file of intent cases (SPEC §4 "Intent case format").

Only plans are made; no tool runs and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from todo_chatbot.agent.plan import Plan, TaskRef
from todo_chatbot.agent.rules import plan_turn

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


def plan_case(case: dict[str, Any]) -> Plan:
    now = _instant(str(case.get("now", ""))) or datetime.now(UTC)
    tasks = [
        TaskRef(
            int(t["id"]),
            str(t.get("title", "")),
            due=str(t["due"]) if t.get("due") else None,
            tags=tuple(str(tag) for tag in t.get("tags") or ()),
        )
        for t in case.get("tasks") or []
        if isinstance(t, dict) and "id" in t
    ]
    locale = case.get("locale")
    return plan_turn(
        str(case.get("text", "")),
        now=now,
        tasks=tasks,
        locale=str(locale) if isinstance(locale, str) else None,
    )


def evaluate_file(path: Path) -> EvalReport:
    """Plan every case in a JSONL file and count those that match their expectation."""
    report = EvalReport()
    for case in _cases(Path(path)):
        expected = case.get("expect") or {}
        got = plan_case(case)
        report.total += 1
        if case_passes(expected, got):
            report.passed += 1
        else:
            report.failures.append(Failure(str(case.get("text", "")), expected, got))
    return report
