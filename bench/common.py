"""What every benchmark shares: free ports, starting `todo` processes, a throwaway
PostgreSQL server, load averages and CPU time per phase, and the JSON file of figures.

Benchmarks run from the repository root as modules (`.venv/bin/python -m bench.api`), so
this package is importable without touching `sys.path`; nothing here comes from `tests/`.
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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
TODO = str(Path(sys.executable).parent / "todo")
RESULTS_DIR = REPO / "bench" / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_health(base: str, process: subprocess.Popen[Any], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode} before serving {base}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{base}/health did not answer within {timeout:.0f} s")
        time.sleep(0.2)


@contextlib.contextmanager
def serving(command: list[str], env: Mapping[str, str], port: int) -> Iterator[ServedProcess]:
    """A process listening on 127.0.0.1:`port`, stopped (with its workers) on exit."""
    child = subprocess.Popen(
        command, env=dict(env), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, child)
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


def find_pg_bin_dir() -> Path | None:
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
class Postgres:
    port: int
    host: str = "127.0.0.1"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@{self.host}:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"


@contextlib.contextmanager
def throwaway_postgres(bin_dir: Path) -> Iterator[Postgres]:
    """A PostgreSQL server on 127.0.0.1 in a temp dir, fsync off (the figures are about the
    app, not the disk), with pg_stat_statements loaded to count statements per request.
    Runs the binaries as the `postgres` user when started as root (initdb refuses root)."""
    uid = gid = None
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        uid, gid = entry.pw_uid, entry.pw_gid
    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
    data = root / "data"

    def run(*args: str) -> None:
        subprocess.run(
            [str(bin_dir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            user=uid,
            group=gid,
            cwd=root,
        )

    port = free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
        "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
    )
    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        run("pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start")
        yield Postgres(port=port)
    finally:
        with contextlib.suppress(Exception):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
