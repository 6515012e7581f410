"""An API process built for serving leaves what it loaded out of the collector's scans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from todo_chatbot import heap

# Run apart: freezing the test process would keep every later test's garbage cycles.
_BUILD_AND_REPORT = """
import gc, json
from todo_chatbot.cluster import create_api_process
app = create_api_process()
tracked = {id(o) for o in gc.get_objects()}
print(json.dumps({
    "app_scanned": id(app) in tracked or id(app.router) in tracked,
    "frozen": gc.get_freeze_count(),
    "thresholds": gc.get_threshold(),
}))
"""


def test_the_api_process_freezes_what_it_built_and_collects_young_objects_less_often(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'todo.db'}",
        "DATA_DIR": str(tmp_path),
        "APP_ENV": "development",
    }
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_REPORT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["app_scanned"] is False
    assert report["frozen"] > 10_000  # the modules and the app, not a handful
    assert tuple(report["thresholds"]) == (heap.YOUNG_THRESHOLD, *heap.OLDER_THRESHOLDS)
