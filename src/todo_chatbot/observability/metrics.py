"""Prometheus metrics shared by every process (one registry per process).

`todo api --workers N` runs N processes behind one port, and a scrape reaches any one of
them; so there prometheus-client's multiprocess mode is on: each process writes its values
to files in PROMETHEUS_MULTIPROC_DIR and /metrics adds up the files of all of them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

HTTP_REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests by route, method and status",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency by route and status",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def prepare_multiprocess(workers: int) -> Path | None:
    """Call before starting `workers` server processes (they are spawned, so each imports
    prometheus-client afresh and sees the variable). Uses PROMETHEUS_MULTIPROC_DIR if set,
    else a temporary folder removed at exit; either way emptied of an earlier run's files."""
    given = os.environ.get(MULTIPROCESS_DIR_VARIABLE)
    if workers < 2 and not given:
        return None
    if given:
        directory = Path(given)
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):
            stale.unlink()
    else:
        directory = Path(tempfile.mkdtemp(prefix="todo-metrics-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ[MULTIPROCESS_DIR_VARIABLE] = str(directory)
    return directory


def exposition() -> bytes:
    """This process's metrics, or every server process's when they share a folder."""
    if not os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        return generate_latest()
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


async def metrics_endpoint(_request: Request) -> Response:
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
