"""`todo api --workers 2`: whichever process answers a scrape reports the requests of both."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest

from tests.observability.helpers import running_todo, todo_env
from tests.support.app import TEST_SECRET
from tests.support.databases import fresh_pg_database
from tests.support.postgres import PostgresServer

# Each test starts `todo api` with two spawned workers, which can take minutes on a busy machine.
pytestmark = [pytest.mark.timeout(600), pytest.mark.postgres]

MAX_REQUESTS = 2000
# The second worker may still be starting when the first answers /health on a busy machine:
# requests go on, with a pause between rounds, until it answers too or this many seconds pass.
MAX_SECONDS = 90
HEALTH_LINE = re.compile(
    r'^http_requests_total\{method="GET",route="/health",status="200"\} ([0-9.e+]+)$', re.M
)


def _health_count(base_url: str) -> float:
    text = httpx.get(f"{base_url}/metrics", headers={"Connection": "close"}).text
    found = HEALTH_LINE.search(text)
    return float(found.group(1)) if found else 0.0


def _pids(directory: Path) -> set[str]:
    return {path.stem.rsplit("_", 1)[1] for path in directory.glob("counter_*.db")}


@pytest.fixture
def api_env(pg_template: PostgresServer, tmp_path: Path) -> dict[str, str]:
    """On PostgreSQL: on SQLite `todo api` runs one worker whatever is asked."""
    return todo_env(
        DATABASE_URL=fresh_pg_database(pg_template),
        DATA_DIR=str(tmp_path),
        JWT_SECRET=TEST_SECRET,
        APP_ENV="development",
    )


def _send_until_both_answer(base_url: str, directory: Path | None) -> int:
    """GET /health on fresh connections until both processes have counted some (known from
    their metric files), or MAX_REQUESTS or MAX_SECONDS; returns how many were sent."""
    sent = 0
    deadline = time.monotonic() + MAX_SECONDS
    with httpx.Client(base_url=base_url, headers={"Connection": "close"}) as client:
        while sent < MAX_REQUESTS and time.monotonic() < deadline:
            for _ in range(20):
                assert client.get("/health").status_code == 200
                sent += 1
            if directory is None or len(_pids(directory)) >= 2:
                break
            time.sleep(0.2)  # both workers idle in accept again, not one busy the other booting
    return sent


def test_every_scrape_counts_the_requests_of_all_worker_processes(
    api_env: dict[str, str], tmp_path: Path
) -> None:
    directory = tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_99999999.db").write_bytes(b"stale from an earlier run")
    env = {**api_env, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    with running_todo("api", "--workers", "2", env=env, timeout=240) as api:
        assert not (directory / "counter_99999999.db").exists()  # emptied at start
        sent = _send_until_both_answer(api.base_url, directory)
        assert len(_pids(directory)) >= 2, "one process took every connection"
        scrapes = [_health_count(api.base_url) for _ in range(6)]
    # wait_for_health's own probes count too, so at least `sent`, and the same in every scrape
    assert min(scrapes) >= sent
    assert len(set(scrapes)) == 1, scrapes


def test_without_a_folder_given_one_is_made_for_the_run(api_env: dict[str, str]) -> None:
    with running_todo("api", "--workers", "2", env=api_env, timeout=240) as api:
        sent = _send_until_both_answer(api.base_url, None)
        scrapes = [_health_count(api.base_url) for _ in range(6)]
    assert min(scrapes) >= sent
    assert len(set(scrapes)) == 1, scrapes


def test_one_process_keeps_its_own_registry(api_env: dict[str, str]) -> None:
    with running_todo("api", env=api_env) as api:
        before = _health_count(api.base_url)
        for _ in range(5):
            httpx.get(f"{api.base_url}/health")
        assert _health_count(api.base_url) == before + 5
        assert "process_cpu_seconds_total" in httpx.get(f"{api.base_url}/metrics").text
