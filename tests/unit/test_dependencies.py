"""Every package the code imports is declared in pyproject.toml, and every runtime dependency
is one the code uses: nothing arrives only as another package's requirement."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
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
    """Top-level modules imported anywhere (also inside functions) -> files importing them."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in FIRST_PARTY and top not in sys.stdlib_module_names:
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def _distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    providers = packages_distributions()
    by_distribution: dict[str, set[str]] = {}
    for module, files in modules.items():
        for distribution in providers.get(module, [module]):
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
