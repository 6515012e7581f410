"""Moves the wall clock of every Python process of the test run ahead, when
TEST_CLOCK_AHEAD_DAYS is set: the second run of `make test` puts this folder on
PYTHONPATH, so pytest, its xdist workers and each `todo` process it starts import this
module at start-up. TEST_CLOCK_AT may also set the time of day. Only the wall clock moves
(time.time, datetime.now, date.today, ...); monotonic clocks and the kernel's file times keep
running as before."""

from __future__ import annotations

import os

_days = os.environ.get("TEST_CLOCK_AHEAD_DAYS")
if _days:
    from datetime import UTC, datetime, timedelta

    import time_machine

    # The first process fixes the offset and hands it down, so that every process of the run
    # (each started at its own moment) reads the same moved clock.
    if (_offset := os.environ.get("TEST_CLOCK_OFFSET")) is None:
        _real = datetime.now(UTC)
        _destination = _real + timedelta(days=int(_days))
        # TEST_CLOCK_AT ("HH:MM", UTC) also sets the time of day: at 02:30 New York, the
        # browser's zone in the web tests, is still on the day before UTC's.
        if _at := os.environ.get("TEST_CLOCK_AT"):
            _hour, _minute = (int(part) for part in _at.split(":"))
            _destination = _destination.replace(hour=_hour, minute=_minute)
        _offset = os.environ["TEST_CLOCK_OFFSET"] = str((_destination - _real).total_seconds())
    time_machine.travel(datetime.now(UTC) + timedelta(seconds=float(_offset)), tick=True).start()
    # A ticking travel starts its clock at the first reading: read it now, or a process that
    # is slow to import lags the others by that long (and their fresh tokens look unissued).
    datetime.now(UTC)
