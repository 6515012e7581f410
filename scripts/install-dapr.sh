#!/usr/bin/env bash
# A real Dapr sidecar for the Dapr tests (tests/dapr): `daprd` built from the Go module
# github.com/dapr/dapr at DAPR_VERSION, with only the components the project's resources use:
#   pubsub.kafka, state.postgresql, secretstores.kubernetes and secretstores.local.file.
# No name resolver: the apps do no service invocation, and self-hosted mDNS would announce
# itself on every interface (daprd logs the missing resolver and goes on).
# Each component registration in cmd/daprd/components is its own file tagged
# `allcomponents || stablecomponents`; the copy keeps the wanted ones and builds with
# -tags allcomponents. (`go install` refuses the module because of its replace directives.)
# The binary lands in <tools>/bin/daprd with a version stamp; later runs find it and return at
# once. The first build takes about 6 minutes on two idle cores.
#
# Environment:
#   TODO_TOOLS_DIR   cache folder (default: $HOME/.cache/todo-chatbot/tools)
#   CI               when true, a missing prerequisite (go) is an error; otherwise daprd is left
#                    out with a warning and the Dapr tests skip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# v1.16.0: later 1.16 releases need a components-contrib version the module proxy refuses.
DAPR_VERSION="v1.16.0"
COMPONENTS=(
  pubsub_kafka.go
  state_postgres.go
  secretstores_kubernetes.go
  secretstores_local_file.go
)

TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"
BIN="$TOOLS_DIR/bin/daprd"
STAMP="$TOOLS_DIR/bin/.daprd-version"

built() {
  [[ -x "$BIN" && -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$DAPR_VERSION ${COMPONENTS[*]}" ]]
}

if built; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  if under_ci; then
    log "error: go is required to build daprd"
    exit 1
  fi
  log "warning: go not found, daprd not built (the Dapr tests will skip)"
  exit 0
fi

mkdir -p "$TOOLS_DIR/bin"
exec 7>"$TOOLS_DIR/.dapr.lock"
flock 7 2>/dev/null || true
if built; then # another run built it while this one waited
  exit 0
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

log "fetching github.com/dapr/dapr $DAPR_VERSION"
source_dir="$(GOFLAGS=-mod=mod go mod download -json "github.com/dapr/dapr@$DAPR_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$source_dir" ]] || {
  log "error: no source folder for github.com/dapr/dapr $DAPR_VERSION"
  exit 1
}
cp -r "$source_dir" "$work/dapr"
chmod -R u+w "$work/dapr"

components="$work/dapr/cmd/daprd/components"
for file in "$components"/*.go; do
  name="$(basename "$file")"
  case " ${COMPONENTS[*]} " in
    *" $name "*) ;;
    *) rm "$file" ;;
  esac
done
for name in "${COMPONENTS[@]}"; do
  [[ -f "$components/$name" ]] || {
    log "error: $name is not in cmd/daprd/components of $DAPR_VERSION"
    exit 1
  }
done

log "building daprd $DAPR_VERSION with ${COMPONENTS[*]}"
started=$SECONDS
(
  cd "$work/dapr"
  CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=mod go build -trimpath -tags allcomponents \
    -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${DAPR_VERSION#v}" \
    -o "$work/daprd" ./cmd/daprd
)
mv "$work/daprd" "$BIN"
printf '%s\n' "$DAPR_VERSION ${COMPONENTS[*]}" >"$STAMP"
log "built $BIN in $((SECONDS - started)) s ($("$BIN" --version))"
