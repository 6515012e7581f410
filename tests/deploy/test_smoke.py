"""The smoke test CD runs after each deploy (scripts/smoke.py), run here against `todo serve`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.observability.helpers import ROOT, running_todo, todo_env
from tests.support.processes import free_port

SMOKE = ROOT / "scripts" / "smoke.py"


def smoke(base_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SMOKE), base_url, *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_smoke_test_passes_against_todo_serve(tmp_path: Path) -> None:
    with running_todo("serve", env=todo_env(DATA_DIR=str(tmp_path))) as todo:
        result = smoke(todo.base_url, "--timeout", "120")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "smoke: ready"
    assert any(line.startswith("smoke: chat answered") for line in lines)
    assert any("next instance" in line for line in lines)
    assert lines[-1] == "smoke: ok"


def test_the_smoke_test_signs_in_as_a_given_account(tmp_path: Path) -> None:
    env = todo_env(DATA_DIR=str(tmp_path))
    with running_todo("serve", env=env) as todo:
        first = smoke(todo.base_url)
        assert first.returncode == 0, first.stderr
        wrong = subprocess.run(
            [sys.executable, str(SMOKE), todo.base_url],
            capture_output=True,
            text=True,
            timeout=120,
            env={**env, "SMOKE_EMAIL": "nobody@example.com", "SMOKE_PASSWORD": "not-the-password"},
            check=False,
        )
    assert wrong.returncode == 1
    assert "POST /api/v1/auth/login: expected 200, got 401" in wrong.stderr


@pytest.mark.timeout(60)
def test_the_smoke_test_fails_fast_when_nothing_answers() -> None:
    started = time.monotonic()
    result = smoke(f"http://127.0.0.1:{free_port()}", "--timeout", "3")
    assert result.returncode == 1
    assert "smoke: FAILED" in result.stderr
    assert time.monotonic() - started < 30
