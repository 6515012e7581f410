"""A private Docker daemon for the container tests, and the host left as it was found.

`scripts/install-docker.sh` installs Debian's docker.io; `scripts/build-base-image.sh` makes the
stand-in base image tarball (no registry serves base images here). The tests start their own
dockerd: its data root lives in `${TODO_CACHE_DIR:-~/.cache/todo-chatbot}/docker/data`, so the
imported base, image layers and build cache survive between runs; its sockets and state live in
a temporary directory. It leaves the host's network alone: no `docker0` bridge, no iptables
rules, no IP forwarding. Containers talk to each other on a user-defined bridge and to the host
on that bridge's gateway address; the host reaches them through ports published on 127.0.0.1
(docker-proxy); image builds use the host's network. What dockerd could change on the host
(tests/support/host_state.py) is captured before it starts and compared after it stops;
anything left behind is put back, and a difference that remains fails the session.

One dockerd owns a data root: a lock file makes other sessions (and xdist workers) wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.clock import CLOCK_AHEAD
from tests.support.host_state import SYSTEM_PATH, HostState

ROOT = Path(__file__).resolve().parents[2]
# The CLI of Debian's docker.io: version-matched with its dockerd and with BuildKit built in
# (a newer CLI elsewhere on PATH may need the buildx plugin for the same build).
DEBIAN_CLI = Path("/usr/bin/docker")
LOCK_WAIT_SECONDS = 600.0
BUILD_CACHE_KEEP = "3GB"


class DockerError(RuntimeError):
    """A docker command failed; the message carries its stderr."""


def cache_dir() -> Path:
    base = os.environ.get("TODO_CACHE_DIR") or str(Path.home() / ".cache" / "todo-chatbot")
    return Path(base) / "docker"


def find_dockerd() -> Path | None:
    found = shutil.which("dockerd", path=SYSTEM_PATH)
    return Path(found) if found else None


def find_cli() -> Path | None:
    if DEBIAN_CLI.exists():
        return DEBIAN_CLI
    found = shutil.which("docker", path=SYSTEM_PATH)
    return Path(found) if found else None


def base_tarball() -> Path | None:
    """The stand-in base scripts/build-base-image.sh made, if it has."""
    link = cache_dir() / "base" / "current.tar"
    return link.resolve() if link.exists() else None


def real_clock_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with the real clock, for the daemons a topology runs on: they share
    one clock with the containers, which never see the test run's moved clock."""
    env = {key: value for key, value in os.environ.items() if key != CLOCK_AHEAD}
    env["PATH"] = env.get("PATH", "") + ":" + SYSTEM_PATH
    env.update(extra or {})
    return env


