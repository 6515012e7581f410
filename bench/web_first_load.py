"""First load of the web UI with 200 tasks: bytes on the wire and time to a rendered list.

Starts `todo serve` on 127.0.0.1 with a temporary database, fills it with tasks, then opens
`/` in headless Chromium (a fresh browser context, so a cold cache, per run) and reads the
browser's own Resource Timing and a `todo:list-rendered` performance mark set by the app.

    .venv/bin/python bench/web_first_load.py [--tasks 200] [--runs 5]

Budgets: the first load transfers < 100 KB (gzip) and the list renders in < 500 ms.
Run by hand; it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BYTES_BUDGET = 100 * 1024
RENDER_BUDGET_MS = 500.0

MEASURE = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = performance.getEntriesByName('todo:list-rendered')[0];
  const resources = performance.getEntriesByType('resource').map((r) => ({
    name: r.name, type: r.initiatorType, transfer: r.transferSize,
    encoded: r.encodedBodySize, decoded: r.decodedBodySize, end: r.responseEnd,
    start: r.startTime, reqStart: r.requestStart, respStart: r.responseStart,
  }));
  return {
    document: { transfer: nav.transferSize, encoded: nav.encodedBodySize,
                decoded: nav.decodedBodySize },
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    rendered: mark ? mark.startTime : null,
    rows: document.querySelectorAll('#task-list > li').length,
    resources,
  };
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    todo = Path(sys.executable).with_name("todo")
    env = {**os.environ, "DATA_DIR": str(directory / "data")}
    env.pop("DATABASE_URL", None)
    log = (directory / "server.log").open("wb")
    process = subprocess.Popen(
        [str(todo), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"todo serve exited: see {directory / 'server.log'}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return process, base
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("todo serve did not start within 60 s")


def seed(base: str, count: int) -> str:
    with httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post(
            "/api/v1/auth/register",
            json={"email": "bench@example.com", "password": "bench-password", "name": "Bench"},
        )
        answer.raise_for_status()
        token: str = answer.json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        start = datetime.now(UTC).replace(microsecond=0)
        for i in range(count):
            task: dict[str, Any] = {
                "title": f"Task {i:03d}: follow up on item {i * 7 % 101}",
                "priority": ("low", "medium", "high")[i % 3],
                "tags": [("work", "home", "errands", "health")[i % 4]],
            }
            if i % 2 == 0:
                task["due"] = (start + timedelta(hours=i - 40)).isoformat()
            elif i % 5 == 1:
                task["due"] = (start + timedelta(days=i % 30)).date().isoformat()
            if i % 10 == 0:
                task["description"] = "Some notes about this task, kept short."
            if i % 17 == 0 and "due" in task:
                task["recurrence"] = "FREQ=WEEKLY;BYDAY=MO,WE"
            client.post("/api/v1/tasks", json=task).raise_for_status()
        return token


def measure(browser: Any, base: str, token: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    script = (
        f"if (location.origin === {json.dumps(base)}) "
        f"sessionStorage.setItem('todo.token', {json.dumps(token)});"
    )
    context.add_init_script(script)
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_function("() => performance.getEntriesByName('todo:list-rendered').length > 0")
    page.wait_for_load_state("load")
    figures: dict[str, Any] = page.evaluate(MEASURE)
    context.close()
    return figures


def summarise(figures: dict[str, Any]) -> dict[str, float]:
    assets = [r for r in figures["resources"] if "/static/" in r["name"]]
    api = [r for r in figures["resources"] if "/api/" in r["name"] and "/events/" not in r["name"]]
    doc = figures["document"]
    ui_transfer = doc["transfer"] + sum(r["transfer"] for r in assets)
    ui_decoded = doc["decoded"] + sum(r["decoded"] for r in assets)
    api_transfer = sum(r["transfer"] for r in api)
    return {
        "ui_transfer": ui_transfer,
        "ui_decoded": ui_decoded,
        "api_transfer": api_transfer,
        "total_transfer": ui_transfer + api_transfer,
        "requests": 1 + len(assets) + len(api),
        "dom_content_loaded": figures["domContentLoaded"],
        "rendered": figures["rendered"],
        "rows": figures["rows"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run scripts/install-chromium.sh")

    with tempfile.TemporaryDirectory(prefix="web-bench-") as tmp:
        process, base = start_server(Path(tmp))
        try:
            token = seed(base, options.tasks)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=ARGS
                )
                measure(browser, base, token)  # warm the server, not the browser
                runs = [summarise(measure(browser, base, token)) for _ in range(options.runs)]
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=15)

    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    worst_render = max(run["rendered"] for run in runs)
    print(f"first load of / with {options.tasks} tasks, {options.runs} cold runs (median)")
    print(f"  rows rendered          {median('rows'):.0f}")
    print(f"  requests               {median('requests'):.0f}")
    ui_kb, raw_kb = median("ui_transfer") / 1024, median("ui_decoded") / 1024
    print(f"  UI assets transferred  {ui_kb:.1f} KB  ({raw_kb:.1f} KB uncompressed)")
    print(f"  task data transferred  {median('api_transfer') / 1024:.1f} KB")
    print(f"  total transferred      {median('total_transfer') / 1024:.1f} KB")
    print(f"  DOMContentLoaded       {median('dom_content_loaded'):.0f} ms")
    print(f"  list rendered          {median('rendered'):.0f} ms (worst {worst_render:.0f} ms)")
    ok_bytes = median("total_transfer") < BYTES_BUDGET
    ok_time = median("rendered") < RENDER_BUDGET_MS
    print(
        f"budget: transfer < 100 KB {'OK' if ok_bytes else 'OVER'}; "
        f"render < 500 ms {'OK' if ok_time else 'OVER'}"
    )
    return 0 if ok_bytes and ok_time else 1


if __name__ == "__main__":
    sys.exit(main())
