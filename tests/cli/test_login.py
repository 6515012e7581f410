"""`todo login` against a real `todo serve`: the token kept 0600; `todo token`, `todo chat`
and the task commands acting on that server as that account; no terminal failing clearly."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.app import PASSWORD
from tests.support.todo_serve import Server, start_server, stop_server

TODO = str(Path(sys.executable).with_name("todo"))


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("login"), {})
    try:
        yield server
    finally:
        stop_server(server)


def _todo(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "XDG_CONFIG_HOME": str(home), "DATA_DIR": str(home / "local")}
    for name in ("TODO_SERVER", "TODO_TOKEN", "TODO_EMAIL", "TODO_PASSWORD"):
        full_env.pop(name, None)
    return subprocess.run(
        [TODO, *args],
        env={**full_env, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_login_keeps_a_private_token_that_token_and_chat_use(serve: Server, tmp_path: Path) -> None:
    with serve.client() as http:
        registered = http.post(
            "/api/v1/auth/register", json={"email": "cli@example.com", "password": PASSWORD}
        )
        assert registered.status_code == 201
    logged_in = _todo(
        ["login", "--server", serve.base_url, "--email", "cli@example.com"],
        tmp_path,
        TODO_PASSWORD=PASSWORD,
    )
    assert logged_in.returncode == 0, logged_in.stderr
    credentials = tmp_path / "todo-chatbot" / "credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert PASSWORD not in credentials.read_text()

    created = _todo(["token", "create", "--name", "desktop", "--scope", "mcp"], tmp_path)
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip().startswith("todo_pat_")
    listed = _todo(["token", "list"], tmp_path)
    assert "desktop" in listed.stdout and "active" in listed.stdout

    said = _todo(["chat", "-m", "add water the plants"], tmp_path)
    assert said.returncode == 0, said.stderr
    token = registered.json()["access_token"]
    with serve.client(token) as http:
        titles = [task["title"] for task in http.get("/api/v1/tasks").json()["items"]]
    assert titles == ["water the plants"]

    [desktop] = [line for line in listed.stdout.splitlines() if line.endswith("desktop")]
    assert _todo(["token", "revoke", desktop.split("\t")[0]], tmp_path).returncode == 0
    assert "revoked\tdesktop" in _todo(["token", "list"], tmp_path).stdout
    # Revoking the login's own token logs the CLI out at once.
    [own] = [line for line in listed.stdout.splitlines() if "todo CLI on" in line]
    assert _todo(["token", "revoke", own.split("\t")[0]], tmp_path).returncode == 0
    refused = _todo(["token", "list"], tmp_path)
    assert (
        refused.returncode == 2 and "revoked" in refused.stderr and "todo login" in refused.stderr
    )


def test_chat_without_a_terminal_fails_clearly(serve: Server, tmp_path: Path) -> None:
    piped = _todo(["chat", "--server", serve.base_url, "-m", "hi"], tmp_path)
    assert piped.returncode != 0
    assert "GetPassWarning" not in piped.stderr
    assert "no terminal" in piped.stderr
    no_password = _todo(
        ["chat", "--server", serve.base_url, "--email", "x@example.com", "-m", "hi"], tmp_path
    )
    assert no_password.returncode == 2 and "no terminal" in no_password.stderr


def test_token_commands_need_a_login(tmp_path: Path) -> None:
    result = _todo(["token", "list"], tmp_path)
    assert result.returncode == 2 and "todo login" in result.stderr


def test_task_commands_act_on_the_server_after_login(serve: Server, tmp_path: Path) -> None:
    with serve.client() as http:
        registered = http.post(
            "/api/v1/auth/register", json={"email": "tasks@example.com", "password": PASSWORD}
        )
    token = registered.json()["access_token"]
    login = ["login", "--server", serve.base_url, "--email", "tasks@example.com"]
    assert _todo(login, tmp_path, TODO_PASSWORD=PASSWORD).returncode == 0

    added = _todo(["add", "pay rent every month on the 1st #home"], tmp_path)
    assert added.returncode == 0, added.stderr
    with serve.client(token) as http:
        [task] = http.get("/api/v1/tasks").json()["items"]
    assert (task["title"], task["tags"]) == ("pay rent", ["home"])
    assert task["recurrence"].startswith("FREQ=MONTHLY") and task["due"] is not None
    assert f"Added task {task['id']}: pay rent" in added.stdout

    listed = json.loads(_todo(["list", "--tag", "home", "--json"], tmp_path).stdout)
    assert [item["id"] for item in listed["items"]] == [task["id"]]
    edited = _todo(["edit", str(task["id"]), "--title", "rent", "--clear", "recurrence"], tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert _todo(["done", str(task["id"])], tmp_path).returncode == 0
    with serve.client(token) as http:
        changed = http.get(f"/api/v1/tasks/{task['id']}").json()
    assert (changed["title"], changed["recurrence"], changed["completed"]) == ("rent", None, True)
    exported = _todo(["export", "-"], tmp_path).stdout
    assert [item["title"] for item in json.loads(exported)["tasks"]] == ["rent"]
    (tmp_path / "tasks.json").write_text(exported)

    # Refusals read as they do locally: the field named (2), a missing task (1).
    bad = _todo(["edit", str(task["id"]), "--priority", "urgent"], tmp_path)
    assert bad.returncode == 2 and "priority" in bad.stderr
    missing = _todo(["done", "999999"], tmp_path)
    assert missing.returncode == 1 and "error:" in missing.stderr
    refused = _todo(["import", str(tmp_path / "tasks.json")], tmp_path)
    assert refused.returncode == 2 and "todo logout" in refused.stderr

    assert _todo(["rm", str(task["id"])], tmp_path).returncode == 0
    with serve.client(token) as http:
        assert http.get(f"/api/v1/tasks/{task['id']}").status_code == 404
    # The local database saw none of it; after logout the commands work on it again.
    assert _todo(["logout"], tmp_path).returncode == 0
    local = json.loads(_todo(["list", "--status", "all", "--json"], tmp_path).stdout)
    assert local["total"] == 0
