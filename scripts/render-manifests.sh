#!/usr/bin/env bash
# Render the Helm chart into plain manifests for `kubectl apply` users:
#   deploy/manifests/<profile>/todo-chatbot.yaml  everything but the migration Job
#   deploy/manifests/<profile>/migrate-job.yaml   the migration Job (a Helm hook in the chart)
# Profiles: doks (namespace todo-phase-v) and minikube (namespace todo-chatbot).
# Secrets are never rendered: the manifests read the Secret "todo-chatbot-secrets", which is
# created beforehand (docs/deploy.md shows how), so the output is stable and holds no secret.
#
# Usage: scripts/render-manifests.sh [OUTPUT_DIR]   (default: deploy/manifests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/deploy/manifests}"
CHART="$ROOT/deploy/helm/todo-chatbot"
RELEASE="todo-chatbot"
SECRET="todo-chatbot-secrets"
TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"

bash "$ROOT/scripts/install-deploy-tools.sh"
HELM="$TOOLS_DIR/bin/helm"
if [[ ! -x "$HELM" ]]; then
  echo "render-manifests: helm is not installed (see scripts/install-deploy-tools.sh)" >&2
  exit 1
fi

render() {
  local profile="$1" namespace="$2"
  local dir="$OUT/$profile"
  local args=(
    "$RELEASE" "$CHART"
    --namespace "$namespace"
    --values "$CHART/values-$profile.yaml"
    --set namespace.create=true
    --set "secrets.existingSecret=$SECRET"
  )
  local header="# Rendered from deploy/helm/todo-chatbot with values-$profile.yaml by scripts/render-manifests.sh; edit the chart, not this file."
  mkdir -p "$dir"
  {
    echo "$header"
    "$HELM" template "${args[@]}" --no-hooks
  } >"$dir/todo-chatbot.yaml"
  {
    echo "$header"
    "$HELM" template "${args[@]}" --show-only templates/migration-job.yaml
  } >"$dir/migrate-job.yaml"
}

render doks todo-phase-v
render minikube todo-chatbot
