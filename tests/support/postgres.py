"""A throwaway PostgreSQL server from the machine's binaries (initdb + pg_ctl), on a free
port in a temp dir. Defined once, in bench/common.py (the benchmarks may not import from
tests/)."""

from __future__ import annotations

from bench.common import PostgresServer, find_bin_dir, running_server

__all__ = ["PostgresServer", "find_bin_dir", "running_server"]
