"""The chart itself: lint, metadata, documented values, refusals, NOTES."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.charts import (
    CHART,
    NAMESPACE,
    PROFILES,
    RELEASE,
    helm,
    iter_values_leaves,
    render_error,
)

pytestmark = pytest.mark.deploy

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
)


@pytest.mark.parametrize("profile", ["default", *PROFILES])
def test_helm_lint_strict(profile: str) -> None:
    args = [helm(), "lint", "--strict", str(CHART), "--namespace", NAMESPACE]
    if profile != "default":
        args += ["--values", str(CHART / f"values-{profile}.yaml")]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[WARNING]" not in result.stdout
    assert "[ERROR]" not in result.stdout


def test_chart_metadata() -> None:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert chart["apiVersion"] == "v2"
    assert chart["type"] == "application"
    assert SEMVER.match(chart["version"]), chart["version"]
    assert SEMVER.match(str(chart["appVersion"])), chart["appVersion"]
    for name in ("values.schema.json", "templates/_helpers.tpl", "templates/NOTES.txt"):
        assert (CHART / name).is_file(), name
    json.loads((CHART / "values.schema.json").read_text())


def test_every_value_is_documented() -> None:
    """Each leaf of values.yaml is covered by a `## @param` line (on itself or a parent)."""
    text = (CHART / "values.yaml").read_text()
    values = yaml.safe_load(text)
    documented = set(re.findall(r"^\s*## @param (\S+) \S", text, flags=re.MULTILINE))
    leaves = set(iter_values_leaves(values))
    undocumented = sorted(
        leaf
        for leaf in leaves
        if not any(leaf == param or leaf.startswith(param + ".") for param in documented)
    )
    assert not undocumented, f"values without a ## @param line: {undocumented}"
    known = {".".join(leaf.split(".")[:depth]) for leaf in leaves for depth in range(1, 9)}
    stale = sorted(param for param in documented if param not in known)
    assert not stale, f"## @param lines for values that do not exist: {stale}"


def test_schema_covers_every_top_level_value() -> None:
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    schema = json.loads((CHART / "values.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert set(values) == set(schema["properties"])


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        (("postgresql.enabled=false",), "secrets.databaseUrl"),
        (("secrets.jwtSecret=too-short",), "jwtSecret"),
        (("config.agentEngine=openai",), "secrets.openaiApiKey"),
        (("workers.notifier.webhook.enabled=true",), "secrets.notifyWebhookUrl"),
        (("dapr.enabled=false",), "config.eventBus=dapr"),
        (("config.eventBus=memory",), "config.eventBus=memory"),
        (("kafka.strimzi.enabled=false",), "kafka.bootstrapServers"),
        (("api.service.type=ExternalName",), "api.service.type"),
        (("secrets.databaseUrl=mysql://db/todo", "postgresql.enabled=false"), "databaseUrl"),
        (("unknownKey=1",), "unknownKey"),
    ],
)
def test_refuses_incomplete_or_unsafe_values(sets: tuple[str, ...], message: str) -> None:
    assert message in render_error(*sets)


def notes(tmp_path: Path, *sets: str) -> str:
    """NOTES.txt as `helm install` would print it (rendered through a copy of the chart)."""
    chart = tmp_path / "chart"
    shutil.copytree(CHART, chart)
    body = (chart / "templates" / "NOTES.txt").read_text()
    (chart / "templates" / "NOTES.txt").unlink()
    (chart / "templates" / "_notes_under_test.tpl").write_text(
        '{{- define "notes-under-test" -}}\n' + body + "\n{{- end -}}\n"
    )
    (chart / "templates" / "notes-under-test.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n"
        '  notes: {{ include "notes-under-test" . | toJson }}\n'
    )
    args = [helm(), "template", RELEASE, str(chart), "--namespace", NAMESPACE]
    args += ["--show-only", "templates/notes-under-test.yaml"]
    for assignment in sets:
        args += ["--set", assignment]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    text: str = yaml.safe_load(result.stdout)["data"]["notes"]
    return text


def test_notes_tell_how_to_reach_the_app(tmp_path: Path) -> None:
    assert "kubectl port-forward --namespace todo-chatbot service/todo-chatbot-api" in notes(
        tmp_path / "clusterip"
    )
    assert "https://todo.example.com/" in notes(tmp_path / "ingress", "ingress.enabled=true")
    balancer = notes(tmp_path / "lb", "api.service.type=LoadBalancer")
    assert "kubectl get service todo-chatbot-api" in balancer
    assert "loadBalancer.ingress" in balancer
    assert "minikube service" in notes(tmp_path / "nodeport", "api.service.type=NodePort")
