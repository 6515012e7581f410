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
