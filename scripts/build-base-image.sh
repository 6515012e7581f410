#!/usr/bin/env bash
# A stand-in for the official python:3.11-slim-bookworm base, for machines no registry serves:
# Debian bookworm from debootstrap (minbase) with Python 3.11 and its venv module, packed as a
# tarball for `docker import` (then: docker build --build-arg BASE_IMAGE=...). The container
# tests import docker/base/current.tar (tests/support/docker.py). Runs debootstrap as root
# (through sudo if need be). Idempotent: the tarball is cached and rebuilt only when this
# recipe changes; the package list beside it tells why the image size moved, if it did.
#
# Environment:
#   TODO_CACHE_DIR   cache folder (default: $HOME/.cache/todo-chatbot); output in docker/base/
#   DEBIAN_MIRROR    Debian mirror (default: http://deb.debian.org/debian)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SUITE="bookworm"
PACKAGES="python3.11-venv,python3-distutils,ca-certificates"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# Bumped whenever the recipe below changes, so a cached tarball is rebuilt.
RECIPE="1"

CACHE="${TODO_CACHE_DIR:-$HOME/.cache/todo-chatbot}/docker/base"
NAME="debian-$SUITE-python3.11-r$RECIPE"
TARBALL="$CACHE/$NAME.tar"

if [ -f "$TARBALL" ] && [ -f "$CACHE/$NAME.packages" ]; then
  ln -sfn "$NAME.tar" "$CACHE/current.tar"
  log "cached: $TARBALL"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  # debootstrap needs root; the tarball still lands in the caller's cache.
  exec sudo TODO_CACHE_DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo-chatbot}" DEBIAN_MIRROR="$MIRROR" \
    bash "${BASH_SOURCE[0]}"
fi

mkdir -p "$CACHE"
work="$(mktemp -d "$CACHE/.build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"

log "debootstrap $SUITE ($MIRROR) with $PACKAGES"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}

# The package set, for telling why the image size moved.
chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' >"$work/packages"

# What no container reads: package lists and caches, documentation, manuals, translations.
# Without these the base is about the size of the official slim image.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/log/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
  "$root"/usr/share/locale/* "$root"/usr/share/lintian "$root"/tmp/*
find "$root" -depth -type d -name __pycache__ -exec rm -rf {} +
printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$root/etc/apt/sources.list"
: >"$root/etc/resolv.conf"
: >"$root/etc/hostname"

tar --numeric-owner --xattrs -C "$root" -cf "$work/base.tar" .
mv "$work/packages" "$CACHE/$NAME.packages"
mv "$work/base.tar" "$TARBALL"
ln -sfn "$NAME.tar" "$CACHE/current.tar"
log "built $TARBALL ($(du -m "$TARBALL" | cut -f1) MB, $(wc -l <"$CACHE/$NAME.packages") packages)"
