#!/usr/bin/env bash
# A real Kubernetes control plane for the cluster tests (tests/cluster), with simulated nodes:
#   kube-apiserver, kube-controller-manager, kube-scheduler and kubectl built from the Go module
#   k8s.io/kubernetes at KUBERNETES_VERSION, into <cache>/kubernetes-<version>/bin/;
#   kwok (fake nodes and pods) built with `go install` into <cache>/kwok-<version>/bin/;
#   etcd 3.4 from Debian's etcd-server package (apt, needs root or sudo).
# The k8s.io/kubernetes module points its k8s.io/* requirements at ./staging, which its module
# zip leaves out; those replaces are dropped in favour of the published staging modules of the
# same release (v0.<minor>.<patch>). The first build takes about ten minutes on two cores; later
# runs find the binaries at their version and return at once.
#
# Environment:
#   TODO_TOOLS_DIR   cache folder (default: $HOME/.cache/todo-chatbot/tools)
#   CI               when true, a missing prerequisite (go) is an error; otherwise the control
#                    plane is left out with a warning and the cluster tests skip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KUBERNETES_VERSION="v1.34.2"
STAGING_VERSION="v0.34.2" # the k8s.io/* staging modules published with KUBERNETES_VERSION
KWOK_VERSION="v0.7.0"

TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"
KUBE_DIR="$TOOLS_DIR/kubernetes-$KUBERNETES_VERSION"
KWOK_DIR="$TOOLS_DIR/kwok-$KWOK_VERSION"
PROGRAMS=(kube-apiserver kube-controller-manager kube-scheduler kubectl)

missing() {
  # missing WHAT: fail under CI, otherwise warn and leave the control plane out.
  if under_ci; then
    log "error: $1 is required to build the Kubernetes control plane"
    exit 1
  fi
  log "warning: $1 not found, Kubernetes control plane not installed (the cluster tests will skip)"
  exit 0
}

built() {
  local program
  for program in "${PROGRAMS[@]}"; do
    [[ -x "$KUBE_DIR/bin/$program" ]] || return 1
  done
  "$KUBE_DIR/bin/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes $KUBERNETES_VERSION"
}

if ! command -v etcd >/dev/null 2>&1; then
  apt_install etcd-server
fi
if built && [[ -x "$KWOK_DIR/bin/kwok" ]]; then
  exit 0
fi
command -v go >/dev/null 2>&1 || missing go

mkdir -p "$TOOLS_DIR"
exec 7>"$TOOLS_DIR/.kube.lock"
flock 7 2>/dev/null || true

if [[ ! -x "$KWOK_DIR/bin/kwok" ]]; then
  log "building kwok $KWOK_VERSION"
  CGO_ENABLED=0 GOBIN="$KWOK_DIR/bin" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi

if built; then
  exit 0
fi
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

log "fetching k8s.io/kubernetes $KUBERNETES_VERSION"
source_dir="$(GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$source_dir" ]] || {
  log "error: no source folder for k8s.io/kubernetes $KUBERNETES_VERSION"
  exit 1
}
cp -r "$source_dir" "$work/kubernetes"
chmod -R u+w "$work/kubernetes"
cd "$work/kubernetes"

edits=()
while read -r module; do
  edits+=("-dropreplace=$module" "-require=$module@$STAGING_VERSION")
done < <(sed -n 's|^[[:space:]]*\(k8s.io/[^ ]*\) => ./staging/.*|\1|p' go.mod)
[[ "${#edits[@]}" -gt 0 ]] || {
  log "error: k8s.io/kubernetes $KUBERNETES_VERSION has no ./staging replaces to drop"
  exit 1
}
go mod edit "${edits[@]}"

# The version the binaries report, as the release build stamps it (hack/lib/version.sh).
minor="${KUBERNETES_VERSION#v*.}"
minor="${minor%%.*}"
ldflags="-s -w"
for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $package.gitVersion=$KUBERNETES_VERSION -X $package.gitMajor=1"
  ldflags+=" -X $package.gitMinor=$minor -X $package.gitTreeState=clean"
  ldflags+=" -X $package.buildDate=1970-01-01T00:00:00Z"
done

log "building ${PROGRAMS[*]} $KUBERNETES_VERSION (about ten minutes on two cores)"
mkdir -p "$work/bin"
packages=()
for program in "${PROGRAMS[@]}"; do packages+=("./cmd/$program"); done
GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 \
  go build -trimpath -ldflags "$ldflags" -o "$work/bin/" "${packages[@]}"

rm -rf "$KUBE_DIR"
mkdir -p "$KUBE_DIR"
mv "$work/bin" "$KUBE_DIR/bin"
built || {
  log "error: the built kube-apiserver does not report $KUBERNETES_VERSION"
  exit 1
}
log "Kubernetes $KUBERNETES_VERSION ready in $KUBE_DIR/bin"
