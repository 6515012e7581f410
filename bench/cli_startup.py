"""CLI startup benchmark: run by hand (`.venv/bin/python -m bench.cli_startup`), not part of
the tests.

Times, as a user sees them (wall clock, median of --runs after one warm-up run that also
leaves the bytecode cache filled): `todo --help`, `todo list` on an embedded database with a
few tasks, the answer to a stdio MCP `initialize` from `todo mcp --stdio`, and for `todo
serve` its first line and its first 200 from /health. The baseline, measured in the same
run, is the bare interpreter (`python -c pass`); each figure is printed beside its target
and its ratio to the baseline, with the CPU seconds the command used (which a busy machine
inflates less than the wall clock), and all of them are written to a JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.processes import free_port

BIN = Path(sys.executable).parent
TODO = str(BIN / "todo")
TARGETS = {"help": 0.3, "list": 0.8, "mcp_initialize": 1.5, "serve_ready": 3.0}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "bench", "version": "1"},
    },
}


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LOG_LEVEL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's machine keeps its bytecode cache
    env.update(DATA_DIR=str(data_dir), TODO_USER="bench@localhost")
    return env


def run_once(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def mcp_initialize(env: dict[str, str]) -> float:
    """Seconds from starting `todo mcp --stdio` to its answer to `initialize`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [TODO, "mcp", "--stdio"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write((json.dumps(INITIALIZE) + "\n").encode())
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        elapsed = time.perf_counter() - started
        assert answer.get("id") == 1 and "result" in answer, answer
        return elapsed
    finally:
        process.kill()
        process.wait(timeout=10)


def serve(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `todo serve` to its first line, and to /health answering 200."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [TODO, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        process.stderr.readline()
        first_line = time.perf_counter() - started
        deadline = started + 120
        while time.perf_counter() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    return first_line, time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
        raise TimeoutError("todo serve was not ready within 120 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(measure: Callable[[], float], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of `runs` runs, after a warm-up run that
    fills the bytecode cache and the OS page cache."""
    measure()
    walls, cpus = [], []
    for _ in range(runs):
        before = children_cpu()
        walls.append(measure())
        cpus.append(children_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=Path("bench-cli-startup.json"))
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="todo-bench-cli-") as directory:
        env = environment(Path(directory))
        for title in ("Buy milk", "Pay rent", "Call mum"):
            subprocess.run([TODO, "add", title, "--literal"], env=env, check=True, timeout=120)
        results = {
            "baseline_python": median(lambda: run_once([sys.executable, "-c", "pass"], env), 5),
            "help": median(lambda: run_once([TODO, "--help"], env), options.runs),
            "list": median(lambda: run_once([TODO, "list"], env), options.runs),
            "mcp_initialize": median(lambda: mcp_initialize(env), options.runs),
        }
        serve(env)  # warm-up
        timings = [serve(env) for _ in range(max(1, options.runs // 2))]
        results["serve_first_line"] = (statistics.median(t[0] for t in timings), float("nan"))
        results["serve_ready"] = (statistics.median(t[1] for t in timings), float("nan"))

    baseline = results["baseline_python"][0]
    print(f"{'measure':<18}{'wall s':>9}{'cpu s':>8}{'target':>8}{'x baseline':>12}")
    for name, (wall, cpu) in results.items():
        target = TARGETS.get(name)
        shown = f"{target:.1f}" if target else "-"
        print(f"{name:<18}{wall:>9.3f}{cpu:>8.3f}{shown:>8}{wall / baseline:>12.1f}")
    load = os.getloadavg()[0]
    print(f"load average (1 min): {load:.2f} on {os.cpu_count()} CPUs")
    document = {
        "wall_seconds": {name: wall for name, (wall, _) in results.items()},
        "cpu_seconds": {name: cpu for name, (_, cpu) in results.items() if cpu == cpu},
        "targets": TARGETS,
        "load_average": load,
    }
    options.json.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {options.json}")


if __name__ == "__main__":
    main()
