"""Secret files written the way the kubelet writes a mounted Secret, so rotation tests swap
them under a running process as a cluster would."""

from __future__ import annotations

import os
from itertools import count
from pathlib import Path

_versions = count()


def mount(secrets_dir: Path, files: dict[str, str]) -> None:
    """A new version folder, one atomic swap of the `..data` link every file's link goes
    through, then the links of files this version left out go."""
    version = secrets_dir / f"..v{os.getpid()}-{next(_versions)}"
    version.mkdir()
    for name, value in files.items():
        (version / name).write_text(value)
        link = secrets_dir / name
        if not link.is_symlink():
            link.symlink_to(Path("..data") / name)
    swap = secrets_dir / "..data_tmp"
    swap.symlink_to(version.name)
    os.replace(swap, secrets_dir / "..data")
    for link in secrets_dir.iterdir():
        if link.is_symlink() and not link.name.startswith("..") and link.name not in files:
            link.unlink()


def secret_volume(parent: Path, files: dict[str, str]) -> Path:
    """A fresh `secrets` folder under `parent`, mounted with `files`."""
    directory = parent / "secrets"
    directory.mkdir()
    mount(directory, files)
    return directory
