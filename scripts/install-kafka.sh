#!/usr/bin/env bash
# Make the Kafka tests runnable: Java, Maven and the official Apache Kafka jars (broker, tools
# and a logging binding) fetched from Maven Central into a cache. Idempotent: when the jars are
# cached and Java is present it returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
SCALA_VERSION="${SCALA_VERSION:-2.13}"
SLF4J_VERSION="${SLF4J_VERSION:-1.7.36}"
CACHE_DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo-chatbot}/kafka"
LIBS="$CACHE_DIR/$KAFKA_VERSION/libs"

need_apt=()
# A JDK, not only a JRE: the CRD schema build compiles Strimzi's generator with javac.
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven) # also resolves the CRD schema sources
if [ "${#need_apt[@]}" -gt 0 ]; then
    apt_install "${need_apt[@]}"
fi

if [ ! -f "$LIBS/.complete" ]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>todo-chatbot</groupId>
  <artifactId>kafka-test-broker</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>$SLF4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
    rm -rf "$LIBS"
    mkdir -p "$LIBS"
    mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$LIBS"
    touch "$LIBS/.complete"
fi

echo "java: $(java -version 2>&1 | head -n 1)"
echo "kafka $KAFKA_VERSION jars: $LIBS ($(find "$LIBS" -name '*.jar' | wc -l) jars)"
