"""Programs started for a test or a benchmark: free ports and waiting until they serve."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from typing import Any

import httpx


class DidNotStart(RuntimeError):
    """The process exited, or did not answer /health in time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_health(
    base_url: str, process: subprocess.Popen[Any], *, timeout: float = 60.0
) -> None:
    """Return once `GET {base_url}/health` answers 200; raise DidNotStart if `process`
    exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise DidNotStart(f"exited with {process.returncode} before serving {base_url}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise DidNotStart(f"{base_url}/health did not answer within {timeout:.0f} s")
        time.sleep(0.1)
