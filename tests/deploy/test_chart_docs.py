"""The chart's README is the readme generator's output for the current values.yaml, and its
values.schema.json describes every value at every depth, refusing keys it does not know."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.charts import CHART, render_error, tool

pytestmark = pytest.mark.deploy

SCHEMA = json.loads((CHART / "values.schema.json").read_text())
VALUES = yaml.safe_load((CHART / "values.yaml").read_text())


def generate_readme(directory: Path) -> str:
    shutil.copy(CHART / "values.yaml", directory / "values.yaml")
    shutil.copy(CHART / "README.md", directory / "README.md")
    result = subprocess.run(
        [tool("readme-generator"), "-v", "values.yaml", "-r", "README.md"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout, result.stdout
    return (directory / "README.md").read_text()


def test_the_chart_readme_is_generated_from_the_values(tmp_path: Path) -> None:
    fresh = generate_readme(tmp_path)
    assert fresh == (CHART / "README.md").read_text(), (
        "stale: run readme-generator -v values.yaml -r README.md in the chart folder"
    )
    assert "| `postgresql.backup.retentionDays`" in fresh
    assert "| `metrics.dashboards.enabled`" in fresh


def test_a_new_value_without_a_param_line_is_reported(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text(
        (CHART / "values.yaml").read_text() + "\nundocumented: 1\n"
    )
    shutil.copy(CHART / "README.md", tmp_path / "README.md")
    result = subprocess.run(
        [tool("readme-generator"), "-v", "values.yaml", "-r", "README.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Missing metadata for key: undocumented" in result.stdout + result.stderr


# --- the schema at depth -----------------------------------------------------------------


def _resolve(schema: dict[str, Any], key: str) -> dict[str, Any] | bool:
    """The schema of `key` inside an object schema; False when it would be refused, True
    when it would be let through without a schema."""
    properties = schema.get("properties", {})
    if key in properties:
        found: dict[str, Any] = properties[key]
        return found
    extra = schema.get("additionalProperties", True)
    return extra if isinstance(extra, dict) else bool(extra)


def _dereference(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = SCHEMA
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _unconstrained(schema: dict[str, Any], value: Any, path: str) -> list[str]:
    """Paths of values the schema lets through without saying what they are."""
    schema = _dereference(schema)
    problems: list[str] = []
    if isinstance(value, dict):
        if schema.get("type") not in ("object", ["object", "null"]):
            problems.append(f"{path}: an object the schema does not type as one")
        if "properties" in schema and schema.get("additionalProperties", True) is True:
            problems.append(f"{path}: accepts keys it does not know")
        for key, item in value.items():
            inner = _resolve(schema, key)
            if inner is False:
                problems.append(f"{path}.{key}: in values.yaml but refused by the schema")
            elif inner is True or not inner:
                problems.append(f"{path}.{key}: not described by the schema")
            elif isinstance(inner, dict):
                problems += _unconstrained(inner, item, f"{path}.{key}")
    elif isinstance(value, list):
        if "items" not in schema and schema.get("type") == "array":
            problems.append(f"{path}: an array whose items are not described")
        for index, item in enumerate(value):
            problems += _unconstrained(schema.get("items", {"type": "x"}), item, f"{path}[{index}]")
    elif "type" not in schema and not {"enum", "const", "anyOf", "oneOf", "$ref"} & set(schema):
        problems.append(f"{path}: a value of no declared type")
    return problems


def test_the_schema_describes_every_value_at_every_depth() -> None:
    assert _unconstrained(SCHEMA, VALUES, "values") == []


@pytest.mark.parametrize(
    ("assignment", "complaint"),
    [
        ("api.autoscaling.maxReplica=3", "maxReplica"),
        ("postgresql.backup.retentionDays=0", "retentionDays"),
        ("metrics.dashboards.enable=true", "enable"),
        ("metrics.alertmanager.webhookSecret.url=https://hooks.example.internal", "url"),
        ("workers.relay.resources.limits.cpus=1", "cpus"),
    ],
)
def test_helm_refuses_a_wrong_value_deep_in_the_tree(assignment: str, complaint: str) -> None:
    error = render_error(assignment)
    assert "values don't meet the specifications of the schema" in error
    assert complaint in error
