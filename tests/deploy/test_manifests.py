"""The plain manifests in deploy/manifests are the chart rendered by
scripts/render-manifests.sh; they must not drift from it, and hold no secret."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.charts import EXISTING_SECRET, MANIFESTS, ROOT, helm

pytestmark = pytest.mark.deploy

PROFILES = {"doks": "todo-phase-v", "minikube": "todo-chatbot"}


def test_manifests_match_the_chart(tmp_path: Path) -> None:
    helm()  # skip or fail early, with the reason, when the tools are missing
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "render-manifests.sh"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.yaml"))
    checked_in = sorted(path.relative_to(MANIFESTS) for path in MANIFESTS.rglob("*.yaml"))
    assert fresh == checked_in
    stale = [
        str(path)
        for path in fresh
        if (tmp_path / path).read_text() != (MANIFESTS / path).read_text()
    ]
    assert not stale, f"run scripts/render-manifests.sh: {stale} differ from the chart"


@pytest.mark.parametrize(("profile", "namespace"), PROFILES.items())
def test_manifests_hold_no_secret(profile: str, namespace: str) -> None:
    docs = [
        doc
        for path in sorted((MANIFESTS / profile).glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc
    ]
    kinds = {doc["kind"] for doc in docs}
    assert "Secret" not in kinds
    assert {"Namespace", "Deployment", "Job", "NetworkPolicy"} <= kinds
    for doc in docs:
        if doc["kind"] == "Namespace":
            assert doc["metadata"]["name"] == namespace
        else:
            assert doc["metadata"]["namespace"] == namespace
        if doc["kind"] in {"Deployment", "StatefulSet", "Job"}:
            for volume in doc["spec"]["template"]["spec"]["volumes"]:
                if "secret" in volume:
                    assert volume["secret"]["secretName"] == EXISTING_SECRET
