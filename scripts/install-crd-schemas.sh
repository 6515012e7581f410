#!/usr/bin/env bash
# The CustomResourceDefinitions of the custom resources the Helm chart renders, kept as YAML for
# installing into a real API server (tests/cluster):
#   <tools>/crds/<source>/*.yaml
# and as JSON Schemas for kubeconform:
#   <tools>/crd-json-schema/<group>/<kind lowercase>_<version>.json, i.e.
#   -schema-location '<cache>/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'
# (scripts/crd_to_jsonschema.py turns each version's openAPIV3Schema into a strict JSON Schema).
# Sources, all from package registries:
#   Dapr                 Go module github.com/dapr/dapr v1.16.5, charts/dapr/crds/
#                        (Component, Configuration, Resiliency, Subscription, HTTPEndpoint)
#   Prometheus Operator  Go module github.com/prometheus-operator/prometheus-operator v0.89.0,
#                        example/prometheus-operator-crd/ (ServiceMonitor, PodMonitor, PrometheusRule)
#   cert-manager         Go module github.com/cert-manager/cert-manager v1.21.2, deploy/crds/
#                        (Certificate, CertificateRequest, Issuer, ClusterIssuer)
#   Strimzi              Maven io.strimzi:api 0.51.0 (the last release with both kafka.strimzi.io
#                        v1 and v1beta2), run through Strimzi's CRD generator, Maven
#                        io.strimzi:crd-generator 1.2.0 with io.strimzi:crd-annotations 1.2.0
#                        (Kafka, KafkaNodePool, KafkaTopic, KafkaUser at v1 and v1beta2).
#                        Maven Central has no crd-generator 0.51.0, and the 1.2.0 jars are Java 21
#                        bytecode; their sources jars compile with `javac --release 17`, so the
#                        generator is built from those and run on Java 17+.
# The Go modules are plain zips from the module proxy: no go needed. Quick when the cache holds
# this set of versions (a stamp file keyed by them and FORMAT).
#
# Environment:
#   TODO_TOOLS_DIR   cache folder (default: $HOME/.cache/todo-chatbot/tools); CRDs in crds/,
#                    schemas in crd-json-schema/
#   GOPROXY_URL      Go module proxy (default: https://proxy.golang.org)
#   PYTHON           interpreter for a PyYAML venv when no python with PyYAML is found
#   CI               when true, a missing prerequisite (curl, unzip, java, javac, mvn, python3)
#                    is an error; otherwise the schemas are left out with a warning and the
#                    tests that need them skip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DAPR_VERSION="v1.16.5"
PROMETHEUS_OPERATOR_VERSION="v0.89.0"
CERT_MANAGER_VERSION="v1.21.2"
STRIMZI_API_VERSION="0.51.0"
STRIMZI_CRD_GENERATOR_VERSION="1.2.0"
SPOTBUGS_ANNOTATIONS_VERSION="4.7.3" # only to compile the generator's sources
PYYAML_VERSION="6.0.3"
# Bumped whenever the conversion or the set of CRDs changes, so cached schemas are regenerated.
FORMAT="2"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS_DIR="${TODO_TOOLS_DIR:-$HOME/.cache/todo-chatbot/tools}"
OUT_DIR="$TOOLS_DIR/crd-json-schema"
CRD_DIR="$TOOLS_DIR/crds"
VENV_DIR="$TOOLS_DIR/venvs"
PROXY="${GOPROXY_URL:-https://proxy.golang.org}"
PYTHON="${PYTHON:-python3}"
STAMP="$OUT_DIR/.generated-format$FORMAT-dapr$DAPR_VERSION-prom$PROMETHEUS_OPERATOR_VERSION"
STAMP+="-cm$CERT_MANAGER_VERSION-strimzi$STRIMZI_API_VERSION-gen$STRIMZI_CRD_GENERATOR_VERSION"

[[ -f "$STAMP" && -d "$CRD_DIR" ]] && exit 0

missing() {
  # missing WHAT: fail under CI, otherwise warn and leave the schemas out.
  if under_ci; then
    log "error: $1 is required to build the CRD schemas"
    exit 1
  fi
  log "warning: $1 not found, CRD schemas not installed (the chart validation tests will skip)"
  exit 0
}

for program in curl unzip java javac mvn; do
  command -v "$program" >/dev/null 2>&1 || missing "$program"
done

mkdir -p "$TOOLS_DIR"
exec 8>"$TOOLS_DIR/.crd-schemas.lock"
flock 8 2>/dev/null || true
[[ -f "$STAMP" && -d "$CRD_DIR" ]] && exit 0

yaml_python() {
  # A python with PyYAML: kubernetes-validate's venv, the given interpreter, or a venv of our own.
  local candidate venv="$VENV_DIR/pyyaml-$PYYAML_VERSION"
  for candidate in "$VENV_DIR"/kubernetes-validate-*/bin/python "$venv/bin/python" "$PYTHON"; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  command -v "$PYTHON" >/dev/null 2>&1 || missing "$PYTHON"
  log "installing PyYAML $PYYAML_VERSION into $venv"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
    "PyYAML==$PYYAML_VERSION" >&2
  echo "$venv/bin/python"
}
python="$(yaml_python)"
[[ -n "$python" ]] || exit 0 # no python at all: yaml_python warned (under CI it failed)

