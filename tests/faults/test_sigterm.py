"""SIGTERM to `todo api` under a write load: the requests in flight finish (each one
answered 201 and stored), none fails, and the process exits 0.

As in the cluster, traffic is routed away first (the pod's preStop hook and its endpoint
removal): the clients start no new request, and the signal arrives at once, while the
requests already sent are still being served."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from tests.faults.conftest import process_env, running
from tests.faults.load import Load, register
from tests.faults.test_database_restart import stored_titles
from tests.support.postgres import PostgresServer

SIGNALLED: list[float] = []
pytestmark = [pytest.mark.faults, pytest.mark.postgres]


async def terminate_under_load(load: Load, pid: int) -> tuple[int, float]:
    running_load = asyncio.create_task(load.run())
    await asyncio.sleep(3)
    load.stopping = True  # routed away: no client starts another request
    in_flight = load.in_flight
    os.kill(pid, signal.SIGTERM)
    signalled = time.monotonic()
    SIGNALLED.append(signalled)
    await asyncio.wait_for(running_load, 60)
    return in_flight, time.monotonic() - signalled


def test_sigterm_under_load_finishes_the_requests_in_flight(
    durable_pg: PostgresServer, tmp_path: Path
) -> None:
    env = process_env(durable_pg, tmp_path)
    with running(["api"], env, tmp_path / "api.log") as api:
        load = Load(api.base_url, register(api.base_url, "sigterm@example.com"), clients=16)
        in_flight, drained = asyncio.run(terminate_under_load(load, api.process.pid))
        exit_code = api.process.wait(30)

    failed = [a for a in load.answers if a.status != 201]
    assert failed == [], [(a, a.started - SIGNALLED[0]) for a in failed[:5]]
    assert in_flight > 0, "no request was in flight at the signal"
    # uvicorn shuts down gracefully, then raises the signal it caught again: -SIGTERM.
    assert exit_code in (0, -signal.SIGTERM), api.log_text()[-3000:]
    assert load.acknowledged() <= asyncio.run(stored_titles(durable_pg))
    print(
        f"\n[SIGTERM] {len(load.answers)} requests, 0 failed; {in_flight} in flight at the "
        f"signal, all answered 201 within {drained:.2f} s; exit code {exit_code}"
    )
