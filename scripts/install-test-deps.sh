#!/usr/bin/env bash
# Outside programs the test suite drives for real. Each step is idempotent and quick
# when already installed or cached.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# PostgreSQL server binaries (tests start a throwaway server with initdb/pg_ctl).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install postgresql
fi

# A real single-node Kafka broker (KRaft) from the official jars on Maven Central.
bash "$here/install-kafka.sh"

# Debian's Chromium and axe-core for the browser tests.
bash "$here/install-chromium.sh"

# helm, kubeconform, checkov and offline Kubernetes schemas for the chart tests.
bash "$here/install-deploy-tools.sh"

# Debian's docker.io and debootstrap, then the stand-in base image the container tests build on.
bash "$here/install-docker.sh"
bash "$here/build-base-image.sh"

# daprd built from the github.com/dapr/dapr module with only the components used (tests/dapr).
bash "$here/install-dapr.sh"
