"""The Terraform modules (DOKS, AKS, GKE): in `tofu fmt` style, clean under checkov, and each
with an autoscaled node pool, a private network, a registry and an optional managed
PostgreSQL. `tofu validate` is not run: it needs each module's providers, which only the
provider registries serve (see docs/operations.md)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.charts import ROOT, tool

pytestmark = pytest.mark.deploy

TERRAFORM = ROOT / "deploy" / "terraform"
MODULES = ("doks", "aks", "gke")
SKIP = re.compile(r"#checkov:skip=(\S+?):(.*)")


def tofu(*args: str, cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "tofurc"
    config.write_text("")
    return subprocess.run(
        [tool("tofu"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": str(config), "HOME": str(tmp_path)},
        check=False,
    )


def test_every_module_is_in_tofu_fmt_style(tmp_path: Path) -> None:
    result = tofu(
        "fmt", "-check", "-recursive", "-diff", str(TERRAFORM), cwd=ROOT, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_tofu_fmt_notices_a_misformatted_file(tmp_path: Path) -> None:
    module = tmp_path / "module"
    shutil.copytree(TERRAFORM / "aks", module)
    text = (
        (module / "variables.tf").read_text().replace("  type        = string", "  type = string")
    )
    (module / "variables.tf").write_text(text)
    result = tofu("fmt", "-check", str(module), cwd=tmp_path, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "variables.tf" in result.stdout


def test_checkov_passes_on_every_module() -> None:
    result = subprocess.run(
        [tool("checkov"), "--skip-download", "--framework", "terraform", "--output", "json",
         "--directory", str(TERRAFORM)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    data = json.loads(result.stdout)
    if isinstance(data, list):
        (data,) = data
    summary = data["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 50
    failed = [
        f"{check['check_id']} {check['resource']} ({check['file_path']})"
        for check in data["results"]["failed_checks"]
    ]
    assert not failed, "\n".join(failed)
    scanned = {Path(check["file_path"]).parts[1] for check in data["results"]["passed_checks"]}
    assert {"aks", "gke"} <= scanned  # checkov has next to no DigitalOcean checks


def test_every_checkov_skip_gives_its_reason() -> None:
    for path in TERRAFORM.rglob("*.tf"):
        for check, reason in SKIP.findall(path.read_text()):
            assert len(reason.split()) >= 5, f"{path.name}: {check} has no real reason"


@pytest.mark.parametrize("module", MODULES)
def test_each_module_has_the_pieces_of_a_cluster(module: str) -> None:
    text = "\n".join(path.read_text() for path in (TERRAFORM / module).glob("*.tf"))
    assert re.search(r"(auto_scale|auto_scaling_enabled)\s*=\s*true|autoscaling\s*\{", text)
    assert re.search(r'variable "min_nodes"', text) and re.search(r'variable "max_nodes"', text)
    assert re.search(r"_vpc\"|_virtual_network\"|google_compute_network\"", text)
    assert re.search(r"container_registry\"|artifact_registry_repository\"", text)
    assert re.search(r'variable "create_database"', text)
    assert re.search(r'output "database_url"[^}]*sensitive\s*=\s*true', text, re.S)
    assert (TERRAFORM / module / ".gitignore").read_text().count("tfstate") >= 1


@pytest.mark.parametrize("module", ["aks", "gke"])
def test_cloud_credentials_come_from_the_environment_not_the_module(module: str) -> None:
    text = "\n".join(path.read_text() for path in (TERRAFORM / module).glob("*.tf"))
    for secret in ("client_secret", "credentials", "access_key"):
        assert not re.search(rf"^\s*{secret}\s*=", text, re.M)
    assert "oidc_issuer_enabled       = true" in text or "workload_pool" in text
