# shellcheck shell=bash
# Shared by the install scripts: `source "$(dirname "${BASH_SOURCE[0]}")/common.sh"`.

under_ci() {
  case "${CI:-}" in
    1 | true | TRUE | True | yes) return 0 ;;
    *) return 1 ;;
  esac
}

apt_install() {
  # apt_install PACKAGE...: Debian packages without their recommends (as root, or with sudo).
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

log() {
  # log MESSAGE...: to stderr, prefixed with the running script's name.
  printf '%s: %s\n' "$(basename "$0" .sh)" "$*" >&2
}

need() {
  # need PROGRAM WHAT: true when PROGRAM is on PATH; otherwise warn and return 1, or fail
  # under CI (where a missing program must never turn into skipped tests).
  if command -v "$1" >/dev/null 2>&1; then
    return 0
  fi
  if under_ci; then
    log "error: $1 is required to install $2"
    exit 1
  fi
  log "warning: $1 not found, $2 not installed (its tests will skip)"
  return 1
}
