"""`todo agent eval --engine openai`: the cases scored against a scripted OpenAI-compatible
server speaking the Chat Completions wire format; nothing is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from typer.testing import CliRunner

from tests.support.openai_stub import CHAT_TOOLS, ScriptedModel, scripted_model, tool_call
from tests.support.processes import free_port
from tests.support.serving import RunningServer, serve_in_thread
from todo_chatbot.cli.main import app as todo

MODEL = "stub-model"
NOW = "2026-11-23T10:00:00-05:00"
TASKS = [{"id": 3, "title": "Buy milk", "due": "2026-11-23"}, {"id": 4, "title": "Call mom"}]
CASES = [
    {
        "text": "add buy milk tomorrow",
        "now": NOW,
        "tasks": [],
        "expect": {"tool": "add_task", "args": {"title": "buy milk", "due": "2026-11-24"}},
    },
    {
        "text": "delete the milk task",
        "now": NOW,
        "tasks": TASKS,
        "expect": {"tool": "delete_task", "args": {"task_id": 3}},
    },
    {"text": "hello", "now": NOW, "tasks": [], "expect": {"tool": "none", "args": {}}},
    {
        "text": "what's due today",
        "now": NOW,
        "tasks": TASKS,
        "expect": {"tool": "list_tasks", "args": {"window": "today"}},
    },
]


def by_the_users_text(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Right for three cases, a wrong tool for the last one. "delete the milk task" first
    looks the task up, then deletes the id the listing gave."""
    text = next(m["content"] for m in messages if m["role"] == "user")
    last = messages[-1]
    args: dict[str, Any]
    if text == "add buy milk tomorrow":
        args = {"title": "buy milk", "due": "2026-11-24"}
        return {"tool_calls": [tool_call("call_1", "add_task", args)]}
    if text == "delete the milk task" and last["role"] == "tool":
        [milk] = [t for t in json.loads(last["content"])["items"] if "milk" in t["title"]]
        return {"tool_calls": [tool_call("call_2", "delete_task", {"task_id": milk["id"]})]}
    if text == "delete the milk task":
        return {"tool_calls": [tool_call("call_1", "list_tasks", {"q": "milk"})]}
    if text == "what's due today":  # the wrong answer
        return {"tool_calls": [tool_call("call_1", "complete_task", {"task_id": 4})]}
    return {"content": "Hello! I keep your todo list."}


@pytest.fixture
def model() -> Iterator[tuple[ScriptedModel, RunningServer]]:
    with scripted_model(by_the_users_text) as running:
        yield running


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(case) + "\n" for case in CASES), encoding="utf-8")
    return path


def _environment(data_dir: Path, **values: str) -> dict[str, str | None]:
    """Only what the test names: no key, URL or database of the machine running it."""
    cleared = ["OPENAI_BASE_URL", "OPENAI_MODEL", "AGENT_ENGINE", "DATABASE_URL", "SECRETS_DIR"]
    return {
        **dict.fromkeys(cleared),
        "APP_ENV": "embedded",
        "DATA_DIR": str(data_dir),
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
        **values,
    }


def test_eval_scores_the_openai_engine_against_the_scripted_model(
    tmp_path: Path, cases: Path, model: tuple[ScriptedModel, RunningServer]
) -> None:
    scripted, server = model
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(
        todo,
        ["agent", "eval", str(cases), "--engine", "openai", "--base-url", f"{server.base_url}/v1"],
        env=_environment(data_dir, OPENAI_MODEL=MODEL),
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "intent accuracy: 3/4"
    assert lines[0] == 'FAIL "what\'s due today"'
    assert lines[1] == '  expected: {"args": {"window": "today"}, "tool": "list_tasks"}'
    assert lines[2] == '  got:      [{"args": {"task_id": 4}, "tool": "complete_task"}]'
    assert len(lines) == 4

    assert not data_dir.exists()  # planning opened no database and wrote no file
    # One request per case, and one more for the lookup before the delete.
    assert len(scripted.requests) == 5
    first = scripted.requests[0]
    assert first["model"] == MODEL
    assert {tool["function"]["name"] for tool in first["tools"]} == CHAT_TOOLS
    assert all(tool["type"] == "function" for tool in first["tools"])
    system, user = first["messages"]
    assert system["role"] == "system" and "2026-11-23T10:00-05:00" in system["content"]
    assert user == {"role": "user", "content": "add buy milk tomorrow"}
    lookup_answer = scripted.requests[2]["messages"]
    assert lookup_answer[-2]["tool_calls"][0]["function"]["name"] == "list_tasks"
    assert lookup_answer[-1]["role"] == "tool" and lookup_answer[-1]["tool_call_id"] == "call_1"


def test_the_min_accuracy_applies_to_the_openai_engine(
    tmp_path: Path, cases: Path, model: tuple[ScriptedModel, RunningServer]
) -> None:
    _, server = model
    result = CliRunner().invoke(
        todo,
        [
            *("agent", "eval", str(cases), "--engine", "openai"),
            *("--base-url", f"{server.base_url}/v1", "--min-accuracy", "0.8"),
        ],
        env=_environment(tmp_path / "data"),
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "intent accuracy: 3/4"


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path, cases: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    result = CliRunner().invoke(
        todo,
        ["agent", "eval", str(cases), "--engine", "openai", "--base-url", url],
        env=_environment(tmp_path / "data"),
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: APIConnectionError")
    assert "Traceback" not in result.output and "intent accuracy" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught error


def test_a_failing_server_is_a_clear_error(tmp_path: Path, cases: Path) -> None:
    async def broken(_request: Request) -> JSONResponse:
        return JSONResponse({"error": {"message": "model not loaded"}}, status_code=500)

    app = Starlette(routes=[Route("/v1/chat/completions", broken, methods=["POST"])])
    with serve_in_thread(app) as server:
        result = CliRunner().invoke(
            todo,
            [
                "agent",
                "eval",
                str(cases),
                "--engine",
                "openai",
                "--base-url",
                f"{server.base_url}/v1",
            ],
            env=_environment(tmp_path / "data"),
        )
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("error: InternalServerError")
        and "model not loaded" in result.stderr
    )
    assert "intent accuracy" not in result.output


def test_the_openai_engine_needs_a_key(tmp_path: Path, cases: Path) -> None:
    result = CliRunner().invoke(
        todo,
        ["agent", "eval", str(cases), "--engine", "openai"],
        env={**_environment(tmp_path / "data"), "OPENAI_API_KEY": None},
    )
    assert result.exit_code == 2
    assert "OPENAI_API_KEY" in result.stderr


def test_rules_stays_the_default_engine(tmp_path: Path, cases: Path) -> None:
    """No server and no key: the rules engine plans offline."""
    env = {**_environment(tmp_path / "data"), "OPENAI_API_KEY": None}
    result = CliRunner().invoke(todo, ["agent", "eval", str(cases)], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("intent accuracy: ")
