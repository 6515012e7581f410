"""The chart's prerequisites and Helm releases on the test cluster (tests.support.kube).

The CustomResourceDefinitions come from the tools cache, where scripts/install-crd-schemas.sh
keeps the YAML it fetched (Dapr, Prometheus Operator, cert-manager) or generated (Strimzi).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.deploy.charts import CHART, RELEASE, TOOLS_DIR, Scenario, helm
from tests.support.external import require
from tests.support.kube import Cluster

CRD_DIR = TOOLS_DIR / "crds"
CRD_HINT = "run scripts/install-crd-schemas.sh"

Doc = dict[str, Any]


def crd_files() -> list[Path]:
    files = sorted(CRD_DIR.glob("*/*.yaml"))
    require(bool(files), f"no CRDs in {CRD_DIR}: {CRD_HINT}")
    return files


def install_crds(cluster: Cluster) -> list[str]:
    """Create every cached CRD and wait until the API server serves it; their names."""
    args = [arg for path in crd_files() for arg in ("-f", str(path))]
    result = cluster.kubectl("apply", "--server-side", *args, "-o", "name")
    names = [line.split("/", 1)[1] for line in result.stdout.split()]
    cluster.kubectl(
        "wait", "--for=condition=Established", "--timeout=60s", *(f"crd/{n}" for n in names)
    )
    return names


@dataclass(frozen=True)
class Release:
    """One Helm release of the chart on the test cluster."""

    cluster: Cluster
    scenario: Scenario
    name: str = RELEASE

    @property
    def namespace(self) -> str:
        return self.scenario.namespace

    def helm(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [helm(), *args],
            capture_output=True,
            text=True,
            env=self.cluster.env(),
            check=False,
            timeout=timeout,
        )

    def _chart_command(
        self, command: str, sets: tuple[str, ...], *flags: str
    ) -> subprocess.CompletedProcess[str]:
        set_args = [arg for assignment in sets for arg in ("--set", assignment)]
        return self.helm(command, self.name, str(CHART), *self.scenario.args(), *set_args, *flags)

    def install(self, *sets: str, wait: bool = True) -> subprocess.CompletedProcess[str]:
        waiting = ("--wait", "--timeout", "180s") if wait else ()
        return self._chart_command("install", sets, "--create-namespace", *waiting)

    def uninstall(self) -> None:
        result = self.helm(
            *("uninstall", self.name, "--namespace", self.namespace, "--wait", "--timeout", "120s")
        )
        assert result.returncode == 0, result.stderr

    def upgrade(
        self, *sets: str, set_strings: tuple[str, ...] = (), timeout: str = "180s"
    ) -> subprocess.CompletedProcess[str]:
        """`helm upgrade --atomic --wait`, as the CD pipeline runs it."""
        strings = [arg for assignment in set_strings for arg in ("--set-string", assignment)]
        return self._chart_command(
            "upgrade", sets, *strings, "--atomic", "--wait", "--timeout", timeout
        )

    def rollback(self, revision: int) -> subprocess.CompletedProcess[str]:
        return self.helm(
            *("rollback", self.name, str(revision), "--namespace", self.namespace),
            *("--wait", "--timeout", "180s"),
        )

    def history(self) -> list[Doc]:
        result = self.helm("history", self.name, "--namespace", self.namespace, "-o", "json")
        assert result.returncode == 0, result.stderr
        entries: list[Doc] = json.loads(result.stdout)
        return entries

    def get(self, *args: str) -> Doc:
        return self.cluster.get("--namespace", self.namespace, *args)

    def items(self, *args: str) -> list[Doc]:
        return self.cluster.items("--namespace", self.namespace, *args)
