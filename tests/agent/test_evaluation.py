"""Scoring the rules engine on JSONL intent files, and the matching rules of SPEC §4."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from todo_chatbot.agent.evaluation import case_passes, evaluate_file, values_match
from todo_chatbot.agent.plan import Plan, ToolCall

CASE_FILES = sorted((Path(__file__).resolve().parent / "cases").glob("*.jsonl"))
FLOOR = 0.98


def _tools(tool: str, **args: Any) -> Plan:
    return Plan.tools(ToolCall(tool, args))


def _report(path: Path) -> str:
    report = evaluate_file(path)
    lines = [f"{f.text!r}: expected {f.expected}, got {f.got}" for f in report.failures]
    assert report.total > 0
    assert report.passed / report.total >= FLOOR, "\n".join([report.summary(), *lines])
    return report.summary()


def test_the_project_has_case_files() -> None:
    assert CASE_FILES, "no intent case files in tests/agent/cases"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_case_file(path: Path) -> None:
    _report(path)


def test_evaluate_file_counts_and_reports_failures(tmp_path: Path) -> None:
    cases = [
        {
            "text": "add buy milk",
            "now": "2026-11-23T10:00:00-05:00",
            "tasks": [],
            "expect": {"tool": "add_task", "args": {"title": "Buy Milk "}},
        },
        {
            "text": "hello",
            "now": "2026-11-23T10:00:00-05:00",
            "tasks": [],
            "expect": {"tool": "add_task", "args": {}},
        },
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in cases) + "\n\n", encoding="utf-8")
    report = evaluate_file(path)
    assert (report.passed, report.total) == (1, 2)
    assert report.failures[0].text == "hello"
    assert report.failures[0].got.kind == "none"
    assert report.summary() == "intent accuracy: 1/2"


def test_strings_match_case_insensitively_after_trimming() -> None:
    assert case_passes(
        {"tool": "add_task", "args": {"title": " buy MILK"}}, _tools("add_task", title="Buy milk ")
    )
    assert not case_passes(
        {"tool": "add_task", "args": {"title": "buy milk"}},
        _tools("add_task", title="buy oat milk"),
    )


def test_instants_match_as_the_same_moment() -> None:
    assert values_match("2026-11-24T08:00:00-05:00", "2026-11-24T13:00:00+00:00")
    assert values_match("2026-11-24T13:00:00Z", "2026-11-24T08:00:00-05:00")
    assert not values_match("2026-11-24T08:00:00-05:00", "2026-11-24T08:00:00+00:00")
    assert not values_match("2026-11-24T08:00:00-05:00", "2026-11-24")


def test_dates_match_by_the_day_only() -> None:
    assert values_match("2026-11-24", "2026-11-24")
    assert values_match("2026-11-24", "2026-11-24T09:00:00-05:00")
    assert not values_match("2026-11-24", "2026-11-25")


def test_lists_match_as_sets() -> None:
    assert values_match(["work", "home"], ["Home", "work"])
    assert not values_match(["work"], ["work", "home"])


def test_rrules_match_as_sets_of_parts() -> None:
    assert values_match("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "BYDAY=FR;FREQ=WEEKLY;INTERVAL=2")
    assert values_match("RRULE:FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;BYDAY=TH,MO")
    assert not values_match("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=2")


def test_other_values() -> None:
    assert values_match(True, True) and not values_match(True, "true")
    assert values_match(3, 3) and not values_match(3, 4)
    assert values_match(None, None) and not values_match(None, "")


def test_only_named_keys_are_checked_and_the_first_call_counts() -> None:
    got = Plan.tools(
        ToolCall("delete_task", {"task_id": 3}), ToolCall("delete_task", {"task_id": 4})
    )
    assert case_passes({"tool": "delete_task", "args": {"task_id": 3}}, got)
    assert case_passes({"tool": "delete_task", "args": {}}, got)
    assert not case_passes({"tool": "delete_task", "args": {"task_id": 4}}, got)
    assert not case_passes({"tool": "delete_task", "args": {"title": "x"}}, got)
    assert not case_passes({"tool": "complete_task", "args": {}}, got)


def test_clarify_and_none() -> None:
    assert case_passes({"tool": "clarify", "args": {}}, Plan.clarify("Which one?"))
    assert case_passes({"tool": "none", "args": {}}, Plan.answer("Hi!"))
    assert not case_passes({"tool": "clarify", "args": {}}, Plan.answer("Hi!"))
    assert not case_passes({"tool": "none", "args": {}}, _tools("list_tasks"))
    assert not case_passes({"tool": "add_task", "args": {}}, Plan.clarify("What?"))
