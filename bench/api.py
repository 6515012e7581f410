"""API benchmark: run by hand (`.venv/bin/python -m bench.api`), not part of the tests.

Starts `todo api` on a throwaway PostgreSQL server and on SQLite, drives it with `wrk`
(Debian package `wrk`: a C load generator, so the client is not the bottleneck on a
2-core machine) from a separate process on 127.0.0.1, and prints requests/s and
p50/p95/p99 for create, get, list-50-with-a-filter and complete, each beside a baseline
measured in the same run: `/health`, which returns a constant through the same stack.
Every phase is bounded in time and in request count.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.postgres import find_bin_dir, running_server
from tests.support.processes import free_port, wait_for_health
from todo_chatbot.store.migrate import run_migrations

TODO = str(Path(sys.executable).parent / "todo")

# One Lua script drives every phase; the phase's method, path and body are filled in.
# `{id}` in a path cycles through the ids of tasks made beforehand; `{n}` counts requests.
WRK_SCRIPT = """
local ids = {%(ids)s}
local n = 0
local cap = %(cap)d
wrk.method = "%(method)s"
wrk.headers["Authorization"] = "Bearer %(token)s"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  local id = ids[(n %% #ids) + 1]
  local path = string.gsub("%(path)s", "{id}", id)
  local body = string.gsub('%(body)s', "{n}", n)
  if body == "" then body = nil end
  return wrk.format(nil, path, nil, body)
end
response = function(status, headers, body)
  if n >= cap then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "errors": %%d, "p50": %%f, "p95": %%f, "p99": %%f}\\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


@dataclass
class Phase:
    name: str
    method: str
    path: str
    body: str = ""


PHASES = [
    Phase("baseline /health", "GET", "/health"),
    Phase(
        "create task",
        "POST",
        "/api/v1/tasks",
        '{"title": "Task {n}", "priority": "high", "tags": ["bench"], "due": "2026-12-01"}',
    ),
    Phase("get task", "GET", "/api/v1/tasks/{id}"),
    Phase("list 50 (filtered)", "GET", "/api/v1/tasks?tag=bench&sort=due&limit=50"),
    Phase("complete task", "POST", "/api/v1/tasks/{id}/complete"),
]


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def run_phase(
    base: str, phase: Phase, *, token: str, ids: list[int], args: argparse.Namespace
) -> Result:
    script = WRK_SCRIPT % {
        "ids": ",".join(map(str, ids)),
        "cap": args.requests // args.threads,
        "method": phase.method,
        "token": token,
        "path": phase.path,
        "body": phase.body,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.concurrency}",
        f"-d{args.seconds}s",
        "--timeout",
        "10s",
        "-s",
        handle.name,
        base,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    figures = json.loads(output.strip().splitlines()[-1])
    return Result(phase.name, **figures)


def sign_up(client: httpx.Client) -> str:
    registered = client.post(
        "/api/v1/auth/register",
        json={"email": f"bench{time.time_ns()}@example.com", "password": "benchmark!"},
    )
    token: str = registered.json()["access_token"]
    return token


def prepare(base: str, count: int) -> tuple[str, list[int]]:
    """A user with `count` tasks (half tagged `bench`, all dated) to read and complete."""
    with httpx.Client(base_url=base, timeout=30) as client:
        token = sign_up(client)
        auth = {"Authorization": f"Bearer {token}"}
        ids = []
        for index in range(count):
            body = {
                "title": f"Seed {index}",
                "tags": ["bench"] if index % 2 else ["other"],
                "due": f"2026-12-{index % 28 + 1:02d}",
            }
            ids.append(client.post("/api/v1/tasks", json=body, headers=auth).json()["id"])
    return token, ids


@contextmanager
def api_server(database_url: str, data_dir: Path, workers: int) -> Iterator[str]:
    run_migrations(database_url)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(data_dir),
        "LOG_LEVEL": "WARNING",
        "APP_ENV": "development",
    }
    process = subprocess.Popen(
        [TODO, "api", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def report(backend: str, results: list[Result]) -> None:
    baseline = results[0]
    print(f"\n== {backend} ==")
    print(
        f"{'operation':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}  req/s vs baseline  p95 vs baseline"
    )
    for r in results:
        print(
            f"{r.name:<22}{r.rate:>9.0f}{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}{r.errors:>8}"
            f"  {r.rate / baseline.rate:>17.2f}  {r.p95 / baseline.p95:>15.1f}"
        )


def bench(backend: str, base: str, args: argparse.Namespace) -> None:
    token, ids = prepare(base, args.seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        writer = sign_up(client)  # creates go to another account: the list stays 200 tasks
    results = [
        run_phase(
            base,
            p,
            token=writer if p.method == "POST" and "{id}" not in p.path else token,
            ids=ids,
            args=args,
        )
        for p in PHASES
    ]
    report(backend, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="time bound per phase")
    parser.add_argument("--requests", type=int, default=100_000, help="request cap per phase")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="`todo api --workers`")
    parser.add_argument("--seed", type=int, default=200, help="tasks made before the run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        bin_dir = find_bin_dir()
        if bin_dir is None:
            print("PostgreSQL binaries not found; skipping the PostgreSQL run")
        else:
            with (
                running_server(bin_dir) as server,
                api_server(server.url(), data, args.workers) as base,
            ):
                bench("PostgreSQL", base, args)
        with api_server(f"sqlite+aiosqlite:///{data / 'bench.db'}", data, args.workers) as base:
            bench("SQLite", base, args)


if __name__ == "__main__":
    main()
