"""The second run of `make test` moves the wall clock of every Python process ahead; this
checks that mechanism on a child process, against the kernel's own time of a new file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.support.clock import CLOCK_AHEAD, CLOCK_AHEAD_PATH

DAYS = 400
# A second's work before the first reading: the moved clock must not lag by it.
PROBE = """
import datetime, os, sys, time
time.sleep(1)
open(sys.argv[1], "w").close()
print(time.time(), os.stat(sys.argv[1]).st_mtime, datetime.date.today().isoformat())
"""


def test_a_python_child_reads_a_wall_clock_moved_ahead(tmp_path: Path) -> None:
    env = {**os.environ, CLOCK_AHEAD: str(DAYS), "PYTHONPATH": str(CLOCK_AHEAD_PATH)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "stamp")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seconds, kernel, today = result.stdout.split()
    assert abs(float(seconds) - float(kernel) - DAYS * 86_400) < 0.5
    assert today == datetime.fromtimestamp(float(seconds)).date().isoformat()
