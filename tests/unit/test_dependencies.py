"""Every package the code imports is declared in pyproject.toml, and every runtime dependency
is one the code uses: nothing arrives only as another package's requirement."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import files as distribution_files
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"todo_chatbot", "tests", "bench", "__future__"}
# Loaded by name rather than imported: SQLAlchemy picks the driver from the database URL.
LOADED_BY_NAME = {"asyncpg", "aiosqlite"}


def _name(requirement: str) -> str:
    return re.split(r"[\[=<>!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    return runtime, dev


def _imports(*folders: str) -> dict[str, set[str]]:
    """Modules imported anywhere (also inside functions) -> files importing them."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in FIRST_PARTY and top not in sys.stdlib_module_names:
                        found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


@cache
def _installed_paths(distribution: str) -> frozenset[str]:
    return frozenset(str(path) for path in distribution_files(distribution) or ())


def _providers(module: str, providers: dict[str, list[str]]) -> list[str]:
    """The distributions a module comes from. A namespace package (`opentelemetry`) is shared
    by several, so there the one holding the module's own folder or file counts."""
    top = module.split(".")[0]
    candidates = providers.get(top, [top])
    if len(candidates) < 2:
        return candidates
    parts = module.split(".")
    for depth in range(len(parts), 1, -1):
        prefix = "/".join(parts[:depth])
        owners = [
            name
            for name in candidates
            if any(
                path.startswith(prefix + "/") or path == prefix + ".py"
                for path in _installed_paths(name)
            )
        ]
        if owners:
            return owners
    return candidates


def _distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    providers = packages_distributions()
    by_distribution: dict[str, set[str]] = {}
    for module, files in modules.items():
        for distribution in _providers(module, providers):
            by_distribution.setdefault(_name(distribution), set()).update(files)
    return by_distribution


def test_the_package_imports_only_its_declared_dependencies() -> None:
    runtime, _ = _declared()
    used = _distributions(_imports("src"))
    undeclared = {name: sorted(files) for name, files in used.items() if name not in runtime}
    assert not undeclared, f"imported by src/ but not in [project].dependencies: {undeclared}"


def test_tests_and_benchmarks_import_only_declared_dependencies() -> None:
    runtime, dev = _declared()
    used = _distributions(_imports("tests", "bench"))
    undeclared = {name: sorted(files) for name, files in used.items() if name not in runtime | dev}
    assert not undeclared, f"imported by tests/ or bench/ but not declared: {undeclared}"


def test_every_runtime_dependency_is_used_by_the_package() -> None:
    runtime, _ = _declared()
    used = set(_distributions(_imports("src")))
    unused = runtime - used - LOADED_BY_NAME
    assert not unused, f"runtime dependencies src/ never imports (move to dev?): {sorted(unused)}"