work="$(mktemp -d)"
trap 'rm -rf "$work" "$OUT_DIR.new" "$CRD_DIR.new"' EXIT
mkdir -p "$work/crds"

go_module_crds() {
  # go_module_crds MODULE VERSION PATTERN...: the module's zip, files matching PATTERN (paths
  # inside the module) extracted flat into $work/crds/<module basename>/.
  local module="$1" version="$2"
  shift 2
  local zip="$work/${module//\//_}.zip" prefix="$module@$version/" patterns=() pattern
  log "fetching $module $version"
  curl -fsSL --retry 3 -o "$zip" "$PROXY/$module/@v/$version.zip"
  for pattern in "$@"; do patterns+=("$prefix$pattern"); done
  unzip -q -j -o -d "$work/crds/${module##*/}" "$zip" "${patterns[@]}"
}

go_module_crds github.com/dapr/dapr "$DAPR_VERSION" 'charts/dapr/crds/*.yaml'
go_module_crds github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION" \
  example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml \
  example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml \
  example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml
go_module_crds github.com/cert-manager/cert-manager "$CERT_MANAGER_VERSION" \
  'deploy/crds/cert-manager.io_*.yaml'

log "resolving io.strimzi:api $STRIMZI_API_VERSION and crd-generator $STRIMZI_CRD_GENERATOR_VERSION"
sources_dependency() {
  printf '<dependency><groupId>io.strimzi</groupId><artifactId>%s</artifactId>' "$1"
  printf '<version>%s</version><classifier>sources</classifier>' "$STRIMZI_CRD_GENERATOR_VERSION"
  printf '<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>'
  printf '</exclusions></dependency>\n'
}
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>todo-chatbot</groupId>
  <artifactId>strimzi-crds</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.strimzi</groupId>
      <artifactId>api</artifactId>
      <version>$STRIMZI_API_VERSION</version>
    </dependency>
    <dependency>
      <groupId>io.strimzi</groupId>
      <artifactId>crd-generator</artifactId>
      <version>$STRIMZI_CRD_GENERATOR_VERSION</version>
    </dependency>
    <dependency>
      <groupId>com.github.spotbugs</groupId>
      <artifactId>spotbugs-annotations</artifactId>
      <version>$SPOTBUGS_ANNOTATIONS_VERSION</version>
    </dependency>
    $(sources_dependency crd-generator)
    $(sources_dependency crd-annotations)
  </dependencies>
</project>
POM
mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$work/libs"

# The generator and its annotations, built from their sources for Java 17 (the published jars
# are Java 21 bytecode); every other jar as published.
generator_jars=("crd-generator-$STRIMZI_CRD_GENERATOR_VERSION" "crd-annotations-$STRIMZI_CRD_GENERATOR_VERSION")
mkdir -p "$work/src" "$work/classes"
for jar in "${generator_jars[@]}"; do
  unzip -q -o -d "$work/src" "$work/libs/$jar-sources.jar"
  rm "$work/libs/$jar-sources.jar" "$work/libs/$jar.jar"
done
classpath="$(printf '%s:' "$work"/libs/*.jar)"
find "$work/src" -name '*.java' >"$work/sources.txt"
javac --release 17 -nowarn -XDsuppressNotes -encoding UTF-8 -d "$work/classes" \
  -cp "$classpath" "@$work/sources.txt"

log "generating the Strimzi CRDs"
mkdir -p "$work/crds/strimzi"
model="io.strimzi.api.kafka.model"
# As Strimzi's api/pom.xml calls it; kafka.strimzi.io v1beta2 stays the storage version in 0.51.
java -cp "$work/classes:$classpath" io.strimzi.crdgenerator.CrdGenerator \
  --crd-api-version v1 --api-versions v1beta2,v1 --storage-version v1beta2 --yaml \
  "$model.kafka.Kafka=$work/crds/strimzi/kafka.yaml" \
  "$model.nodepool.KafkaNodePool=$work/crds/strimzi/kafkanodepool.yaml" \
  "$model.topic.KafkaTopic=$work/crds/strimzi/kafkatopic.yaml" \
  "$model.user.KafkaUser=$work/crds/strimzi/kafkauser.yaml" >&2

log "converting to JSON Schema in $OUT_DIR"
rm -rf "$OUT_DIR.new"
"$python" "$here/crd_to_jsonschema.py" "$OUT_DIR.new" "$work"/crds/*/*.yaml
rm -rf "$CRD_DIR.new"
cp -r "$work/crds" "$CRD_DIR.new"
touch "$OUT_DIR.new/${STAMP##*/}"
# The stamp lives with the schemas, so the CRDs move into place first.
rm -rf "$CRD_DIR" "$OUT_DIR"
mv "$CRD_DIR.new" "$CRD_DIR"
mv "$OUT_DIR.new" "$OUT_DIR"
log "$(find "$CRD_DIR" -name '*.yaml' | wc -l) CRDs and $(find "$OUT_DIR" -name '*.json' | wc -l) schemas ready"
