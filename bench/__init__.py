"""Benchmarks, run by hand from the repository root: `.venv/bin/python -m bench.<name>`."""
