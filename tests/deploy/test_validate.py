"""Every rendered object validates against its schema: native kinds strictly against the
Kubernetes 1.29 and 1.31 schemas, custom resources against the JSON schemas that
scripts/install-crd-schemas.sh makes from the operators' own CRDs. No object may go without a
schema, and a custom resource with a field its CRD lacks is refused."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.charts import (
    KUBERNETES_VERSIONS,
    MANIFESTS,
    SCENARIOS,
    RenderFn,
    crd_schemas,
    kubeconform,
    kubernetes_schemas,
)

pytestmark = pytest.mark.deploy


def run_kubeconform(paths: list[Path], version: str) -> tuple[dict[str, Any], int, str]:
    """kubeconform's JSON report, exit code and stderr for `paths`."""
    native = kubernetes_schemas(version)
    crds = crd_schemas()
    result = subprocess.run(
        [
            kubeconform(),
            "-strict",
            "-summary",
            "-output",
            "json",
            "-kubernetes-version",
            version,
            "-schema-location",
            str(native) + "/{{ .ResourceKind }}{{ .KindSuffix }}.json",
            "-schema-location",
            str(crds) + "/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report, result.returncode, result.stderr


def validate(paths: list[Path], version: str) -> None:
    report, returncode, stderr = run_kubeconform(paths, version)
    problems = [
        f"{entry['filename']}: {entry['kind']}/{entry['name']}: {entry['status']}: {entry['msg']}"
        for entry in report["resources"]
        if entry["status"] != "statusValid"
    ]
    assert not problems, "\n".join(problems)
    summary = report["summary"]
    assert summary["valid"] > 0
    assert summary["invalid"] == summary["errors"] == summary["skipped"] == 0, summary
    assert returncode == 0, stderr


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_rendered_objects_validate(
    scenario: str, version: str, rendered: RenderFn, rendered_dir: Path
) -> None:
    rendered(scenario)
    validate([rendered_dir / f"{scenario}.yaml"], version)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_plain_manifests_validate(version: str) -> None:
    files = sorted(MANIFESTS.glob("*/*.yaml"))
    assert files, "no plain manifests checked in"
    validate(files, version)


@pytest.mark.parametrize("where", ["spec", "top level"])
@pytest.mark.parametrize(
    ("scenario", "kind"),
    [("default", "KafkaTopic"), ("strimzi-v1beta2", "KafkaTopic"), ("default", "Component")],
)
def test_unknown_custom_resource_field_is_refused(
    scenario: str, kind: str, where: str, rendered: RenderFn, tmp_path: Path
) -> None:
    """The CRD schemas are strict: a rendered object validates as it is, not with a field
    its CRD does not declare."""
    version = KUBERNETES_VERSIONS[-1]
    docs = rendered(scenario).of_kind(kind)
    assert docs, f"no {kind} rendered in {scenario}"
    as_rendered = tmp_path / "as-rendered.yaml"
    as_rendered.write_text(yaml.safe_dump(docs[0]))
    validate([as_rendered], version)

    doc = copy.deepcopy(docs[0])
    (doc["spec"] if where == "spec" else doc)["notAField"] = "x"
    unknown = tmp_path / "unknown-field.yaml"
    unknown.write_text(yaml.safe_dump(doc))
    report, returncode, _ = run_kubeconform([unknown], version)
    [entry] = report["resources"]
    assert entry["kind"] == kind
    assert entry["status"] == "statusInvalid", entry
    assert "notAField" in entry["msg"], entry
    assert returncode != 0
