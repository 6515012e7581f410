"""The real `todo` command, run as a subprocess against a temp data dir."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.clock import days_ahead
from tests.support.postgres import PostgresServer
from tests.support.processes import free_port, wait_for_health

TODO = str(Path(sys.executable).parent / "todo")


def todo(
    data_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATA_DIR": str(data_dir), "COLUMNS": "200", **(env or {})}
    environment.pop("DATABASE_URL", None)
    environment.update(env or {})
    return subprocess.run(
        [TODO, *args], capture_output=True, text=True, env=environment, timeout=60
    )


def ok(data_dir: Path, *args: str) -> str:
    result = todo(data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def listed(data_dir: Path, *args: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(ok(data_dir, "list", "--json", *args))["items"]
    return items


def test_phase_one_commands_round_trip(tmp_path: Path) -> None:
    two_days_ago = days_ahead(-2).isoformat()  # overdue in any zone, on any date
    assert "Added task 1: Buy milk" in ok(
        tmp_path, "add", "Buy milk", "--due", two_days_ago, "--priority", "high", "--tag", "Home"
    )
    ok(tmp_path, "add", "Call mom", "--due", "2020-01-01T10:00:00-05:00", "-t", "family")
    table = ok(tmp_path, "list")
    [milk] = [line for line in table.splitlines() if "Buy milk" in line]
    assert "#home" in milk and "overdue" in milk
    assert [t["title"] for t in listed(tmp_path, "--tag", "home")] == ["Buy milk"]
    assert "Completed task 1" in ok(tmp_path, "done", "1")
    assert [t["title"] for t in listed(tmp_path)] == ["Call mom"]
    assert [t["title"] for t in listed(tmp_path, "--status", "completed")] == ["Buy milk"]
    ok(tmp_path, "reopen", "1")
    ok(tmp_path, "edit", "1", "--title", "Buy oat milk", "--clear", "due")
    edited = {t["id"]: t for t in listed(tmp_path)}[1]
    assert edited["title"] == "Buy oat milk" and edited["due"] is None
    assert "Deleted task 2" in ok(tmp_path, "rm", "2")
    assert [t["id"] for t in listed(tmp_path, "--status", "all")] == [1]


def test_add_reads_a_one_line_task_like_chat(tmp_path: Path) -> None:
    out = ok(tmp_path, "add", "pay rent every month on the 1st #home p1")
    assert "Added task 1: pay rent" in out
    (task,) = listed(tmp_path)
    assert task["tags"] == ["home"] and task["priority"] == "high"
    assert task["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1"
    assert str(task["due"]).endswith("-01")
    ok(tmp_path, "add", "Read 1984 tomorrow #books", "--literal")
    titles = [t["title"] for t in listed(tmp_path)]
    assert "Read 1984 tomorrow #books" in titles


def test_bad_input_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    bad = todo(tmp_path, "add", "x", "--priority", "huge")
    assert bad.returncode == 2 and "priority" in bad.stderr
    bad_due = todo(tmp_path, "add", "x", "--due", "someday")
    assert bad_due.returncode == 2 and "due" in bad_due.stderr
    missing = todo(tmp_path, "done", "42")
    assert missing.returncode == 1 and "not found" in missing.stderr
    assert listed(tmp_path, "--status", "all") == []
    assert "No tasks" in ok(tmp_path, "list")


def test_export_then_import_elsewhere(tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    ok(source, "add", "Pay rent", "--due", "2026-12-01", "--recurrence", "FREQ=MONTHLY")
    ok(source, "add", "Done already", "--tag", "x")
    ok(source, "done", "2")
    exported = tmp_path / "tasks.json"
    ok(source, "export", str(exported))
    document = json.loads(exported.read_text())
    assert document["version"] == 1 and len(document["tasks"]) == 2
    assert "Imported 2 task(s)" in ok(target, "import", str(exported))
    tasks = {t["title"]: t for t in listed(target, "--status", "all")}
    assert tasks["Pay rent"]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1"
    assert tasks["Done already"]["completed"] is True


def test_import_writes_tasks_as_they_are(tmp_path: Path) -> None:
    """A restored backup holds what the export held: a completed recurring task stays one
    task (no `completed` event for the workers to make a next instance from)."""
    exported = tmp_path / "tasks.json"
    exported.write_text(
        json.dumps(
            {
                "version": 1,
                "tasks": [
                    {
                        "title": "Water plants",
                        "due": "2026-01-05",
                        "recurrence": "FREQ=WEEKLY",
                        "series_id": "3f7e54b8-0000-4000-8000-000000000001",
                        "completed": True,
                        "completed_at": "2026-01-05T18:00:00Z",
                    },
                    {
                        "title": "Water plants",
                        "due": "2026-01-12",
                        "recurrence": "FREQ=WEEKLY",
                        "series_id": "3f7e54b8-0000-4000-8000-000000000001",
                    },
                    {"title": "Old reminder", "remind_at": "2026-01-01T09:00:00Z"},
                ],
            }
        )
    )
    target = tmp_path / "restored"
    assert "Imported 3 task(s)" in ok(target, "import", str(exported))
    tasks = listed(target, "--status", "all", "--sort", "created")
    assert [(t["title"], t["completed"]) for t in tasks] == [
        ("Water plants", True),
        ("Water plants", False),
        ("Old reminder", False),
    ]
    assert tasks[0]["completed_at"] == "2026-01-05T18:00:00Z"
    assert tasks[0]["series_id"] == tasks[1]["series_id"]
    with sqlite3.connect(target / "todo.db") as db:
        kinds = {row[0].rsplit(".", 1)[1] for row in db.execute("SELECT event_type FROM outbox")}
        unsent = db.execute(
            "SELECT count(*) FROM tasks WHERE reminded_at IS NULL AND remind_at IS NOT NULL"
        )
        assert kinds == {"created"}
        assert unsent.fetchone() == (0,)  # a reminder already past does not fire again


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "tasks.json"
    broken.write_text(json.dumps([{"title": "fine"}, {"title": "", "priority": "low"}]))
    result = todo(tmp_path, "import", str(broken))
    assert result.returncode == 2 and "tasks[1].title" in result.stderr
    assert listed(tmp_path, "--status", "all") == []
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{nope")
    assert todo(tmp_path, "import", str(garbage)).returncode == 2


def test_serve_answers_health_and_keeps_its_secret_private(tmp_path: Path) -> None:
    port = free_port()
    environment = {**os.environ, "DATA_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [TODO, "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process)
        assert httpx.get(f"http://127.0.0.1:{port}/health").json() == {"status": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/ready").status_code == 200
        assert (tmp_path / "todo.db").exists()
        assert oct((tmp_path / "jwt_secret").stat().st_mode & 0o777) == "0o600"
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
    lines = [line for line in output.splitlines() if line.startswith("{")]
    assert lines and all(json.loads(line)["service"] for line in lines)


@pytest.mark.postgres
def test_migrate_on_postgres(pg_server: PostgresServer, tmp_path: Path) -> None:
    import asyncio

    import asyncpg

    async def create() -> None:
        connection = await asyncpg.connect(pg_server.sync_url())
        await connection.execute("CREATE DATABASE cli_migrate")
        await connection.close()

    asyncio.run(create())
    url = pg_server.sync_url("cli_migrate").replace("postgresql://", "postgres://")
    result = todo(tmp_path, "migrate", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    added = todo(tmp_path, "add", "On postgres", env={"DATABASE_URL": url})
    assert added.returncode == 0, added.stderr


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we read
    return found


def test_api_on_sqlite_runs_one_worker_whatever_is_asked(tmp_path: Path) -> None:
    """Writers in one process queue for SQLite's lock in order; in two they would not."""
    port = free_port()
    environment = {**os.environ, "DATA_DIR": str(tmp_path), "APP_ENV": "development"}
    environment.pop("DATABASE_URL", None)
    log = tmp_path / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [TODO, "api", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process)
        assert _children(process.pid) == []  # uvicorn serves in-process, no worker pool
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "SQLite: running 1 worker, not 2" in log.read_text()
