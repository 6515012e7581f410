#!/usr/bin/env bash
# Install the tools the deployment tests use into a cache folder:
#   helm and kubeconform (built with `go install`), checkov and kubernetes-validate (each in
#   its own Python venv), and offline Kubernetes JSON schemas for kubeconform generated from
#   the schemas kubernetes-validate ships; then the CRDs of the chart's custom resources and
#   their JSON schemas (scripts/install-crd-schemas.sh), and a Kubernetes control plane with
#   kwok for the cluster tests (scripts/install-kube.sh); each documents its own sources and
#   prerequisites.
# Quick when everything is already there at the pinned versions.
#
# Environment:
#   TODO_TOOLS_DIR   cache folder (default: $HOME/.cache/todo-chatbot/tools); binaries in bin/
#   PYTHON           interpreter for the venvs (default: python3)
#   CI               when true, a missing prerequisite (go, python3) is an error; otherwise the
#                    tool is left out with a warning and the tests that need it skip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HELM_VERSION="v3.16.4"
KUBECONFORM_VERSION="v0.7.0"
CHECKOV_VERSION="3.3.30"
KUBERNETES_VALIDATE_VERSION="1.37.0"
# Kubernetes versions whose schemas kubeconform gets (major.minor.patch).
KUBERNETES_SCHEMA_VERSIONS=("1.29.0" "1.31.0")
# Bumped whenever the schema conversion below changes, so cached schemas are regenerated.
SCHEMA_FORMAT="3"
# Kubernetes version helm reports to templates when no cluster is asked (matches helm's release build).
HELM_K8S_MAJOR="1"
HELM_K8S_MINOR="31"

TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"
BIN_DIR="$TOOLS_DIR/bin"
VENV_DIR="$TOOLS_DIR/venvs"
SCHEMA_DIR="$TOOLS_DIR/kubernetes-json-schema"
PYTHON="${PYTHON:-python3}"

missing=0

mkdir -p "$BIN_DIR" "$VENV_DIR"
exec 9>"$TOOLS_DIR/.lock"
flock 9 2>/dev/null || true

install_helm() {
  local current=""
  if [[ -x "$BIN_DIR/helm" ]]; then
    current="$("$BIN_DIR/helm" version --template '{{.Version}}' 2>/dev/null || true)"
  fi
  if [[ "$current" == "$HELM_VERSION" ]]; then
    return 0
  fi
  need go "helm $HELM_VERSION" || { missing=1; return 0; }
  log "building helm $HELM_VERSION"
  local ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$HELM_K8S_MAJOR"
  ldflags+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR"
  ldflags+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$HELM_K8S_MAJOR"
  ldflags+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR"
  CGO_ENABLED=0 GOBIN="$BIN_DIR" go install -trimpath -ldflags "$ldflags" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}

install_kubeconform() {
  local current=""
  if [[ -x "$BIN_DIR/kubeconform" ]]; then
    current="$("$BIN_DIR/kubeconform" -v 2>/dev/null || true)"
  fi
  if [[ "$current" == "$KUBECONFORM_VERSION" ]]; then
    return 0
  fi
  need go "kubeconform $KUBECONFORM_VERSION" || { missing=1; return 0; }
  log "building kubeconform $KUBECONFORM_VERSION"
  CGO_ENABLED=0 GOBIN="$BIN_DIR" go install -trimpath \
    -ldflags "-s -w -X main.version=$KUBECONFORM_VERSION" \
    "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
}

install_venv_tool() {
  # install_venv_tool NAME VERSION: NAME==VERSION into its own venv, linked as bin/NAME.
  local name="$1" version="$2"
  local venv="$VENV_DIR/$name-$version"
  if [[ -f "$venv/.installed" && -x "$venv/bin/$name" ]]; then
    ln -sfn "$venv/bin/$name" "$BIN_DIR/$name"
    return 0
  fi
  need "$PYTHON" "$name $version" || { missing=1; return 0; }
  log "installing $name $version into $venv"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
    "$name==$version"
  touch "$venv/.installed"
  ln -sfn "$venv/bin/$name" "$BIN_DIR/$name"
}

generate_schemas() {
  # kubernetes-validate ships strict schemas whose $refs point into one shared
  # "/api/_definitions.json". kubeconform wants one file per kind, so each kind gets the
  # definitions it reaches copied in and its $refs made local.
  local venv="$VENV_DIR/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
  local versions stamp
  versions="$(IFS=-; echo "${KUBERNETES_SCHEMA_VERSIONS[*]}")"
  stamp="$SCHEMA_DIR/.generated-format$SCHEMA_FORMAT-$KUBERNETES_VALIDATE_VERSION-$versions"
  if [[ -f "$stamp" ]]; then
    return 0
  fi
  if [[ ! -f "$venv/.installed" ]]; then
    return 0
  fi
  log "generating Kubernetes schemas for ${KUBERNETES_SCHEMA_VERSIONS[*]}"
  rm -rf "$SCHEMA_DIR"
  mkdir -p "$SCHEMA_DIR"
  "$venv/bin/python" - "$SCHEMA_DIR" "${KUBERNETES_SCHEMA_VERSIONS[@]}" <<'PY'
import json
import sys
from importlib import resources
from pathlib import Path

PREFIX = "/api/_definitions.json#/$defs/"
LOCAL = "#/$defs/"


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            for prefix in (PREFIX, LOCAL):
                if ref.startswith(prefix):
                    found.add(ref[len(prefix):])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)
    return found


def localise(node):
    if isinstance(node, dict):
        return {
            key: ("#/$defs/" + value[len(PREFIX):])
            if key == "$ref" and isinstance(value, str) and value.startswith(PREFIX)
            else localise(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [localise(value) for value in node]
    return node


out = Path(sys.argv[1])
root = resources.files("kubernetes_validate") / "kubernetes-json-schema"
for version in sys.argv[2:]:
    source = root / f"v{version}-local-strict"
    if not source.is_dir():
        sys.exit(f"kubernetes-validate has no schemas for Kubernetes {version}")
    definitions = json.loads((source / "_definitions.json").read_text(encoding="utf-8"))["$defs"]
    target = out / f"v{version}-standalone-strict"
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if not entry.name.endswith(".json") or entry.name.startswith("_"):
            continue
        schema = json.loads(entry.read_text(encoding="utf-8"))
        needed, pending = set(), refs(schema, set())
        while pending:
            name = pending.pop()
            if name not in needed:
                needed.add(name)
                pending |= refs(definitions[name], set()) - needed
        schema = localise(schema)
        schema.pop("$id", None)
        if needed:
            schema["$defs"] = {name: localise(definitions[name]) for name in sorted(needed)}
        (target / entry.name).write_text(json.dumps(schema), encoding="utf-8")
PY
  touch "$stamp"
}

install_helm
install_kubeconform
install_venv_tool checkov "$CHECKOV_VERSION"
install_venv_tool kubernetes-validate "$KUBERNETES_VALIDATE_VERSION"
generate_schemas
TODO_TOOLS_DIR="$TOOLS_DIR" PYTHON="$PYTHON" bash "$(dirname "${BASH_SOURCE[0]}")/install-crd-schemas.sh"
TODO_TOOLS_DIR="$TOOLS_DIR" bash "$(dirname "${BASH_SOURCE[0]}")/install-kube.sh"
# actionlint, promtool, OpenTofu and the chart README generator (checks of the operations files).
TODO_TOOLS_DIR="$TOOLS_DIR" bash "$(dirname "${BASH_SOURCE[0]}")/install-ops-tools.sh"

if [[ "$missing" -eq 0 ]]; then
  log "tools ready in $BIN_DIR"
fi
