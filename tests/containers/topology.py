"""The cluster's processes as containers: commands, ports, memory limits and termination
grace periods read from the chart's values.yaml, and the settings its ConfigMaps and Secret
give each process (with EVENT_BUS=kafka, the chart's direct-client mode)."""

from __future__ import annotations

import copy
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.docker import HARDENED, Container, Docker, Network, run_container

ROOT = Path(__file__).resolve().parents[2]
VALUES: dict[str, Any] = yaml.safe_load(
    (ROOT / "deploy" / "helm" / "todo-chatbot" / "values.yaml").read_text()
)
SECRETS_MOUNT = VALUES["secrets"]["mountPath"]
WORKERS = ("relay", "recurring", "scheduler", "notifier")
PROCESSES = ("api", "mcp", *WORKERS)
APP_UID = 10001
# How long a process may take to serve, and `todo migrate` to finish. Generous: without
# precompiled bytecode each start compiles the app's imports, and the suite's containers share
# two cores with everything else that runs.
START_SECONDS = 300.0


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def component_values(name: str) -> dict[str, Any]:
    """A component's values as the chart's `componentValues` helper merges them."""
    if name in ("api", "mcp"):
        values: dict[str, Any] = VALUES[name]
        return values
    return _merged(VALUES["workers"]["common"], VALUES["workers"][name])


@dataclass(frozen=True)
class Process:
    name: str
    port: int
    command: tuple[str, ...]
    grace_seconds: int
    pre_stop_seconds: int
    memory_limit: str

    @property
    def stop_budget(self) -> int:
        """The kubelet sends SIGTERM after the preStop hook, within the same grace period."""
        return self.grace_seconds - self.pre_stop_seconds


def process(name: str) -> Process:
    """The container arguments the chart's `todo-chatbot.args` template renders."""
    values = component_values(name)
    port = int(values["containerPort"])
    listen = ("--host", "0.0.0.0", "--port", str(port))
    if name == "api":
        command: tuple[str, ...] = ("api", *listen, "--workers", str(values["uvicornWorkers"]))
    elif name == "mcp":
        command = ("mcp", *listen)
    else:
        command = ("worker", name, *listen)
    return Process(
        name=name,
        port=port,
        command=command,
        grace_seconds=int(values["terminationGracePeriodSeconds"]),
        pre_stop_seconds=int(values["preStopSleepSeconds"]),
        memory_limit=_docker_memory(values["resources"]["limits"]["memory"]),
    )


def _docker_memory(quantity: str) -> str:
    units = {"Mi": "m", "Gi": "g"}
    return quantity[:-2] + units[quantity[-2:]]


@dataclass(frozen=True)
class Backends:
    """Where the containers find PostgreSQL and Kafka, and the secret files they read."""

    database_url: str
    kafka_bootstrap: str
    secrets_dir: Path


def write_secrets(directory: Path, database_url: str) -> Path:
    """The chart's Secret as mounted files, readable by the app's user only."""
    directory.mkdir(parents=True, exist_ok=True)
    for key, value in {
        "database_url": database_url,
        "jwt_secret": secrets.token_urlsafe(48),
    }.items():
        path = directory / key
        path.write_text(value)
        path.chmod(0o400)
        with_owner(path)
    directory.chmod(0o500)
    with_owner(directory)
    return directory


def with_owner(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, APP_UID, APP_UID)


def settings_env(name: str, backends: Backends) -> dict[str, str]:
    """The ConfigMap entries (and, for the api, the agent ConfigMap) the chart gives `name`."""
    config = VALUES["config"]
    mcp = process("mcp")
    env = {
        "APP_ENV": config["appEnv"],
        "LOG_LEVEL": config["logLevel"],
        "EVENT_BUS": "kafka",
        "KAFKA_BOOTSTRAP_SERVERS": backends.kafka_bootstrap,
        "MCP_ALLOWED_HOSTS": f"mcp,mcp:{mcp.port}",
        "SCHEDULER_INTERVAL_SECONDS": str(config["schedulerIntervalSeconds"]),
        "SECRETS_DIR": SECRETS_MOUNT,
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "XDG_DATA_HOME": "/tmp",
        "SERVICE_NAME": f"todo-{name}",
    }
    if name == "api":
        env["AGENT_ENGINE"] = config["agentEngine"]
        env["MCP_SERVER_URL"] = f"http://mcp:{mcp.port}/mcp"
    return env


def start(
    docker: Docker,
    image: str,
    name: str,
    *,
    network: Network,
    backends: Backends,
    container_name: str,
) -> Container:
    """Run one process of the chart as a hardened container on `network`, reachable there
    by its component name and from the host on a published loopback port."""
    spec = process(name)
    env = settings_env(name, backends) | {"POD_NAME": container_name}
    return run_container(
        docker,
        image,
        *spec.command,
        name=container_name,
        network=network.name,
        aliases=[name],
        env=env,
        mounts=[f"{backends.secrets_dir}:{SECRETS_MOUNT}:ro"],
        publish=[spec.port],
        options=(*HARDENED, "--memory", spec.memory_limit),
    )


def migrate(
    docker: Docker, image: str, *, network: Network, backends: Backends, container_name: str
) -> tuple[int, str]:
    """`todo migrate` as the chart's hook Job runs it; (exit code, output)."""
    env: Mapping[str, str] = settings_env("migrate", backends)
    memory = _docker_memory(VALUES["migrations"]["resources"]["limits"]["memory"])
    container = run_container(
        docker,
        image,
        "migrate",
        name=container_name,
        network=network.name,
        env=env,
        mounts=[f"{backends.secrets_dir}:{SECRETS_MOUNT}:ro"],
        options=(*HARDENED, "--memory", memory),
    )
    try:
        code = container.wait(timeout=START_SECONDS)
        return code, container.logs()
    finally:
        container.remove()
