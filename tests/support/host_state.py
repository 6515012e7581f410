"""What a Docker daemon could change on the host, captured before it starts and compared
(and put back) after it stops: network links, iptables rules, `net.ipv4.ip_forward`, mounts,
and dockerd's own files under /run, /var and /etc."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Links dockerd creates: bridges of user-defined networks and the containers' veth ends.
DOCKER_LINK = re.compile(r"^(docker\d*|br-[0-9a-f]{12}|veth[0-9a-f]+)$")
# Files and folders dockerd creates outside its data and exec roots.
DOCKER_PATHS = ("/run/docker", "/etc/docker/key.json", "/var/lib/docker", "/var/run/docker.sock")


def _iptables_dump(program: str) -> str | None:
    """Rules of every table, without comments and packet counters; None if unreadable."""
    path = shutil.which(program, path=SYSTEM_PATH)
    if path is None:
        return None
    result = subprocess.run([path], capture_output=True, text=True, check=False, timeout=30)
    if result.returncode != 0:
        return None
    lines = [
        re.sub(r"\[\d+:\d+\]", "[]", line)
        for line in result.stdout.splitlines()
        if line and not line.startswith("#")
    ]
    return "\n".join(lines)


def _mount_points() -> frozenset[str]:
    with open("/proc/self/mounts") as mounts:
        return frozenset(line.split()[1] for line in mounts)


@dataclass(frozen=True)
class HostState:
    ip_forward: str
    links: frozenset[str]
    mounts: frozenset[str]
    paths: frozenset[str]
    iptables: tuple[tuple[str, str | None], ...] = field(default=())

    @classmethod
    def capture(cls) -> HostState:
        return cls(
            ip_forward=Path("/proc/sys/net/ipv4/ip_forward").read_text().strip(),
            links=frozenset(os.listdir("/sys/class/net")),
            mounts=_mount_points(),
            paths=frozenset(path for path in DOCKER_PATHS if os.path.lexists(path)),
            iptables=tuple(
                (program, _iptables_dump(program))
                for program in ("iptables-save", "ip6tables-save")
            ),
        )

    def differences(self, now: HostState) -> list[str]:
        found = []
        if now.ip_forward != self.ip_forward:
            found.append(f"net.ipv4.ip_forward {self.ip_forward} -> {now.ip_forward}")
        if now.links != self.links:
            found.append(f"links {sorted(self.links ^ now.links)}")
        if now.mounts != self.mounts:
            found.append(f"mounts {sorted(self.mounts ^ now.mounts)}")
        if now.paths != self.paths:
            found.append(f"paths {sorted(self.paths ^ now.paths)}")
        for (program, before), (_, after) in zip(self.iptables, now.iptables, strict=True):
            if before != after:
                found.append(f"{program}:\n--- before\n{before}\n--- after\n{after}")
        return found

    def restore(self, watched: Sequence[Path]) -> None:
        """Put back what differs now: links dockerd made, mounts under `watched`, its files,
        the forwarding switch, the iptables tables (ACCEPT and empty where none were)."""
        now = HostState.capture()
        for link in sorted(now.links - self.links):
            if DOCKER_LINK.match(link):
                subprocess.run(["ip", "link", "delete", link], check=False, timeout=30)
        for mount in sorted(now.mounts - self.mounts, key=len, reverse=True):
            if any(Path(mount).is_relative_to(root) for root in watched):
                subprocess.run(["umount", "--lazy", mount], check=False, timeout=30)
        for path in sorted(now.paths - self.paths):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(path)
        if now.ip_forward != self.ip_forward:
            Path("/proc/sys/net/ipv4/ip_forward").write_text(self.ip_forward)
        for (program, before), (_, after) in zip(self.iptables, now.iptables, strict=True):
            if before != after and before is not None:
                _restore_iptables(program.removesuffix("-save"), before)


def _restore_iptables(program: str, dump: str) -> None:
    restore = shutil.which(f"{program}-restore", path=SYSTEM_PATH)
    if restore is None:
        return
    if dump.strip():
        subprocess.run([restore], input=dump + "\n", text=True, check=False, timeout=30)
        return
    # No table was there before: empty each one again, every chain accepting.
    binary = shutil.which(program, path=SYSTEM_PATH) or program
    for table in ("filter", "nat", "mangle", "raw"):
        subprocess.run([binary, "-t", table, "-F"], check=False, capture_output=True)
        subprocess.run([binary, "-t", table, "-X"], check=False, capture_output=True)
    for chain in ("INPUT", "FORWARD", "OUTPUT"):
        subprocess.run([binary, "-P", chain, "ACCEPT"], check=False, capture_output=True)
