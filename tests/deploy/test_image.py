"""The Dockerfile and the deployment scripts, read statically (checkov runs in test_checkov;
tests/containers builds and runs the image)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib

import pytest

from tests.deploy.charts import ROOT

pytestmark = pytest.mark.deploy

DOCKERFILE = (ROOT / "Dockerfile").read_text()
# The official slim image at a pinned patch release, unless BASE_IMAGE names another base.
BASE = re.compile(
    r"^FROM \$\{BASE_IMAGE:-(python:3\.11\.\d+-slim-bookworm)\} AS (\w+)$", re.MULTILINE
)
LOCK = ROOT / "requirements.lock"


def instructions(name: str) -> list[str]:
    return re.findall(rf"^{name} (.+)$", DOCKERFILE, flags=re.MULTILINE)


def test_multi_stage_on_a_pinned_slim_base() -> None:
    stages = BASE.findall(DOCKERFILE)
    assert [stage for _, stage in stages] == ["build", "runtime"]
    assert len({image for image, _ in stages}) == 1, "both stages use the same pinned base"
    assert len(instructions("FROM")) == 2
    assert instructions("ARG")[0] == "BASE_IMAGE", "declared before the first FROM"
    assert "COPY --from=build /opt/venv /opt/venv" in DOCKERFILE


def test_no_frontend_is_fetched_from_a_registry() -> None:
    """A `# syntax=` line makes BuildKit pull that frontend image; the built-in one suffices."""
    assert not re.search(r"^#\s*syntax\s*=", DOCKERFILE, flags=re.MULTILINE | re.IGNORECASE)


def test_dependencies_come_from_the_lock_with_hashes() -> None:
    assert "COPY requirements.lock ./" in DOCKERFILE
    assert "--require-hashes --no-deps" in DOCKERFILE
    assert "pip install --no-deps --no-compile ." in DOCKERFILE
    # The lock layer comes before the sources, so a code change does not reinstall packages.
    assert DOCKERFILE.index("requirements.lock") < DOCKERFILE.index("COPY src ./src")


def locked_requirements() -> dict[str, str]:
    """requirements.lock as {name: its block} (the pin line and its indented hash lines)."""
    blocks: dict[str, str] = {}
    name = ""
    for line in LOCK.read_text().splitlines():
        if line.startswith((" ", "\t")) and name:
            blocks[name] += line + "\n"
        elif line and not line.startswith("#"):
            name = line.split("==", 1)[0].lower()
            blocks[name] = line + "\n"
    return blocks


def test_the_lock_pins_what_pyproject_declares() -> None:
    """requirements.lock (uv pip compile, command in its header) holds each runtime
    dependency at the version pyproject.toml pins, and every package with its hashes."""
    blocks = locked_requirements()
    for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]:
        name, version = re.split(r"(?:\[[^\]]+\])?==", requirement)
        block = blocks.get(name.lower().replace("_", "-"), "")
        assert block.startswith(f"{name.lower()}=={version}"), requirement
    for name, block in blocks.items():
        assert re.match(rf"{re.escape(name)}==[\w.]+[ \\;]", block), block
        assert "--hash=sha256:" in block, f"{name} has no hash"


def run_instructions() -> list[str]:
    """Every RUN instruction, its continuation lines included."""
    return [block.split("\n\n")[0] for block in DOCKERFILE.split("\nRUN ")[1:]]


def test_build_ca_certificates_arrive_as_a_secret_only() -> None:
    """pip may need the host's CA bundle (a TLS-inspecting proxy): it is mounted for the RUN
    that needs it, never copied into a layer or set in the image's environment."""
    pip_runs = [run for run in run_instructions() if "pip install" in run]
    assert len(pip_runs) == 2
    for run in pip_runs:
        assert run.startswith("--mount=type=secret,id=ca"), run[:80]
    assert "PIP_CERT" not in "".join(instructions("ENV"))
    assert not [line for line in instructions("COPY") if "cert" in line.lower()]


def test_runs_as_a_high_uid_without_tools() -> None:
    (user,) = instructions("USER")
    uid, _, gid = user.partition(":")
    assert int(uid) >= 10000 and int(gid) >= 10000
    runtime = DOCKERFILE[DOCKERFILE.index("AS runtime") :]
    assert "useradd --system --uid 10001" in runtime
    assert (
        "find /usr/bin /usr/sbin /usr/local/sbin -mindepth 1 -maxdepth 1 ! -name 'python3*' -delete"
        in runtime
    )
    assert "-perm /6000" in runtime, "set-uid bits are removed"
    assert "site-packages/pip" in runtime
    # PATH without /usr/sbin before `groupadd` ran made the build fail: it is set afterwards.
    assert runtime.index("ENV PATH=") > runtime.index("groupadd")


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
    assert {"pyproject.toml", "requirements.lock", "README.md", "src"} <= included
    assert not included & {".venv", ".git", "tests", "deploy"}


@pytest.mark.parametrize(
    "script",
    [
        "scripts/install-deploy-tools.sh",
        "scripts/render-manifests.sh",
        "scripts/install-docker.sh",
        "scripts/build-base-image.sh",
    ],
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
