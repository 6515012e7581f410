#!/usr/bin/env bash
# The tools that check the operations files, into the same cache folder as the other
# deployment tools:
#   actionlint   GitHub Actions workflows           (go install, Go module proxy)
#   promtool     Prometheus alert rules and tests   (go install, Go module proxy)
#   tofu         OpenTofu, for `tofu fmt` / `tofu validate` (built from its Go module: its
#                go.mod replaces hcl with OpenTofu's fork, which `go install pkg@version`
#                refuses, so the module is downloaded and built in its own folder)
#   readme-generator  Bitnami's chart README generator (npm, integrity checked)
#   and Debian's shellcheck package, which actionlint runs on every `run:` step
# and adds the JSON Schema of the Prometheus Operator's AlertmanagerConfig to the CRD schemas
# of install-crd-schemas.sh (same module and version, same conversion).
# Quick when everything is already there at the pinned versions.
#
# Environment:
#   TODO_TOOLS_DIR   cache folder (default: $HOME/.cache/todo-chatbot/tools); binaries in bin/
#   CI               when true, a missing prerequisite (go, npm) is an error; otherwise the
#                    tool is left out with a warning and the tests that need it skip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ACTIONLINT_VERSION="v1.7.12"
PROMETHEUS_VERSION="v0.316.0" # the Go module version of Prometheus 3.x's promtool
OPENTOFU_VERSION="v1.10.6"
PROMETHEUS_OPERATOR_VERSION="v0.89.0" # as in install-crd-schemas.sh
README_GENERATOR_VERSION="2.7.2"
README_GENERATOR_INTEGRITY="sha512-7eXyJzxQTQj2ajpHlIhadciCCYWOqN8ieaweU25bStHOZowQ2c2CQyjO/bX4gxIf73LoRKxHhEYgLTllJY9SIw=="

TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"
BIN_DIR="$TOOLS_DIR/bin"
STAMPS="$TOOLS_DIR/stamps"
mkdir -p "$BIN_DIR" "$STAMPS"

go_tool() {
  # go_tool NAME PACKAGE VERSION [LDFLAGS]: build PACKAGE@VERSION as bin/NAME, once per version.
  local name="$1" package="$2" version="$3" ldflags="${4:-}"
  local stamp="$STAMPS/$name-$version"
  if [[ -f "$stamp" && -x "$BIN_DIR/$name" ]]; then
    return 0
  fi
  need go "$name $version" || return 0
  log "building $name $version (once; cached in $BIN_DIR)"
  CGO_ENABLED=0 GOBIN="$BIN_DIR" go install -trimpath -ldflags "-s -w $ldflags" \
    "$package@$version"
  touch "$stamp"
}

go_module_tool() {
  # go_module_tool NAME MODULE VERSION PACKAGE: build PACKAGE inside MODULE@VERSION, so the
  # module's own go.mod (replace directives included) decides its dependencies.
  local name="$1" module="$2" version="$3" package="$4"
  local stamp="$STAMPS/$name-$version"
  if [[ -f "$stamp" && -x "$BIN_DIR/$name" ]]; then
    return 0
  fi
  need go "$name $version" || return 0
  log "building $name $version from its module (once; cached in $BIN_DIR)"
  local dir
  dir="$(cd "$(mktemp -d)" && go mod download -json "$module@$version" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN_DIR/$name" "$package")
  touch "$stamp"
}

install_readme_generator() {
  local dir="$TOOLS_DIR/readme-generator-$README_GENERATOR_VERSION"
  local entry="$dir/node_modules/@bitnami/readme-generator-for-helm/bin/index.js"
  if [[ -f "$dir/.installed" ]]; then
    ln -sfn "$entry" "$BIN_DIR/readme-generator"
    return 0
  fi
  need npm "readme-generator $README_GENERATOR_VERSION" || return 0
  log "installing @bitnami/readme-generator-for-helm $README_GENERATOR_VERSION"
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --prefix "$dir" \
    "@bitnami/readme-generator-for-helm@$README_GENERATOR_VERSION" >/dev/null
  local actual
  actual="$(node -e '
    const lock = require(process.argv[1]);
    console.log(lock.packages["node_modules/@bitnami/readme-generator-for-helm"].integrity);
  ' "$dir/package-lock.json")"
  if [[ "$actual" != "$README_GENERATOR_INTEGRITY" ]]; then
    log "error: readme-generator integrity mismatch ($actual)"
    rm -rf "$dir"
    exit 1
  fi
  chmod +x "$entry"
  touch "$dir/.installed"
  ln -sfn "$entry" "$BIN_DIR/readme-generator"
}

alertmanager_config_schema() {
  local out="$TOOLS_DIR/crd-json-schema"
  local stamp="$out/.alertmanagerconfig-$PROMETHEUS_OPERATOR_VERSION"
  if [[ -f "$stamp" || ! -d "$out" ]]; then
    return 0 # done, or no CRD schemas at all (their tests skip or fail on their own)
  fi
  need go "the AlertmanagerConfig schema" || return 0
  local dir
  local python="python3" candidate
  for candidate in "$TOOLS_DIR"/venvs/kubernetes-validate-*/bin/python; do
    [[ -x "$candidate" ]] && python="$candidate" # has PyYAML, which crd_to_jsonschema.py needs
  done
  dir="$(cd "$(mktemp -d)" && go mod download -json \
    "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
  log "adding the AlertmanagerConfig schema ($PROMETHEUS_OPERATOR_VERSION)"
  # Its matchType enum lists a bare `=`, which YAML 1.1 loaders (PyYAML) read as a tag: quote it.
  local crd
  crd="$(mktemp --suffix=.yaml)"
  sed -E "s/^( *)- (=~?)$/\1- '\2'/" \
    "$dir/example/prometheus-operator-crd/monitoring.coreos.com_alertmanagerconfigs.yaml" >"$crd"
  "$python" "$(dirname "${BASH_SOURCE[0]}")/crd_to_jsonschema.py" "$out" "$crd"
  rm -f "$crd"
  touch "$stamp"
}

exec 8>"$TOOLS_DIR/.ops-lock"

# actionlint checks the workflows' shell steps with shellcheck when it is on PATH.
if ! command -v shellcheck >/dev/null 2>&1; then
  apt_install shellcheck
fi
flock 8 2>/dev/null || true

go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION" \
  "-X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION"
go_tool promtool github.com/prometheus/prometheus/cmd/promtool "$PROMETHEUS_VERSION"
go_module_tool tofu github.com/opentofu/opentofu "$OPENTOFU_VERSION" ./cmd/tofu
install_readme_generator
alertmanager_config_schema
log "tools ready in $BIN_DIR"
