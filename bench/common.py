"""What every benchmark shares: free ports, starting `todo` processes, a throwaway
PostgreSQL server, load averages and CPU time per phase, and the JSON file of figures.

Benchmarks run from the repository root as modules (`.venv/bin/python -m bench.api`), so
this package is importable without touching `sys.path`. Nothing here comes from `tests/`;
the tests' helpers (tests/support/processes.py, postgres.py) take these definitions.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
TODO = str(Path(sys.executable).parent / "todo")
RESULTS_DIR = REPO / "bench" / "results"


class DidNotStart(RuntimeError):
    """The process exited, or did not answer /health in time."""


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A loopback port free now and never handed out before in this process. The kernel
    often offers a just-closed port again, and a program given two ports at once (daprd's
    HTTP and internal gRPC) cannot start when both are the same."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


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


@contextlib.contextmanager
def serving(command: list[str], env: Mapping[str, str], port: int) -> Iterator[ServedProcess]:
    """A process listening on 127.0.0.1:`port`, stopped (with its workers) on exit. Its
    output goes to a temp file, shown if it does not start (a busy machine is slow)."""
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(command, env=dict(env), cwd=REPO, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_for_health(base, child, timeout=300)
            except DidNotStart:
                log.seek(0)
                print(log.read()[-3000:], file=sys.stderr)
                raise
            yield ServedProcess(base, child.pid)
        finally:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=10)


@dataclass
class ServedProcess:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU of the process and its live children (uvicorn's workers)."""
        return sum(_cpu_seconds(pid) for pid in _tree(self.pid))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _host_busy() -> tuple[float, float]:
    """(busy, total) CPU jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return float(sum(values) - idle), float(sum(values))


@dataclass
class Conditions:
    """How busy the machine was during a phase: the 1-minute load average at its start and
    end, and the share of all cores busy (every process, not only ours) while it ran."""

    load_start: float = 0.0
    load_end: float = 0.0
    host_busy: float = 0.0
    _busy: tuple[float, float] = field(default=(0.0, 0.0), repr=False)

    @classmethod
    def start(cls) -> Conditions:
        return cls(load_start=os.getloadavg()[0], _busy=_host_busy())

    def stop(self) -> Conditions:
        self.load_end = os.getloadavg()[0]
        busy, total = _host_busy()
        elapsed = total - self._busy[1]
        self.host_busy = (busy - self._busy[0]) / elapsed if elapsed else 0.0
        return self

    def as_dict(self) -> dict[str, float]:
        return {
            "load_start": round(self.load_start, 2),
            "load_end": round(self.load_end, 2),
            "host_busy": round(self.host_busy, 3),
        }


def write_figures(name: str, figures: dict[str, Any]) -> Path:
    """The run's figures as JSON beside the printed table, named by bench and time."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    meta = {"bench": name, "started": stamp, "argv": sys.argv[1:], "cpus": os.cpu_count()}
    path.write_text(json.dumps({"meta": meta, **figures}, indent=2) + "\n")
    return path


def find_bin_dir() -> Path | None:
    """The PostgreSQL server binaries: PG_BIN_DIR, Debian's newest, or on PATH."""
    override = os.environ.get("PG_BIN_DIR")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if found := shutil.which("pg_ctl"):
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


@dataclass
class PostgresServer:
    port: int
    user: str = "postgres"
    host: str = "127.0.0.1"
    # pg_ctl for this server's data dir ("stop", "-m", mode / "start"): an outage on the
    # same port and data; None for servers not started by running_server.
    control: Callable[..., None] | None = None

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: "fast" (clean shutdown) or "immediate" (a crash)."""
        assert self.control is not None
        self.control("stop", "-m", mode)

    def start(self) -> None:
        assert self.control is not None
        self.control("start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://{self.user}@{self.host}:{self.port}/{database}"

    def sync_url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"


# Settings a benchmark adds to `running_server`: statements counted per query.
# Top-level statements only: what the client sent (its round trips), not the foreign-key
# checks the server runs inside an INSERT.
COUNT_STATEMENTS = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"


@contextlib.contextmanager
def running_server(
    bin_dir: Path,
    *,
    host: str = "127.0.0.1",
    trusted_network: str | None = None,
    env: Mapping[str, str] | None = None,
    options: str = "",
) -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server (initdb + pg_ctl) on a free port in a temp dir, fsync
    off (figures and tests are about the app, not the disk). Clients from
    `trusted_network` (CIDR) are let in too; `env` replaces the environment the server
    binaries run with; `options` adds server settings. Runs as the `postgres` OS user when
    started as root, because initdb refuses root."""
    uid = gid = None
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        uid, gid = entry.pw_uid, entry.pw_gid
    root = Path(tempfile.mkdtemp(prefix="todo-pg-"))
    data = root / "data"
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)

    def run(*args: str) -> None:
        subprocess.run(
            [str(bin_dir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            user=uid,
            group=gid,
            cwd=root,
            env=env,
        )

    port = free_port()
    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        if trusted_network:
            with (data / "pg_hba.conf").open("a") as hba:
                hba.write(f"host all all {trusted_network} trust\n")
        settings = (
            f"-p {port} -k {root} -c listen_addresses={host} -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 {options}"
        )

        def control(action: str, *args: str) -> None:
            start = ["-o", settings, "-l", str(root / "log")] if action == "start" else []
            run("pg_ctl", "-D", str(data), *start, "-w", action, *args)

        control("start")
        yield PostgresServer(port=port, host=host, control=control)
    finally:
        with contextlib.suppress(Exception):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
