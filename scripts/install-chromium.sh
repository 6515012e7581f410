#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium (Playwright's own browser download does not
# work here) and a pinned axe-core for the accessibility check. Idempotent: a no-op when both
# are already in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

AXE_VERSION="4.14.1"
AXE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE="${TODO_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-chatbot}"
AXE_DIR="$CACHE/axe-core-$AXE_VERSION"

# Only the browser and one font family: without --no-install-recommends, chromium pulls in
# avahi, cups and systemd helpers and upgrades system packages the tests never use.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-liberation
fi

if [ ! -f "$AXE_DIR/axe.min.js" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
  tarball="$tmp/axe-core-$AXE_VERSION.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$AXE_INTEGRITY" ]; then
    echo "axe-core $AXE_VERSION: integrity mismatch ($actual)" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$tmp" package/axe.min.js
  mkdir -p "$AXE_DIR"
  mv "$tmp/package/axe.min.js" "$AXE_DIR/axe.min.js"
fi

echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
echo "axe-core: $AXE_DIR/axe.min.js"
