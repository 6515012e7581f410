"""The HTTP API (SPEC §3)."""
