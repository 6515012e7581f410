"""Session fixtures: every scenario is rendered once and shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.charts import SCENARIOS, Rendered, RenderFn, render


@pytest.fixture(scope="session")
def rendered_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rendered")


@pytest.fixture(scope="session")
def rendered(rendered_dir: Path) -> RenderFn:
    """rendered(name) -> the objects `helm template` renders for that scenario (cached)."""
    cache: dict[str, Rendered] = {}

    def get(name: str) -> Rendered:
        if name not in cache:
            scenario = SCENARIOS[name]
            text = render(scenario)
            (rendered_dir / f"{name}.yaml").write_text(text)
            cache[name] = Rendered.parse(scenario, text)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def all_rendered(rendered: RenderFn, rendered_dir: Path) -> Path:
    """The folder holding the renders of every scenario."""
    for name in SCENARIOS:
        rendered(name)
    return rendered_dir
