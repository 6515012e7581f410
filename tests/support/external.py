"""Gate tests on outside programs: skip on a laptop that lacks one, fail under CI."""

from __future__ import annotations

import os
import shutil

import pytest


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip with `reason` when something is missing; under CI=true, fail instead."""
    if available:
        return
    if under_ci():
        pytest.fail(f"required under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def require_program(name: str, hint: str = "") -> str:
    """Return the path of program `name`, or skip/fail as `require` does."""
    path = shutil.which(name)
    require(path is not None, f"{name} not found on PATH{': ' + hint if hint else ''}")
    assert path is not None
    return path
