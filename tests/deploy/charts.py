"""Rendering the Helm chart and reading what it renders.

The tools (helm, kubeconform, checkov, the offline Kubernetes and CRD schemas) are installed by
scripts/install-deploy-tools.sh into a cache folder; a laptop without them skips these tests,
CI fails them (tests.support.external).
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.support.external import require, require_program

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "deploy" / "helm" / "todo-chatbot"
MANIFESTS = ROOT / "deploy" / "manifests"
TOOLS_DIR = Path(
    os.environ.get("TODO_TOOLS_DIR") or Path.home() / ".cache" / "todo-chatbot" / "tools"
)
SCHEMA_DIR = TOOLS_DIR / "kubernetes-json-schema"
# JSON Schemas of the custom resources, <group>/<kind>_<version>.json, made from the CRDs by
# scripts/install-crd-schemas.sh (run by install-deploy-tools.sh).
CRD_SCHEMAS = TOOLS_DIR / "crd-json-schema"

HELM_VERSION = "v3.16.4"
KUBECONFORM_VERSION = "v0.7.0"
KUBERNETES_VERSIONS = ("1.29.0", "1.31.0")
INSTALL_HINT = "run scripts/install-deploy-tools.sh"

RELEASE = "todo-chatbot"
NAMESPACE = "todo-chatbot"
FULLNAME = "todo-chatbot"
WORKERS = ("relay", "recurring", "scheduler", "notifier")
COMPONENTS = ("api", "mcp", *WORKERS)
EXISTING_SECRET = "todo-chatbot-secrets"

Doc = dict[str, Any]


def tool(name: str) -> str:
    """Path of a deployment tool: the cached install first, then PATH (skip or fail if none)."""
    cached = TOOLS_DIR / "bin" / name
    if cached.is_file() and os.access(cached, os.X_OK):
        return str(cached)
    return require_program(name, INSTALL_HINT)


def tool_version(path: str, *args: str) -> str:
    result = subprocess.run([path, *args], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def helm() -> str:
    path = tool("helm")
    version = tool_version(path, "version", "--template", "{{.Version}}")
    require(
        version == HELM_VERSION, f"helm {HELM_VERSION} needed, found {version!r}: {INSTALL_HINT}"
    )
    return path


def kubeconform() -> str:
    path = tool("kubeconform")
    version = tool_version(path, "-v")
    require(
        version == KUBECONFORM_VERSION,
        f"kubeconform {KUBECONFORM_VERSION} needed, found {version!r}: {INSTALL_HINT}",
    )
    return path


def kubernetes_schemas(version: str) -> Path:
    directory = SCHEMA_DIR / f"v{version}-standalone-strict"
    require(
        directory.is_dir(),
        f"no offline Kubernetes {version} schemas in {directory}: {INSTALL_HINT}",
    )
    return directory


def crd_schemas() -> Path:
    """The cached CRD JSON schemas (skip, or fail under CI, when they are not installed)."""
    require(
        any(CRD_SCHEMAS.glob("*/*.json")),
        f"no CRD JSON schemas in {CRD_SCHEMAS}: {INSTALL_HINT}",
    )
    return CRD_SCHEMAS


@dataclass(frozen=True)
class Scenario:
    """One way of installing the chart: profile files plus --set overrides."""

    name: str
    values: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    namespace: str = NAMESPACE

    def args(self) -> list[str]:
        args = ["--namespace", self.namespace]
        for values in self.values:
            args += ["--values", str(CHART / values)]
        for assignment in self.sets:
            args += ["--set", assignment]
        return args


PROFILES = ("minikube", "doks", "aks", "gke", "oke", "staging", "prod")

SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        Scenario("default"),
        Scenario("minikube", ("values-minikube.yaml",)),
        Scenario("doks", ("values-doks.yaml",), namespace="todo-phase-v"),
        Scenario("aks", ("values-aks.yaml",)),
        Scenario("gke", ("values-gke.yaml",)),
        Scenario("oke", ("values-oke.yaml",)),
        Scenario("staging", ("values-staging.yaml",)),
        Scenario(
            "doks-staging", ("values-doks.yaml", "values-staging.yaml"), namespace="todo-phase-v"
        ),
        Scenario("prod", ("values-prod.yaml",)),
        Scenario("doks-prod", ("values-doks.yaml", "values-prod.yaml"), namespace="todo-phase-v"),
        Scenario(
            "strimzi-off",
            sets=(
                "kafka.strimzi.enabled=false",
                "kafka.bootstrapServers=kafka-0.kafka.example.internal:9092",
            ),
        ),
        Scenario(
            "strimzi-v1beta2",
            sets=(
                "kafka.strimzi.apiVersion=kafka.strimzi.io/v1beta2",
                "kafka.strimzi.version=3.9.0",
            ),
        ),
        Scenario("ingress", sets=("ingress.enabled=true",)),
        Scenario("loadbalancer", sets=("api.service.type=LoadBalancer",)),
        Scenario("servicemonitor", sets=("metrics.serviceMonitor.enabled=true",)),
        Scenario(
            "monitoring",
            sets=(
                "metrics.serviceMonitor.enabled=true",
                "metrics.dashboards.enabled=true",
                "metrics.alertmanager.enabled=true",
                "metrics.alertmanager.webhookSecret.name=alert-webhook",
            ),
        ),
        Scenario("existing-secret", sets=(f"secrets.existingSecret={EXISTING_SECRET}",)),
        Scenario(
            "external-database",
            sets=(
                "postgresql.enabled=false",
                "secrets.databaseUrl=postgresql://todo:not-a-password@db.example.internal:5432/todo?sslmode=require",
            ),
        ),
        Scenario("kafka-bus", sets=("config.eventBus=kafka", "dapr.enabled=false")),
        Scenario(
            "openai-webhook",
            sets=(
                "config.agentEngine=openai",
                "secrets.openaiApiKey=sk-test-not-a-key",
                "workers.notifier.webhook.enabled=true",
                "secrets.notifyWebhookUrl=https://hooks.example.internal/reminders",
            ),
        ),
        Scenario(
            "minimal",
            sets=(
                "mcp.enabled=false",
                "networkPolicy.enabled=false",
                "migrations.enabled=false",
                "dapr.enabled=false",
                "config.eventBus=memory",
                "kafka.strimzi.enabled=false",
                *(f"workers.{worker}.enabled=false" for worker in WORKERS),
            ),
        ),
    )
}


@dataclass
class Rendered:
    """The objects of one `helm template` run."""

    scenario: Scenario
    text: str
    docs: list[Doc] = field(default_factory=list)

    @classmethod
    def parse(cls, scenario: Scenario, text: str) -> Rendered:
        docs = [doc for doc in yaml.safe_load_all(text) if doc]
        return cls(scenario, text, docs)

    def of_kind(self, kind: str) -> list[Doc]:
        return [doc for doc in self.docs if doc["kind"] == kind]

    def find(self, kind: str, name: str) -> Doc | None:
        for doc in self.of_kind(kind):
            if doc["metadata"]["name"] == name:
                return doc
        return None

    def get(self, kind: str, name: str) -> Doc:
        doc = self.find(kind, name)
        assert doc is not None, f"{kind}/{name} not rendered in {self.scenario.name}"
        return doc

    def workloads(self) -> list[Doc]:
        return [doc for doc in self.docs if doc["kind"] in {"Deployment", "StatefulSet", "Job"}]

    def deployment(self, component: str) -> Doc:
        return self.get("Deployment", f"{FULLNAME}-{component}")


RenderFn = Callable[[str], Rendered]


def render(scenario: Scenario, *extra: str) -> str:
    result = subprocess.run(
        [helm(), "template", RELEASE, str(CHART), *scenario.args(), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"helm template {scenario.name} failed:\n{result.stderr}"
    return result.stdout


def render_error(*sets: str) -> str:
    """stderr of a render that must fail."""
    result = subprocess.run(
        [helm(), "template", RELEASE, str(CHART), "--namespace", NAMESPACE]
        + [arg for assignment in sets for arg in ("--set", assignment)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0, f"rendering with {sets} should fail"
    return result.stderr


def pod_spec(workload: Doc) -> Doc:
    spec: Doc = workload["spec"]["template"]["spec"]
    return spec


def containers(workload: Doc) -> list[Doc]:
    return list(pod_spec(workload)["containers"])


def pod_labels(workload: Doc) -> dict[str, str]:
    labels: dict[str, str] = workload["spec"]["template"]["metadata"].get("labels", {})
    return labels


def pod_annotations(workload: Doc) -> dict[str, str]:
    annotations: dict[str, str] = workload["spec"]["template"]["metadata"].get("annotations") or {}
    return annotations


def matches(selector: Doc, labels: dict[str, str]) -> bool:
    """Whether a LabelSelector (matchLabels only, as the chart writes them) selects labels."""
    assert "matchExpressions" not in selector
    wanted: dict[str, str] = selector.get("matchLabels") or {}
    return all(labels.get(key) == value for key, value in wanted.items())


def secret_data(secret: Doc) -> dict[str, str]:
    return {key: base64.b64decode(value).decode() for key, value in secret.get("data", {}).items()}


def iter_values_leaves(values: Doc, prefix: str = "") -> Iterator[str]:
    for key, value in values.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            yield from iter_values_leaves(value, path + ".")
        else:
            yield path
