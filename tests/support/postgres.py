"""A throwaway PostgreSQL server from the machine's binaries (initdb + pg_ctl), on a free
port in a temp dir. Runs as the `postgres` OS user when the tests run as root, because
initdb refuses root."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import free_port

__all__ = ["PostgresServer", "find_bin_dir", "running_server"]


def find_bin_dir() -> Path | None:
    override = os.environ.get("PG_BIN_DIR")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for found in (shutil.which("pg_ctl"),):
        if found:
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

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://{self.user}@{self.host}:{self.port}/{database}"

    def sync_url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"


def _runner() -> tuple[list[str], int | None, int | None]:
    """Command prefix and uid/gid to run server binaries with."""
    if os.geteuid() != 0:
        return [], None, None
    entry = pwd.getpwnam("postgres")
    return [], entry.pw_uid, entry.pw_gid


@contextlib.contextmanager
def running_server(
    bin_dir: Path,
    *,
    host: str = "127.0.0.1",
    trusted_network: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[PostgresServer]:
    """A server listening on `host`; clients from `trusted_network` (CIDR) are let in too;
    `env` replaces the environment the server binaries run with."""
    _, uid, gid = _runner()
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
        options = (
            f"-p {port} -k {root} -c listen_addresses={host} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        run("pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start")
        yield PostgresServer(port=port, host=host)
    finally:
        with contextlib.suppress(Exception):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
