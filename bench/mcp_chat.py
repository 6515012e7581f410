"""MCP tool-call and chat-turn latency: run by hand, not part of the tests.

    .venv/bin/python -m bench.mcp_chat [--calls 300] [--turns 150] [--open-tasks 200] [--postgres]

Starts `todo mcp` and `todo api` (rules engine, MCP_SERVER_URL pointing at that MCP server)
as separate processes on a temporary SQLite database (and with --postgres on a throwaway
PostgreSQL server), and measures from this process, one request at a time:

- MCP tool calls over streamable HTTP with the api's own MCP client (the official SDK's
  ClientSession, one initialised session): add_task and list_tasks, beside an MCP ping, a
  no-op round trip through the same transport, identity check and server.
  Target: p95 < 20 ms.
- Chat turns through POST /api/v1/chat (load history, open an MCP session, list_tasks for
  references, the planned tool call, store the turn), beside GET /health on the same api.
  Target: p95 < 100 ms, for a user with 200 open tasks (`--open-tasks`).

Figures go to bench/results/mcp_chat-*.json, with the load average during each measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import httpx

from bench.common import (
    TODO,
    Conditions,
    find_bin_dir,
    free_port,
    quantile,
    running_server,
    wait_for_health,
    write_figures,
)
from todo_chatbot.agent.tool_client import McpToolClient
from todo_chatbot.store.migrate import run_migrations

SECRET = "bench-secret-" + "x" * 40
WARMUP = 20


FIGURES: list[dict[str, object]] = []
DATABASE = {"name": ""}


async def measure(
    count: int, action: Callable[[int], Awaitable[object]]
) -> tuple[list[float], Conditions]:
    for n in range(WARMUP):
        await action(-n - 1)
    samples = []
    conditions = Conditions.start()
    for n in range(count):
        started = time.perf_counter()
        await action(n)
        samples.append(time.perf_counter() - started)
    return samples, conditions.stop()


def report(
    name: str, measured: tuple[list[float], Conditions], target_ms: float | None = None
) -> None:
    samples, conditions = measured
    p50, p95 = quantile(samples, 0.5) * 1000, quantile(samples, 0.95) * 1000
    verdict = ""
    if target_ms is not None:
        verdict = f"  (target p95 < {target_ms:.0f} ms: {'met' if p95 < target_ms else 'MISSED'})"
    load = f"load {conditions.load_start:.2f}->{conditions.load_end:.2f}"
    print(
        f"  {name:<28} n={len(samples):<4} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms{verdict}"
        f"  ({load}, host {conditions.host_busy:.0%})"
    )
    FIGURES.append(
        {
            "database": DATABASE["name"],
            "measure": name,
            "n": len(samples),
            "p50_ms": p50,
            "p95_ms": p95,
            "target_p95_ms": target_ms,
            "conditions": conditions.as_dict(),
        }
    )


@contextmanager
def process(args: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    child = subprocess.Popen(
        [TODO, *args, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_health(base, child)
        yield base
    finally:
        child.terminate()
        child.wait(timeout=15)


async def bench_mcp(mcp_url: str, user_id: int, calls: int) -> None:
    client = McpToolClient(mcp_url, secret=SECRET, token_ttl_seconds=3600, timeout_seconds=30)
    async with client.session(user_id) as session:

        async def ping(_n: int) -> None:
            await session.ping()

        async def add(n: int) -> None:
            outcome = await session.call("add_task", {"title": f"bench {n}", "tags": ["b"]})
            assert outcome.ok, outcome.text

        async def list_(_n: int) -> None:
            outcome = await session.call("list_tasks", {"status": "pending", "limit": 20})
            assert outcome.ok, outcome.text

        print("MCP over streamable HTTP (the api's client, one session, sequential calls)")
        report("baseline: MCP ping", await measure(calls, ping))
        report("add_task", await measure(calls, add), target_ms=20)
        report("list_tasks (20 of them)", await measure(calls, list_), target_ms=20)


async def bench_chat(api_url: str, auth: dict[str, str], turns: int, open_tasks: int) -> None:
    messages = ("add water the plants {n} tomorrow at 5pm #home", "what's still pending?")
    async with httpx.AsyncClient(base_url=api_url, headers=auth, timeout=30) as http:
        for n in range(open_tasks):
            body = {"title": f"Open task {n}", "tags": ["seed"], "due": "2026-12-01"}
            assert (await http.post("/api/v1/tasks", json=body)).status_code == 201
        conversation: dict[str, int] = {}

        async def health(_n: int) -> None:
            assert (await http.get("/health")).status_code == 200

        async def turn(n: int) -> None:
            body: dict[str, object] = {"message": messages[n % 2].format(n=n), "timezone": "UTC"}
            body |= conversation
            response = await http.post("/api/v1/chat", json=body)
            assert response.status_code == 200, response.text
            conversation["conversation_id"] = response.json()["conversation_id"]

        print(
            f"Chat turns, rules engine via MCP (POST /api/v1/chat, one conversation), "
            f"{open_tasks} open tasks"
        )
        report("baseline: GET /health", await measure(turns, health))
        report("chat turn (add / list)", await measure(turns, turn), target_ms=100)


def run(args: argparse.Namespace, database_url: str, data_dir: str) -> None:
    env = os.environ | {
        "APP_ENV": "development",
        "DATABASE_URL": database_url,
        "JWT_SECRET": SECRET,
        "DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
        "AGENT_ENGINE": "rules",
    }
    mcp_port, api_port = free_port(), free_port()
    with process(["mcp"], env, mcp_port) as mcp_base:
        api_env = env | {"MCP_SERVER_URL": f"{mcp_base}/mcp"}
        with process(["api"], api_env, api_port) as api_base:
            registered = httpx.post(
                f"{api_base}/api/v1/auth/register",
                json={"email": "bench@example.com", "password": "bench password"},
            ).json()
            auth = {"Authorization": f"Bearer {registered['access_token']}"}
            asyncio.run(bench_mcp(f"{mcp_base}/mcp", registered["user"]["id"], args.calls))
            asyncio.run(bench_chat(api_base, auth, args.turns, args.open_tasks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300, help="MCP calls per measurement")
    parser.add_argument("--turns", type=int, default=150, help="chat turns per measurement")
    parser.add_argument("--open-tasks", type=int, default=200, help="the chat user's tasks")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument(
        "--postgres", action="store_true", help="also run on a throwaway PostgreSQL server"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        database_url = args.database_url or f"sqlite+aiosqlite:///{data_dir}/bench.db"
        run_migrations(database_url)
        DATABASE["name"] = database_url.split("@")[-1]
        print(f"== database: {DATABASE['name']}")
        run(args, database_url, data_dir)
        bin_dir = find_bin_dir() if args.postgres else None
        if bin_dir is not None:
            with running_server(bin_dir) as server:
                run_migrations(server.url())
                DATABASE["name"] = "PostgreSQL (throwaway server)"
                print("== database: PostgreSQL (throwaway server)")
                run(args, server.url(), data_dir)


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"figures: {write_figures('mcp_chat', {'measures': FIGURES})}")
