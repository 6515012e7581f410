"""API benchmark: run by hand from the repository root, not part of the tests.

    .venv/bin/python -m bench.api [--seconds 3] [--before-src DIR]

On a throwaway PostgreSQL server (fsync off) it starts a bare Starlette hello (the floor),
a FastAPI route of a task route's shape without SQL (what the framework costs) and
`todo api --workers 2`, drives each with `wrk` (Debian package `wrk`: a C load
generator, so the client is not the bottleneck) at 10 and 50 connections on 127.0.0.1,
and prints for create, get, list 50 of a 200-task user with a tag filter and toggle
complete (each call really writes): requests/s, p50/p99, the server's CPU ms per request,
the ratio to the hello at the same connections, SQL statements per request (counted with
pg_stat_statements over sequential requests: the statements the client sent, BEGIN/COMMIT
and pings included, not the foreign-key checks the server runs inside them), and
the load average and host CPU use during the phase. Then a scaling line (get with
`--workers 1` against 2), and SQLite in embedded mode (`todo serve`): create and toggle.

`--before-src DIR` runs the same phases on another copy of `src/` first (for example
`git archive main src | tar -x -C /tmp/before`), so one run gives before and after;
`--after-src DIR` measures a copy instead of the installed package.
Figures go to bench/results/api-*.json. Every phase is bounded in time and requests.
"""

from __future__ import annotations

import argparse
import asyncio
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
from typing import Any

import asyncpg
import httpx

from bench.common import (
    COUNT_STATEMENTS,
    TODO,
    Conditions,
    PostgresServer,
    ServedProcess,
    find_bin_dir,
    free_port,
    running_server,
    serving,
    write_figures,
)

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
    '{"requests": %%d, "seconds": %%f, "errors": %%d, "p50": %%f, "p99": %%f}\\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Phase:
    name: str
    method: str
    path: str
    body: str = ""
    writer: bool = False  # creates go to a second account: the reader keeps 200 tasks


HELLO = Phase("hello", "GET", "/health")
FRAMEWORK = Phase("fastapi, no SQL", "GET", "/api/{user}/tasks/{id}")
CREATE = Phase(
    "create",
    "POST",
    "/api/v1/tasks",
    '{"title": "Task {n}", "priority": "high", "tags": ["bench"], "due": "2026-12-01"}',
    writer=True,
)
GET = Phase("get", "GET", "/api/v1/tasks/{id}")
LIST = Phase("list 50 of 200, tag", "GET", "/api/v1/tasks?tag=bench&sort=due&limit=50")
TOGGLE = Phase("toggle complete", "PATCH", "/api/{user}/tasks/{id}/complete")
PG_PHASES = [CREATE, GET, LIST, TOGGLE]
SQLITE_PHASES = [CREATE, TOGGLE, GET]


@dataclass
class Account:
    token: str
    user_id: int
    ids: list[int]


@dataclass
class Subject:
    """A running server and the accounts the phases use."""

    served: ServedProcess
    reader: Account
    writer: Account


