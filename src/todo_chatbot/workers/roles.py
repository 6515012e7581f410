"""The four event workers a process can run (light: the CLI names them in its help)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    relay = "relay"
    recurring = "recurring"
    scheduler = "scheduler"
    notifier = "notifier"
