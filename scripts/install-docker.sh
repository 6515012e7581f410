#!/usr/bin/env bash
# What the container tests need: Debian's docker.io (dockerd, containerd, runc, the docker CLI
# with BuildKit) and debootstrap for the stand-in base image (scripts/build-base-image.sh).
# The tests start their own dockerd on a data root under the cache and stop it again
# (tests/support/docker.py); the docker.service a systemd machine starts from the package is
# neither needed nor touched by them. Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

need=()
[ -x /usr/sbin/dockerd ] || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ "${#need[@]}" -gt 0 ]; then
  # Without recommends: no apparmor, cgroupfs-mount or git the tests never use.
  apt_install "${need[@]}"
fi

echo "docker: $(/usr/bin/docker --version)"
echo "debootstrap: $(dpkg-query -W -f '${Version}' debootstrap)"