def host_ca_bundle() -> Path | None:
    """The CA certificates pip on this host trusts (PIP_CERT, else the system's), handed to the
    image build as a secret: registry traffic may pass a TLS-inspecting proxy."""
    candidates = [
        os.environ.get("PIP_CERT"),
        os.environ.get("SSL_CERT_FILE"),
        ssl.get_default_verify_paths().openssl_cafile,
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


# --- the client -----------------------------------------------------------------------


@dataclass(frozen=True)
class Docker:
    cli: Path
    socket: Path

    def env(self) -> dict[str, str]:
        return real_clock_env({"DOCKER_HOST": f"unix://{self.socket}", "DOCKER_BUILDKIT": "1"})

    def run(
        self, *args: str, timeout: float = 120.0, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.cli), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise DockerError(
                f"docker {' '.join(args[:3])} ... exited {result.returncode}:\n"
                f"{result.stderr[-4000:]}"
            )
        return result

    def __call__(self, *args: str, timeout: float = 120.0) -> str:
        """Run a docker command; its stdout, stripped."""
        return self.run(*args, timeout=timeout).stdout.strip()

    def exists(self, kind: str, name: str) -> bool:
        return self.run(kind, "inspect", name, check=False).returncode == 0

    def inspect(self, name: str, template: str) -> str:
        return self("inspect", "--format", template, name)


@dataclass(frozen=True)
class BuiltImage:
    tag: str
    base: str
    build_seconds: float


def import_base(docker: Docker, tarball: Path) -> str:
    """The base image from the tarball, imported once into the cached data root."""
    tag = f"todo-chatbot-base:{tarball.stem}"
    if not docker.exists("image", tag):
        docker("import", str(tarball), tag, timeout=600)
    return tag


def build_image(
    docker: Docker, tag: str, *, base: str, ca_bundle: Path | None, timeout: float = 1200.0
) -> BuiltImage:
    """`docker build` of the repository's Dockerfile on `base`, as docs/deploy.md describes."""
    started = time.monotonic()
    args = ["build", "--network", "host", "--progress", "plain", "--tag", tag]
    args += ["--build-arg", f"BASE_IMAGE={base}"]
    if ca_bundle is not None:
        args += ["--secret", f"id=ca,src={ca_bundle}"]
    docker(*args, str(ROOT), timeout=timeout)
    seconds = time.monotonic() - started
    # Earlier builds of the tag and their build cache would pile up in the cache folder.
    docker("image", "prune", "--force")
    docker("builder", "prune", "--force", "--keep-storage", BUILD_CACHE_KEEP)
    return BuiltImage(tag=tag, base=base, build_seconds=seconds)


def image_size(docker: Docker, image: str) -> int:
    return int(docker.inspect(image, "{{.Size}}"))


# --- containers -----------------------------------------------------------------------

# How every app container runs, as the chart runs its pods: read-only root, no capabilities,
# no privilege escalation, and a small writable /tmp.
HARDENED = (
    "--read-only",
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
    "--tmpfs",
    "/tmp:rw,nosuid,nodev,size=256m",
)


@dataclass
class Container:
    docker: Docker
    name: str

    def logs(self, tail: int = 60) -> str:
        result = self.docker.run("logs", "--tail", str(tail), self.name, check=False)
        return (result.stdout + result.stderr)[-6000:]

    def state(self) -> dict[str, object]:
        state: dict[str, object] = json.loads(self.docker.inspect(self.name, "{{json .State}}"))
        return state

    def published(self, port: int) -> str:
        """`127.0.0.1:NNNNN`, where the host reaches the container's `port`."""
        line = self.docker("port", self.name, f"{port}/tcp").splitlines()[0]
        return line.strip()

    def url(self, port: int) -> str:
        return f"http://{self.published(port)}"

    def wait_until_serving(self, url: str, timeout: float) -> None:
        """Return once GET `url` answers 200; fail with the logs if the container exits or
        `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=3).status_code == 200:
                    return
            state = self.state()
            if not state.get("Running"):
                raise DockerError(
                    f"{self.name} exited ({state}) before {url} answered:\n{self.logs()}"
                )
            if time.monotonic() > deadline:
                raise DockerError(f"{url} did not answer within {timeout:.0f} s:\n{self.logs()}")
            time.sleep(0.25)

    def wait(self, timeout: float) -> int:
        """The exit code once the container has stopped by itself."""
        return int(self.docker("wait", self.name, timeout=timeout))

    def stop(self, grace: int) -> tuple[float, int]:
        """SIGTERM, SIGKILL after `grace` seconds (as the kubelet does); (seconds, exit code)."""
        started = time.monotonic()
        self.docker("stop", "--time", str(grace), self.name, timeout=grace + 60)
        elapsed = time.monotonic() - started
        return elapsed, int(self.docker.inspect(self.name, "{{.State.ExitCode}}"))

    def remove(self) -> None:
        self.docker.run("rm", "--force", "--volumes", self.name, check=False, timeout=60)


def run_container(
    docker: Docker,
    image: str,
    *command: str,
    name: str,
    network: str | None = None,
    aliases: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    mounts: Sequence[str] = (),
    publish: Sequence[int] = (),
    options: Sequence[str] = HARDENED,
    detach: bool = True,
) -> Container:
    """`docker run` of `image` with `command`; ports are published on 127.0.0.1 only."""
    args = ["run", "--name", name, *options]
    if detach:
        args.append("--detach")
    if network:
        args += ["--network", network]
        for alias in aliases:
            args += ["--network-alias", alias]
    for key, value in (env or {}).items():
        args += ["--env", f"{key}={value}"]
    for mount in mounts:
        args += ["--volume", mount]
    for port in publish:
        args += ["--publish", f"127.0.0.1::{port}"]
    docker(*args, image, *command, timeout=120)
    return Container(docker, name)


@dataclass(frozen=True)
class Network:
    name: str
    subnet: str
    gateway: str


def create_network(docker: Docker, name: str) -> Network:
    docker("network", "create", "--driver", "bridge", name)
    ipam = json.loads(docker("network", "inspect", "--format", "{{json .IPAM.Config}}", name))
    return Network(name=name, subnet=ipam[0]["Subnet"], gateway=ipam[0]["Gateway"])


# --- the daemon ---------------------------------------------------------------------------


@contextlib.contextmanager
def _exclusive(path: Path, timeout: float) -> Iterator[None]:
    with path.open("a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DockerError(
                        f"{path} held by another dockerd for {timeout:.0f} s"
                    ) from None
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _daemon_config(run_dir: Path) -> dict[str, object]:
    return {
        "data-root": str(cache_dir() / "data"),
        "exec-root": str(run_dir / "exec"),
        "pidfile": str(run_dir / "dockerd.pid"),
        "hosts": [f"unix://{run_dir / 'docker.sock'}"],
        "deprecated-key-path": str(run_dir / "key.json"),
        # Should dockerd find a system containerd and use it, its containers stay apart.
        "containerd-namespace": "todo-chatbot-tests",
        "containerd-plugins-namespace": "todo-chatbot-tests-plugins",
        "storage-driver": "overlay2",
        "exec-opts": ["native.cgroupdriver=cgroupfs"],
        "bridge": "none",
        "iptables": False,
        "ip-forward": False,
        "ip-masq": False,
        "log-driver": "json-file",
        "log-opts": {"max-size": "5m", "max-file": "1"},
    }


@contextlib.contextmanager
def running_daemon(dockerd: Path, cli: Path) -> Iterator[Docker]:
    """A dockerd of our own for the duration; afterwards the host is as it was found."""
    cache = cache_dir()
    (cache / "data").mkdir(parents=True, exist_ok=True)
    with _exclusive(cache / "dockerd.lock", LOCK_WAIT_SECONDS):
        before = HostState.capture()
        # Short: the daemon's unix sockets live under it (108-byte limit).
        run_dir = Path(tempfile.mkdtemp(prefix="todo-docker-", dir="/tmp"))
        config = run_dir / "daemon.json"
        config.write_text(json.dumps(_daemon_config(run_dir)))
        log_path = run_dir / "dockerd.log"
        docker = Docker(cli, run_dir / "docker.sock")
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(dockerd), "--config-file", str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=real_clock_env(),
                start_new_session=True,
            )
        try:
            _wait_until_serving(docker, process, log_path)
            # The data root outlives a run that was killed; what it left would clash.
            _remove_ours(docker)
            yield docker
        finally:
            _stop(docker, process)
            before.restore([cache / "data", run_dir])
            left = before.differences(HostState.capture())
            shutil.rmtree(run_dir, ignore_errors=True)
            if left:
                raise DockerError("dockerd left the host changed:\n" + "\n".join(left))


def _wait_until_serving(
    docker: Docker, process: subprocess.Popen[bytes], log: Path, timeout: float = 90.0
) -> None:
    deadline = time.monotonic() + timeout
    while docker.run("version", check=False, timeout=30).returncode != 0:
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-4000:]
            raise DockerError(f"dockerd did not start (exit {process.poll()}):\n{tail}")
        time.sleep(0.2)


def _remove_ours(docker: Docker) -> None:
    """Remove every container and custom network: under the lock, all are the tests'."""
    containers = docker("ps", "--all", "--quiet").split()
    if containers:
        docker("rm", "--force", "--volumes", *containers, timeout=120)
    networks = docker("network", "ls", "--quiet", "--filter", "type=custom").split()
    if networks:
        docker("network", "rm", *networks, timeout=60)


def _stop(docker: Docker, process: subprocess.Popen[bytes]) -> None:
    """Remove our containers and networks, then stop dockerd (and its containerd)."""
    with contextlib.suppress(DockerError, subprocess.TimeoutExpired):
        _remove_ours(docker)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
