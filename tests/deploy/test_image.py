"""The Dockerfile and the deployment scripts, read statically (checkov runs in test_checkov)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.deploy.charts import ROOT

pytestmark = pytest.mark.deploy

DOCKERFILE = (ROOT / "Dockerfile").read_text()
BASE = re.compile(r"^FROM (python:3\.11\.\d+-slim-bookworm) AS (\w+)$", re.MULTILINE)


def instructions(name: str) -> list[str]:
    return re.findall(rf"^{name} (.+)$", DOCKERFILE, flags=re.MULTILINE)


def test_multi_stage_on_a_pinned_slim_base() -> None:
    stages = BASE.findall(DOCKERFILE)
    assert [stage for _, stage in stages] == ["build", "runtime"]
    assert len({image for image, _ in stages}) == 1, "both stages use the same pinned base"
    assert len(instructions("FROM")) == 2
    assert "pip wheel --wheel-dir /wheels" in DOCKERFILE
    assert "--no-index --find-links /wheels" in DOCKERFILE
    assert "COPY --from=build /opt/venv /opt/venv" in DOCKERFILE


def test_runs_as_a_high_uid_without_tools() -> None:
    (user,) = instructions("USER")
    uid, _, gid = user.partition(":")
    assert int(uid) >= 10000 and int(gid) >= 10000
    runtime = DOCKERFILE[DOCKERFILE.index("AS runtime") :]
    assert "useradd --system --uid 10001" in runtime
    assert "find /usr/bin /usr/sbin /usr/local/sbin -mindepth 1 -maxdepth 1 -delete" in runtime
    assert "-perm /6000" in runtime, "set-uid bits are removed"
    assert "site-packages/pip" in runtime


def test_entrypoint_and_healthcheck_need_no_shell() -> None:
    (entrypoint,) = instructions("ENTRYPOINT")
    assert json.loads(entrypoint) == ["todo"]
    (command,) = instructions("CMD")
    assert json.loads(command)[0] == "api"
    healthcheck = DOCKERFILE[DOCKERFILE.index("HEALTHCHECK") :]
    exec_form = re.search(r"CMD (\[.*\])", healthcheck)
    assert exec_form is not None
    probe = json.loads(exec_form.group(1))
    assert probe[:2] == ["python", "-c"] and "/health" in probe[2]
    environment = DOCKERFILE[DOCKERFILE.index("AS runtime") :]
    for setting in ("HOME=/tmp", "TMPDIR=/tmp", "PYTHONDONTWRITEBYTECODE=1"):
        assert setting in environment


def test_build_context_is_an_allowlist() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*"
    included = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert {"pyproject.toml", "README.md", "src"} <= included
    assert not included & {".venv", ".git", "tests", "deploy"}


@pytest.mark.parametrize(
    "script", ["scripts/install-deploy-tools.sh", "scripts/render-manifests.sh"]
)
def test_scripts_are_strict_bash(script: str) -> None:
    text = (ROOT / script).read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in text
    subprocess.run(["bash", "-n", str(ROOT / script)], check=True)


def test_terraform_is_formatted() -> None:
    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.skip("terraform is optional here: its files are kept in `terraform fmt` style")
    result = subprocess.run(
        [
            terraform,
            "fmt",
            "-check",
            "-recursive",
            "-diff",
            "-no-color",
            str(ROOT / "deploy" / "terraform"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
