"""Every rendered object validates against its schema: native kinds strictly against the
Kubernetes 1.29 and 1.31 schemas, custom resources against shared/crd-schemas. No object may
go without a schema."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.deploy.charts import (
    CRD_SCHEMAS,
    KUBERNETES_VERSIONS,
    MANIFESTS,
    SCENARIOS,
    kubeconform,
    kubernetes_schemas,
)
from tests.deploy.conftest import RenderFn
from tests.support.external import require

pytestmark = pytest.mark.deploy


def validate(paths: list[Path], version: str) -> None:
    native = kubernetes_schemas(version)
    require(CRD_SCHEMAS.is_dir(), f"CRD schemas not found at {CRD_SCHEMAS}")
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
            str(CRD_SCHEMAS) + "/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    problems = [
        f"{entry['filename']}: {entry['kind']}/{entry['name']}: {entry['status']}: {entry['msg']}"
        for entry in report["resources"]
        if entry["status"] != "statusValid"
    ]
    assert not problems, "\n".join(problems)
    summary = report["summary"]
    assert summary["valid"] > 0
    assert summary["invalid"] == summary["errors"] == summary["skipped"] == 0, summary
    assert result.returncode == 0, result.stderr


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
