"""The GitHub Actions pipelines: actionlint (with shellcheck on every `run:` step) finds
nothing, and their shape is what the release process promises."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.charts import ROOT, tool
from tests.support.external import require

pytestmark = pytest.mark.deploy

WORKFLOWS = ROOT / ".github" / "workflows"
NOTIFY = ROOT / "scripts" / "notify-deploy.sh"
CLOUD_LOGIN = ROOT / ".github" / "actions" / "cloud-login" / "action.yml"
Doc = dict[str, Any]


def workflow(name: str) -> Doc:
    doc: Doc = yaml.safe_load((WORKFLOWS / name).read_text())
    # PyYAML reads the key `on` as True (YAML 1.1).
    doc["on"] = doc.pop(True)
    return doc


def steps(job: Doc) -> list[Doc]:
    return list(job.get("steps", []))


def step_named(job: Doc, fragment: str) -> Doc:
    (found,) = [s for s in steps(job) if fragment in s.get("name", "")]
    return found


def test_actionlint_finds_nothing() -> None:
    require(shutil.which("shellcheck") is not None, "shellcheck: run scripts/install-ops-tools.sh")
    result = subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "nope" in result.stdout


def test_ci_runs_on_pull_requests_and_main_with_parallel_jobs() -> None:
    ci = workflow("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]
    assert "workflow_call" in ci["on"]
    jobs = ci["jobs"]
    assert set(jobs) == {"lint", "test", "chart", "image"}
    assert all("needs" not in job for job in jobs.values())  # all four run at once
    assert all(job["timeout-minutes"] <= 30 for job in jobs.values())
    assert any(step.get("run") == "make lint" for step in steps(jobs["lint"]))
    assert any("pytest" in step.get("run", "") for step in steps(jobs["test"]))
    assert "-m deploy tests/deploy" in step_named(jobs["chart"], "helm lint")["run"]
    cached = [
        job_name
        for job_name, job in jobs.items()
        if any(
            step.get("uses", "").startswith("actions/cache@")
            or step.get("with", {}).get("cache")
            or "cache-from" in step.get("with", {})
            for step in steps(job)
        )
    ]
    assert set(cached) == set(jobs)


def test_ci_scans_the_image_and_fails_on_critical_findings_and_makes_an_sbom() -> None:
    image = workflow("ci.yml")["jobs"]["image"]
    build = step_named(image, "Build")
    scan = step_named(image, "Vulnerability scan")
    sbom = step_named(image, "SBOM")
    order = steps(image)
    assert order.index(build) < order.index(scan) < order.index(sbom)
    assert scan["uses"].startswith("aquasecurity/trivy-action@")
    assert scan["with"]["severity"] == "CRITICAL"
    assert scan["with"]["exit-code"] == "1"
    assert scan["with"]["image-ref"] == build["with"]["tags"]
    assert sbom["with"]["format"] == "spdx-json"


def test_cd_deploys_staging_then_production_behind_its_environment() -> None:
    cd = workflow("cd.yml")
    assert cd["on"]["push"]["branches"] == ["main"]
    assert cd["on"]["push"]["tags"]
    cloud = cd["on"]["workflow_dispatch"]["inputs"]["cloud"]
    assert (cloud["options"], cloud["default"]) == (["doks", "aks", "gke"], "doks")
    jobs = cd["jobs"]
    assert jobs["ci"]["uses"] == "./.github/workflows/ci.yml"
    assert "ci" in jobs["image"]["needs"]  # failing tests block the deploy
    for name in ("staging", "production"):
        assert jobs[name]["uses"] == "./.github/workflows/deploy.yml"
        assert jobs[name]["with"]["environment"] == name
        assert jobs[name]["with"]["image-digest"] == "${{ needs.image.outputs.digest }}"
    assert "staging" in jobs["production"]["needs"]
    assert jobs["staging"]["with"]["values"] == "values-staging.yaml"
    assert jobs["production"]["with"]["values"] == "values-prod.yaml"
    (deploy,) = workflow("deploy.yml")["jobs"].values()
    # A GitHub Environment: its required reviewers (docs/cicd.md) gate production.
    assert deploy["environment"]["name"] == "${{ inputs.environment }}"


def test_the_deploy_is_atomic_smoke_tested_rolled_back_and_notified() -> None:
    (deploy,) = workflow("deploy.yml")["jobs"].values()
    order = steps(deploy)
    upgrade = step_named(deploy, "helm upgrade")
    for flag in ("upgrade --install", "--atomic", "--wait", '--set image.digest="$IMAGE_DIGEST"'):
        assert flag in upgrade["run"]
    smoke = step_named(deploy, "Smoke test")
    assert "scripts/smoke.py" in smoke["run"]
    rollback = step_named(deploy, "Roll back")
    assert "failure()" in rollback["if"] and "steps.smoke.outcome" in rollback["if"]
    assert "helm rollback" in rollback["run"]
    assert order.index(upgrade) < order.index(smoke) < order.index(rollback)
    notifications = {
        s["run"].split()[2]: s.get("if", "")
        for s in order
        if "scripts/notify-deploy.sh" in s.get("run", "")
    }
    assert notifications == {"started": "", "succeeded": "success()", "failed": "failure()"}
    assert deploy["env"]["DEPLOY_WEBHOOK_URL"] == "${{ secrets.DEPLOY_WEBHOOK_URL }}"


def test_cloud_credentials_come_from_oidc_where_the_cloud_has_it() -> None:
    cd, deploy = workflow("cd.yml"), workflow("deploy.yml")
    for doc in (cd, deploy):
        assert doc["permissions"]["id-token"] == "write"
    text = (
        "\n".join((WORKFLOWS / name).read_text() for name in ("ci.yml", "cd.yml", "deploy.yml"))
        + (ROOT / ".github" / "actions" / "cloud-login" / "action.yml").read_text()
    )
    secrets_used = {part.split("}}")[0].strip() for part in text.split("secrets.")[1:]}
    # DigitalOcean has no OIDC federation: a scoped token is the one cloud secret.
    assert secrets_used == {"DIGITALOCEAN_ACCESS_TOKEN", "DEPLOY_WEBHOOK_URL"}
    login = yaml.safe_load(
        (ROOT / ".github" / "actions" / "cloud-login" / "action.yml").read_text()
    )
    uses = {step.get("uses", "").split("@")[0] for step in login["runs"]["steps"]}
    assert {"azure/login", "google-github-actions/auth"} <= uses
    azure = next(s for s in login["runs"]["steps"] if s.get("uses", "").startswith("azure/login"))
    assert "client-secret" not in azure["with"] and "creds" not in azure["with"]
    google = next(
        s
        for s in login["runs"]["steps"]
        if s.get("uses", "").startswith("google-github-actions/auth")
    )
    assert (
        "workload_identity_provider" in google["with"] and "credentials_json" not in google["with"]
    )


# --- the notification script ------------------------------------------------------------


class _Hook(BaseHTTPRequestHandler):
    received: list[Doc] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[Doc]]]:
    received: list[Doc] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("Hook", (_Hook,), {"received": received}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def notify(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "DEPLOY_WEBHOOK_URL"}
    return subprocess.run(
        ["bash", str(NOTIFY), *args],
        env={**clean, "GITHUB_REPOSITORY": "acme/todo", "GITHUB_RUN_ID": "42", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_failed_deploy_posts_a_slack_compatible_message(webhook: tuple[str, list[Doc]]) -> None:
    url, received = webhook
    result = notify("failed", "production", "0.1.0", DEPLOY_WEBHOOK_URL=url)
    assert result.returncode == 0, result.stderr
    (message,) = received
    assert set(message) == {"text"}
    assert "0.1.0 to production: failed" in message["text"]
    assert "acme/todo/actions/runs/42" in message["text"]


def test_without_a_webhook_nothing_is_sent_and_the_deploy_goes_on(
    webhook: tuple[str, list[Doc]],
) -> None:
    _url, received = webhook
    assert notify("started", "staging", "0.1.0").returncode == 0
    assert received == []


def test_an_unreachable_webhook_does_not_fail_the_deploy() -> None:
    from tests.support.processes import free_port

    result = notify(
        "succeeded", "staging", "0.1.0", DEPLOY_WEBHOOK_URL=f"http://127.0.0.1:{free_port()}/"
    )
    assert result.returncode == 0
    assert "webhook failed" in result.stderr
