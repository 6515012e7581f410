"""Files that Kubernetes mounts from a Secret and swaps in place when the Secret changes: a
reader tells a new version of one by its stat, without reading it."""

from __future__ import annotations

from pathlib import Path

FileVersion = tuple[int, int, int]


def file_version(path: Path) -> FileVersion | None:
    """The file's (inode, mtime, size), or None while it is absent (or mid-swap)."""
    try:
        status = path.stat()  # follows the kubelet's ..data symlink swap
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)
