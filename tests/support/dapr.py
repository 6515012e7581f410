"""A real Dapr sidecar: `daprd` (built by scripts/install-dapr.sh) self-hosted beside one app.

Its resources are the chart's own: `helm template --show-only templates/dapr.yaml` with the
test broker as an external Kafka, split into the components and resiliency policy daprd loads
from `--resources-path` and the Configuration it reads with `--config`. The Kubernetes secret
store and the state store that reads its connection string from it cannot run outside a
cluster, and the app uses neither, so they are left out. Every listener is on 127.0.0.1 with a
free port; the sidecar is stopped by its PID.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml
from starlette.types import ASGIApp

from tests.deploy.charts import CHART, NAMESPACE, RELEASE, TOOLS_DIR, helm
from tests.support.external import require
from tests.support.processes import free_port
from tests.support.serving import serving

DAPR_VERSION = "v1.16.0"  # scripts/install-dapr.sh
DAPRD = TOOLS_DIR / "bin" / "daprd"
STAMP = TOOLS_DIR / "bin" / ".daprd-version"


def daprd() -> Path:
    """The cached daprd at DAPR_VERSION (skip without it; under CI=true, fail)."""
    stamp = STAMP.read_text().split()[0] if STAMP.is_file() else ""
    require(
        DAPRD.is_file() and stamp == DAPR_VERSION,
        f"daprd {DAPR_VERSION} not built: run scripts/install-dapr.sh",
    )
    return DAPRD


@dataclass(frozen=True)
class Resources:
    components: Path  # --resources-path: Components and the Resiliency
    config: Path  # --config: the Configuration
    docs: tuple[dict[str, Any], ...]

    def get(self, kind: str, name: str) -> dict[str, Any]:
        [doc] = [d for d in self.docs if d["kind"] == kind and d["metadata"]["name"] == name]
        return doc


SHOW = ("--show-only", "templates/dapr.yaml")


def render_resources(directory: Path, *, brokers: str, sets: tuple[str, ...] = ()) -> Resources:
    """The chart's Dapr resources for an external Kafka at `brokers`, as daprd files."""
    args = [
        "--set",
        "kafka.strimzi.enabled=false",
        "--set",
        f"kafka.bootstrapServers={brokers}",
        "--set",
        "dapr.secretStore.enabled=false",
        "--set",
        "dapr.stateStore.enabled=false",
    ]
    for assignment in sets:
        args += ["--set", assignment]
    result = subprocess.run(
        [helm(), "template", RELEASE, str(CHART), "--namespace", NAMESPACE, *args, *SHOW],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    docs = tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)
    components = directory / "components"
    components.mkdir(parents=True, exist_ok=True)
    config = directory / "config.yaml"
    for doc in docs:
        if doc["kind"] == "Configuration":
            config.write_text(yaml.safe_dump(doc))
        else:
            name = f"{doc['kind'].lower()}-{doc['metadata']['name']}.yaml"
            (components / name).write_text(yaml.safe_dump(doc))
    return Resources(components, config, docs)


@dataclass
class Sidecar:
    """One daprd beside the app listening on `app_port`."""

    app_id: str
    app_port: int
    resources: Resources
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    http_port: int = field(default_factory=free_port)
    grpc_port: int = field(default_factory=free_port)
    internal_grpc_port: int = field(default_factory=free_port)
    metrics_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def command(self) -> list[str]:
        return [
            str(daprd()),
            "--mode=standalone",
            f"--app-id={self.app_id}",
            f"--app-port={self.app_port}",
            "--app-protocol=http",
            "--app-channel-address=127.0.0.1",
            "--dapr-listen-addresses=127.0.0.1",
            f"--dapr-http-port={self.http_port}",
            f"--dapr-grpc-port={self.grpc_port}",
            "--dapr-internal-grpc-listen-address=127.0.0.1",
            f"--dapr-internal-grpc-port={self.internal_grpc_port}",
            "--metrics-listen-address=127.0.0.1",
            f"--metrics-port={self.metrics_port}",
            "--enable-profiling=false",
            f"--resources-path={self.resources.components}",
            f"--config={self.resources.config}",
            "--log-level=info",
        ]

    async def start(self, timeout: float = 60.0) -> None:
        """Start daprd and wait until it is healthy: components loaded, app subscribed. The
        app answers daprd meanwhile, so this waits without blocking the event loop."""
        # In a cluster the injector sets NAMESPACE; the chart's resources name theirs.
        env = {"PATH": os.environ.get("PATH", ""), "NAMESPACE": NAMESPACE, **self.env}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, env=env
        )
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as http:
            while True:
                if self.process.poll() is not None:
                    code = self.process.returncode
                    raise RuntimeError(f"daprd exited with {code}:\n{self.log()}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get("/v1.0/healthz")).status_code == 204:
                        return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"daprd did not become healthy:\n{self.log()}")
                await asyncio.sleep(0.1)

    async def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM by PID (daprd drains in-flight deliveries), then SIGKILL after `timeout`."""
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@contextlib.asynccontextmanager
async def sidecar_beside(
    app_id: str,
    build_app: Callable[[Sidecar], ASGIApp],
    resources: Resources,
    directory: Path,
    *,
    env: dict[str, str] | None = None,
) -> AsyncIterator[tuple[Sidecar, str]]:
    """Serve `build_app(sidecar)` (it learns the sidecar's ports) on a free port in this
    event loop, with its daprd beside it; yields the sidecar and the app's base URL. The
    sidecar stops first, as in a pod, where daprd drains before the app goes."""
    sidecar = Sidecar(
        app_id, free_port(), resources, directory / f"daprd-{app_id}.log", env=env or {}
    )
    async with serving(build_app(sidecar), sidecar.app_port) as url:
        try:
            await sidecar.start()
            yield sidecar, url
        finally:
            await sidecar.stop()
