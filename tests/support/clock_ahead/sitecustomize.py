"""Moves the wall clock of every Python process of the test run ahead, when
TEST_CLOCK_AHEAD_DAYS is set: the second run of `make test` puts this folder on
PYTHONPATH, so pytest, its xdist workers and each `todo` process it starts import this
module at start-up. Only the wall clock moves (time.time, datetime.now, date.today, ...);
monotonic clocks and the kernel's file times keep running as before."""

from __future__ import annotations

import os

_days = os.environ.get("TEST_CLOCK_AHEAD_DAYS")
if _days:
    from datetime import UTC, datetime, timedelta

    import time_machine

    time_machine.travel(datetime.now(UTC) + timedelta(days=int(_days)), tick=True).start()
    # A ticking travel starts its clock at the first reading: read it now, or a process that
    # is slow to import lags the others by that long (and their fresh tokens look unissued).
    datetime.now(UTC)
