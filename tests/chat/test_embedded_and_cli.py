"""`todo serve`'s in-process MCP server, and the `todo chat`, `todo mcp` and `todo agent eval`
commands."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tests.support.app import TEST_SECRET, make_settings
from tests.support.databases import fresh_sqlite_database
from tests.support.mcp_client import data_of, headers_for, mcp_session, new_user
from tests.support.processes import free_port, wait_for_health
from tests.support.serving import RunningServer, serve_in_thread
from todo_chatbot.cli.main import app as todo
from todo_chatbot.embedded import build_embedded_app

TODO = str(Path(sys.executable).with_name("todo"))
REPO = Path(__file__).resolve().parents[2]
OWN_CASES = REPO / "tests" / "agent" / "cases" / "own.jsonl"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def embedded(module_db_url: str, data_dir: Path) -> Iterator[RunningServer]:
    with serve_in_thread(build_embedded_app(make_settings(module_db_url, data_dir))) as server:
        yield server


def register(base_url: str, email: str) -> dict[str, str]:
    response = httpx.post(
        f"{base_url}/api/v1/auth/register", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_todo_serve_chats_through_its_mounted_mcp_server(embedded: RunningServer) -> None:
    auth = register(embedded.base_url, "serve@example.com")
    async with httpx.AsyncClient(base_url=embedded.base_url, headers=auth) as http:
        reply = await http.post("/api/v1/chat", json={"message": "add buy bread #shop"})
        assert reply.status_code == 200, reply.text
        [call] = reply.json()["tool_calls"]
        assert call["tool"] == "add_task" and call["result"]["tags"] == ["shop"]
        me = (await http.get("/api/v1/auth/me")).json()["id"]
        ready = await http.get("/ready")
        assert ready.status_code == 200
        refused = await http.post("/mcp", json={}, headers={"Authorization": "Bearer forged"})
        assert refused.status_code == 401

    # Desktop MCP clients reach the same server at /mcp with a signed identity.
    async with mcp_session(embedded.mcp_url, headers_for(me)) as session:
        listed = data_of(await session.call_tool("list_tasks", {"tag": "shop"}))
    assert [item["id"] for item in listed["items"]] == [call["result"]["id"]]


def test_todo_chat_against_a_server_logs_in_first(embedded: RunningServer) -> None:
    register(embedded.base_url, "remote@example.com")
    runner = CliRunner()
    args = ["chat", "--server", embedded.base_url, "--email", "remote@example.com"]
    result = runner.invoke(todo, [*args, "-m", "add walk the dog"], env={"TODO_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert "walk the dog" in result.output.lower()
    wrong = runner.invoke(todo, [*args, "-m", "hi"], env={"TODO_PASSWORD": "wrong password"})
    assert wrong.exit_code != 0 and "wrong email or password" in wrong.output


def _env(**values: str) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if not key.startswith("TODO_")}
    for name in ("DATABASE_URL", "JWT_SECRET", "MCP_SERVER_URL", "AGENT_ENGINE", "APP_ENV"):
        keep.pop(name, None)
    return keep | {"APP_ENV": "development"} | values


def test_todo_chat_repl_on_the_local_database(tmp_path: Path) -> None:
    script = "add buy milk tomorrow\nshow my tasks\n/quit\n"
    result = subprocess.run(
        [TODO, "chat", "--timezone", "UTC"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(DATA_DIR=str(tmp_path), TODO_USER="repl@example.com"),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Added 'buy milk'" in result.stdout
    assert "#1 buy milk" in result.stdout  # the listing from the second turn
    assert (tmp_path / "todo.db").exists()


def test_todo_mcp_runs_its_own_http_process(sqlite_template: Path, tmp_path: Path) -> None:
    db_url = fresh_sqlite_database(sqlite_template, tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [TODO, "mcp", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(DATABASE_URL=db_url, JWT_SECRET=TEST_SECRET, DATA_DIR=str(tmp_path)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_health(base, process)
        assert httpx.get(f"{base}/ready").json()["checks"] == {"database": "ok"}
        assert "http_requests_total" in httpx.get(f"{base}/metrics").text

        async def call() -> dict[str, object]:
            user = await new_user(db_url)
            async with mcp_session(f"{base}/mcp", headers_for(user)) as session:
                return data_of(await session.call_tool("add_task", {"title": "from a process"}))

        assert asyncio.run(call())["title"] == "from a process"
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
        print("todo mcp stderr:", stderr.decode(errors="replace")[-4000:])  # shown on failure


def test_todo_agent_eval_scores_the_projects_cases() -> None:
    result = CliRunner().invoke(todo, ["agent", "eval", str(OWN_CASES)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("intent accuracy: ")
    passed, total = (int(n) for n in last.removeprefix("intent accuracy: ").split("/"))
    assert total >= 40 and passed / total >= 0.98, result.output


def test_todo_agent_eval_prints_failures_last_line_accuracy(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"text": "add buy milk", "now": "2026-11-23T10:00:00-05:00", "tasks": [], '
        '"expect": {"tool": "delete_task", "args": {"task_id": 1}}}\n'
        '{"text": "hello!", "now": "2026-11-23T10:00:00-05:00", "tasks": [], '
        '"expect": {"tool": "none", "args": {}}}\n'
    )
    result = CliRunner().invoke(todo, ["agent", "eval", str(cases)])
    lines = result.output.strip().splitlines()
    assert lines[-1] == "intent accuracy: 1/2"
    assert "FAIL 'add buy milk'" in result.output and "delete_task" in result.output
    assert "add_task" in result.output  # what the engine planned instead
    strict = CliRunner().invoke(todo, ["agent", "eval", str(cases), "--min-accuracy", "1"])
    assert strict.exit_code == 1
