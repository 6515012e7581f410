"""Programs started for a test or a benchmark: free ports and waiting until they serve.
Defined once, in bench/common.py (the benchmarks may not import from tests/)."""

from __future__ import annotations

from bench.common import DidNotStart, free_port, wait_for_health

__all__ = ["DidNotStart", "free_port", "wait_for_health"]
