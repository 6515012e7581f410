"""A CLI that answers at once: which libraries each command loads (the timings themselves
are measured by bench/cli_startup.py), the embedded database's migration check, and
`todo serve` speaking before its slow start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.processes import free_port, wait_for_health
from todo_chatbot.store.migrate import (
    alembic_config,
    run_migrations,
    script_heads,
    sqlite_is_current,
)

TODO = str(Path(sys.executable).parent / "todo")
HEAVY = ("sqlalchemy", "alembic", "fastapi", "uvicorn", "mcp", "agents", "openai", "rich", "jwt")

# Runs the command in this interpreter and prints which of HEAVY it imported.
PROBE = """
import json, sys
from todo_chatbot.cli.main import app
sys.argv = ["todo", *json.loads(sys.argv[1])]
try:
    app()
except SystemExit:
    pass
print(json.dumps(sorted(name for name in %s if name in sys.modules)), file=sys.stderr)
""".replace("%s", repr(HEAVY))


def loaded(data_dir: Path, *args: str) -> list[str]:
    env = {**os.environ, "DATA_DIR": str(data_dir), "COLUMNS": "200"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    names: list[str] = json.loads(result.stderr.strip().splitlines()[-1])
    return names


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["worker", "--help"]])
def test_help_imports_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    assert loaded(tmp_path, *args) == []


def test_list_on_a_current_database_skips_alembic_and_the_servers(tmp_path: Path) -> None:
    subprocess.run(
        [TODO, "add", "Buy milk"],
        env={**os.environ, "DATA_DIR": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert loaded(tmp_path, "list") == ["rich", "sqlalchemy"]  # the table, the query


def test_script_heads_are_alembics_heads() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert script_heads() == frozenset(heads)


def test_a_sqlite_file_is_current_only_once_migrated(tmp_path: Path) -> None:
    path = tmp_path / "todo.db"
    assert not sqlite_is_current(path)
    path.write_bytes(b"")
    assert not sqlite_is_current(path)  # no alembic_version table
    run_migrations(f"sqlite+aiosqlite:///{path}")
    assert sqlite_is_current(path)


def test_serve_speaks_first_and_says_when_it_is_ready(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [TODO, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # before the app is even imported
        assert first.startswith(f"Starting Todo Chatbot on http://127.0.0.1:{port}")
        wait_for_health(f"http://127.0.0.1:{port}", process)
        ready = process.stderr.readline()
        assert ready.startswith(f"Todo Chatbot ready on http://127.0.0.1:{port} in ")
        assert str(tmp_path) in ready
    finally:
        process.terminate()
        process.wait(timeout=30)
