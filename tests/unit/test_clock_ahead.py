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
PROBE = "import datetime, time; print(time.time()); print(datetime.date.today().isoformat())"


def test_a_python_child_reads_a_wall_clock_moved_ahead(tmp_path: Path) -> None:
    stamp = tmp_path / "stamp"
    stamp.touch()
    kernel_now = stamp.stat().st_mtime
    env = {**os.environ, CLOCK_AHEAD: str(DAYS), "PYTHONPATH": str(CLOCK_AHEAD_PATH)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seconds, today = result.stdout.split()
    ahead = float(seconds) - kernel_now
    assert DAYS * 86_400 - 60 < ahead < DAYS * 86_400 + 60
    assert today == datetime.fromtimestamp(float(seconds)).date().isoformat()