def run_wrk(
    subject: Subject, phase: Phase, connections: int, args: argparse.Namespace
) -> dict[str, Any]:
    account = subject.writer if phase.writer else subject.reader
    script = WRK_SCRIPT % {
        "ids": ",".join(map(str, account.ids or [0])),
        "cap": args.requests // args.threads,
        "method": phase.method,
        "token": account.token,
        "path": phase.path.replace("{user}", str(account.user_id)),
        "body": phase.body,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", f"-t{args.threads}", f"-c{connections}", f"-d{args.seconds}s"]
    command += ["--timeout", "10s", "-s", handle.name, subject.served.base]
    conditions = Conditions.start()
    cpu_before = subject.served.cpu_seconds()
    try:
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=args.seconds + 30
        ).stdout
    finally:
        os.unlink(handle.name)
    cpu = subject.served.cpu_seconds() - cpu_before
    conditions.stop()
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    figures["rate"] = figures["requests"] / figures["seconds"]
    if figures["requests"] >= (args.requests // args.threads) * args.threads:
        print(f"warning: {phase.name} hit --requests; its rate reads low", file=sys.stderr)
    figures["cpu_ms_per_request"] = 1000 * cpu / max(figures["requests"], 1)
    figures["conditions"] = conditions.as_dict()
    return figures


def sequential(subject: Subject, phase: Phase, count: int) -> None:
    """`count` requests of `phase` one after another (to count their statements)."""
    account = subject.writer if phase.writer else subject.reader
    headers = {"Authorization": f"Bearer {account.token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=subject.served.base, headers=headers, timeout=30) as client:
        for n in range(count):
            path = phase.path.replace("{user}", str(account.user_id))
            path = path.replace(
                "{id}", str(account.ids[n % len(account.ids)] if account.ids else 0)
            )
            body = phase.body.replace("{n}", f"rt{n}") or None
            response = client.request(phase.method, path, content=body)
            response.raise_for_status()


class StatementCounter:
    """Statements the server ran for one database, from pg_stat_statements."""

    def __init__(self, server: PostgresServer, database: str) -> None:
        self.dsn, self.database = server.sync_url(database), database

    def _run(self, query: str, *params: object) -> Any:
        async def go() -> Any:
            connection = await asyncpg.connect(self.dsn)
            try:
                return await connection.fetchval(query, *params)
            finally:
                await connection.close()

        return asyncio.run(go())

    def analyze(self) -> None:
        self._run("ANALYZE")

    def reset(self) -> None:
        self._run("SELECT pg_stat_statements_reset()")

    def total(self) -> int:
        return int(
            self._run(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = "
                "(SELECT oid FROM pg_database WHERE datname = $1) "
                "AND query NOT LIKE '%pg_stat_statements%'",
                self.database,
            )
        )


def sign_up(client: httpx.Client, tag: str) -> tuple[str, int]:
    body = {"email": f"{tag}{time.time_ns()}@example.com", "password": "benchmark!"}
    registered = client.post("/api/v1/auth/register", json=body).json()
    return registered["access_token"], int(registered["user"]["id"])


def prepare(served: ServedProcess, count: int) -> Subject:
    """A reader with `count` dated tasks (half tagged `bench`) and a writer account."""
    with httpx.Client(base_url=served.base, timeout=30) as client:
        token, user_id = sign_up(client, "reader")
        auth = {"Authorization": f"Bearer {token}"}
        ids = []
        for index in range(count):
            body = {
                "title": f"Seed {index}",
                "tags": ["bench"] if index % 2 else ["other"],
                "due": f"2026-12-{index % 28 + 1:02d}",
            }
            ids.append(client.post("/api/v1/tasks", json=body, headers=auth).json()["id"])
        writer_token, writer_id = sign_up(client, "writer")
    return Subject(served, Account(token, user_id, ids), Account(writer_token, writer_id, []))


def environment(code: Code, extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, "LOG_LEVEL": "WARNING", "APP_ENV": "development", **extra}
    env["JWT_SECRET"] = "bench-secret-" + "x" * 40
    if code.src:
        env["PYTHONPATH"] = code.src
    return env


@dataclass
class Code:
    label: str  # "before" or "after"
    src: str | None  # a src/ directory to run instead of the installed package


@contextmanager
def todo_api(code: Code, database_url: str, data: Path, workers: int) -> Iterator[ServedProcess]:
    env = environment(code, {"DATABASE_URL": database_url, "DATA_DIR": str(data)})
    port = free_port()
    command = [TODO, "api", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with serving(command, env, port) as served:
        yield served


def row(
    backend: str, code: str, phase: str, connections: int, figures: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "backend": backend,
        "code": code,
        "phase": phase,
        "connections": connections,
        **figures,
        **extra,
    }


def bench_postgres(args: argparse.Namespace, codes: list[Code], rows: list[dict[str, Any]]) -> None:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL binaries not found; skipping the PostgreSQL run")
        return
    with (
        running_server(bin_dir, options=COUNT_STATEMENTS) as server,
        tempfile.TemporaryDirectory() as scratch,
    ):
        hello_port = free_port()
        for workers in (args.workers, 1):
            command = [sys.executable, "-m", "uvicorn", "bench.hello:app", "--workers"]
            command += [str(workers), "--host", "127.0.0.1", "--port", str(hello_port)]
            command += ["--log-level", "warning", "--no-access-log"]
            with serving(command, os.environ, hello_port) as served:
                subject = Subject(served, Account("", 0, []), Account("", 0, []))
                for connections in args.connections:
                    figures = run_wrk(subject, HELLO, connections, args)
                    rows.append(row("-", "-", "hello", connections, figures, workers=workers))
        framework = [sys.executable, "-m", "uvicorn", "bench.hello:framework_app", "--workers"]
        framework += [str(args.workers), "--host", "127.0.0.1", "--port", str(hello_port)]
        framework += ["--log-level", "warning", "--no-access-log"]
        with serving(framework, os.environ, hello_port) as served:
            caller = Account("bench", 1, [1])
            subject = Subject(served, caller, caller)
            for connections in args.connections:
                figures = run_wrk(subject, FRAMEWORK, connections, args)
                named = row("-", "-", FRAMEWORK.name, connections, figures)
                rows.append({**named, "workers": args.workers})
        asyncio.run(_create_extension(server, [code.label for code in codes]))
        for code in codes:
            database = f"bench_{code.label}"
            url = server.url(database)
            env = environment(code, {"DATABASE_URL": url})
            subprocess.run([TODO, "migrate"], env=env, check=True, capture_output=True)
            counter = StatementCounter(server, database)
            data = Path(scratch) / code.label
            with todo_api(code, url, data, args.workers) as served:
                subject = prepare(served, args.seed)
                # Planner statistics for the seeded rows, which autovacuum would gather within
                # a minute of such a load: without them a list plans a nested loop.
                counter.analyze()
                for connections in args.connections:
                    for phase in PG_PHASES:
                        figures = run_wrk(subject, phase, connections, args)
                        time.sleep(2)  # requests wrk left queued finish before counting
                        counter.reset()
                        sequential(subject, phase, args.count)
                        figures["statements_per_request"] = counter.total() / args.count
                        rows.append(
                            row(
                                "PostgreSQL",
                                code.label,
                                phase.name,
                                connections,
                                figures,
                                workers=args.workers,
                            )
                        )
            with todo_api(code, url, data, 1) as served:
                subject.served = served
                figures = run_wrk(subject, GET, args.connections[0], args)
                rows.append(
                    row("PostgreSQL", code.label, GET.name, args.connections[0], figures, workers=1)
                )


async def _create_extension(server: PostgresServer, labels: list[str]) -> None:
    connection = await asyncpg.connect(server.sync_url())
    try:
        for label in labels:
            await connection.execute(f'CREATE DATABASE "bench_{label}"')
    finally:
        await connection.close()
    for label in labels:
        connection = await asyncpg.connect(server.sync_url(f"bench_{label}"))
        try:
            await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        finally:
            await connection.close()


def bench_sqlite(args: argparse.Namespace, codes: list[Code], rows: list[dict[str, Any]]) -> None:
    """Embedded mode, as users run it: `todo serve` (one process, workers in it)."""
    with tempfile.TemporaryDirectory() as scratch:
        for code in codes:
            data = Path(scratch) / code.label
            port = free_port()
            env = environment(code, {"DATA_DIR": str(data)})
            env.pop("DATABASE_URL", None)
            command = [TODO, "serve", "--host", "127.0.0.1", "--port", str(port)]
            with serving(command, env, port) as served:
                subject = prepare(served, args.seed)
                for phase in SQLITE_PHASES:
                    connections = args.connections[0]
                    figures = run_wrk(subject, phase, connections, args)
                    rows.append(row("SQLite", code.label, phase.name, connections, figures))


def report(rows: list[dict[str, Any]]) -> None:
    hello = {(r["connections"], r["workers"]): r["rate"] for r in rows if r["phase"] == "hello"}
    header = (
        f"{'backend':<11}{'code':<7}{'phase':<21}{'conn':>5}{'wk':>3}{'req/s':>8}{'p50':>8}"
        f"{'p99':>8}{'err':>5}{'cpu ms':>8}{'÷hello':>8}{'stmts':>6}   load start→end, host busy"
    )
    print("\n" + header)
    for r in rows:
        ratio = r["rate"] / hello.get((r["connections"], r.get("workers", 2)), r["rate"])
        statements = r.get("statements_per_request")
        c = r["conditions"]
        print(
            f"{r['backend']:<11}{r['code']:<7}{r['phase']:<21}{r['connections']:>5}"
            f"{r.get('workers', 1):>3}{r['rate']:>8.0f}{r['p50']:>8.1f}{r['p99']:>8.1f}"
            f"{r['errors']:>5}{r['cpu_ms_per_request']:>8.2f}{ratio:>8.3f}"
            f"{'' if statements is None else f'{statements:.1f}':>6}"
            f"   {c['load_start']:.2f}→{c['load_end']:.2f}, {c['host_busy']:.0%}"
        )
    by_workers = {
        (r["code"], r["workers"]): r["rate"]
        for r in rows
        if r["backend"] == "PostgreSQL" and r["phase"] == GET.name and r["connections"] == 10
    }
    for code in sorted({code for code, _ in by_workers}):
        one, two = by_workers.get((code, 1)), by_workers.get((code, 2))
        if one and two:
            print(
                f"scaling ({code}): get at 10 connections, 2 workers ÷ 1 worker = {two / one:.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="time bound per phase")
    # Above what the hello reaches in --seconds: a phase that hits the cap idles for the rest
    # of its time, and its rate reads low (the run warns).
    parser.add_argument("--requests", type=int, default=1_000_000, help="request cap per phase")
    parser.add_argument("--connections", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="`todo api --workers`")
    parser.add_argument("--seed", type=int, default=200, help="tasks made before the run")
    parser.add_argument("--count", type=int, default=20, help="requests to count statements")
    parser.add_argument("--before-src", help="a src/ directory to measure first, as 'before'")
    parser.add_argument("--after-src", help="a src/ directory to measure as 'after'")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    codes = [Code("after", str(Path(args.after_src).resolve()) if args.after_src else None)]
    if args.before_src:
        codes.insert(0, Code("before", str(Path(args.before_src).resolve())))
    rows: list[dict[str, Any]] = []
    try:
        bench_postgres(args, codes, rows)
        if not args.skip_sqlite:
            bench_sqlite(args, codes, rows)
    finally:
        report(rows)
        print(f"\nfigures: {write_figures('api', {'rows': rows})}")


if __name__ == "__main__":
    main()
