"""The second run of `make test` moves the wall clock of every Python process ahead; this
checks that mechanism on a child process, against the kernel's own time of a new file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.support.clock import CLOCK_AHEAD, CLOCK_AHEAD_PATH, CLOCK_AT, CLOCK_OFFSET

DAYS = 400
# A second's work before the first reading: the moved clock must not lag by it.
PROBE = """
import datetime, os, sys, time
time.sleep(1)
open(sys.argv[1], "w").close()
print(time.time(), os.stat(sys.argv[1]).st_mtime, datetime.date.today().isoformat())
"""
# A child at a set time of day, and a grandchild started two seconds later: both on one clock.
FAMILY = """
import datetime, os, subprocess, sys, time
print(time.time(), os.environ["TEST_CLOCK_OFFSET"])
time.sleep(2)
subprocess.run([sys.executable, "-c", "import time; print(time.time())"], check=True)
"""


def run(code: str, *args: str, **variables: str) -> list[str]:
    """Runs `code` in a fresh Python under the moved clock, away from this run's own settings."""
    env = {k: v for k, v in os.environ.items() if k not in (CLOCK_AHEAD, CLOCK_AT, CLOCK_OFFSET)}
    env |= {"PYTHONPATH": str(CLOCK_AHEAD_PATH), **variables}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_a_python_child_reads_a_wall_clock_moved_ahead(tmp_path: Path) -> None:
    seconds, kernel, today = run(PROBE, str(tmp_path / "stamp"), **{CLOCK_AHEAD: str(DAYS)})
    assert abs(float(seconds) - float(kernel) - DAYS * 86_400) < 0.5
    assert today == datetime.fromtimestamp(float(seconds)).date().isoformat()


def test_a_set_time_of_day_is_one_clock_for_the_whole_process_tree() -> None:
    child, offset, grandchild = run(FAMILY, **{CLOCK_AHEAD: str(DAYS), CLOCK_AT: "02:30"})
    moved = datetime.fromtimestamp(float(child), UTC)
    assert (moved.hour, moved.minute) == (2, 30)
    assert abs(float(offset) - DAYS * 86_400) <= 86_400
    # The grandchild inherits the offset: its clock is the child's plus the two seconds.
    assert 2 <= float(grandchild) - float(child) < 3
