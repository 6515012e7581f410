"""Libraries stay below WARNING unless LOG_LEVEL=DEBUG: in `todo chat` between answers, and
in the server's log."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.app import PASSWORD
from tests.support.processes import free_port, wait_for_health
from todo_chatbot.observability.logging import LIBRARY_LOGGERS, configure_logging

TODO = str(Path(sys.executable).parent / "todo")
CHATTER = ("HTTP Request:", "Terminating session", "Created new transport", "Processing request")


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATA_DIR": str(data_dir), "TODO_USER": "quiet@example.com", **extra}
    env.pop("DATABASE_URL", None)
    if "LOG_LEVEL" not in extra:
        env.pop("LOG_LEVEL", None)
    return env


def chat(data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TODO, "chat", "--timezone", "UTC", "-m", "add buy milk"],
        capture_output=True,
        text=True,
        env=env_for(data_dir, **extra),
        timeout=180,
        check=False,
    )


def test_todo_chat_prints_the_answer_and_no_library_lines(tmp_path: Path) -> None:
    result = chat(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("Added 'buy milk'")
    assert result.stderr == ""


def test_todo_chat_shows_library_lines_at_debug(tmp_path: Path) -> None:
    result = chat(tmp_path, LOG_LEVEL="DEBUG")
    assert result.returncode == 0, result.stderr
    assert "HTTP Request: POST" in result.stderr
    assert "Added 'buy milk'" in result.stdout  # stdout still carries only the answer


@pytest.mark.parametrize(("level", "library_level"), [("INFO", "WARNING"), ("DEBUG", "DEBUG")])
def test_server_logging_keeps_libraries_at_warning_unless_debug(
    level: str, library_level: str
) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging(service="todo-test", pod="p", level=level)
        for name in LIBRARY_LOGGERS:
            assert logging.getLevelName(logging.getLogger(name).level) == library_level
        assert logging.getLogger("todo_chatbot").getEffectiveLevel() == logging.getLevelName(level)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name in LIBRARY_LOGGERS:
            logging.getLogger(name).setLevel(logging.NOTSET)


def test_the_server_log_has_no_library_chatter_after_chats(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [TODO, "serve", "--port", str(port)],
            env=env_for(tmp_path / "data", LOG_LEVEL="INFO"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_health(base, process, timeout=120)
        token = httpx.post(
            f"{base}/api/v1/auth/register",
            json={"email": "quiet@example.com", "password": PASSWORD},
            timeout=30,
        ).json()["access_token"]
        for message in ("add buy milk", "show my tasks", "complete buy milk"):
            reply = httpx.post(
                f"{base}/api/v1/chat",
                json={"message": message, "timezone": "UTC"},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            assert reply.status_code == 200, reply.text
    finally:
        process.terminate()
        process.wait(timeout=30)
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert records  # the server does log (its access lines at INFO)
    chatter = [r for r in records if any(part in r["message"] for part in CHATTER)]
    assert chatter == []
    assert not [
        r
        for r in records
        if r["logger"].split(".")[0] in {"httpx", "httpx2", "mcp", "httpcore", "httpcore2"}
    ]
