#!/usr/bin/env bash
# Measures each function jar's startup-to-ready time with and without the image's JVM flags and a
# class-data archive (AppCDS on JDK 17, the AOT cache on JDK 25). Needs the jars
# (mvn -DskipTests package -pl functions/operation,functions/user,functions/approval) and baton-local
# (mvn -DskipTests package -pl local), which embeds Kafka and MongoDB. No Docker, no network.
#
#   knative/jib/measure-startup.sh [RUNS]        JDK 25 from $JAVA25_HOME if set
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-5}"
java17="$(command -v java)"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java25" ]] || java25=""
for jar in "$repo"/functions/{operation,user,approval}/target/baton-*.jar "$repo/local/target/baton-local.jar"; do
  [[ -f "$jar" ]] || { echo "missing $jar: build it first" >&2; exit 1; }
done
# Copies, so that a rebuild of the jars during the measurement cannot pull classes from under it.
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
for f in operation user approval; do
  mkdir -p "$copy/functions/$f/target" && cp "$repo/functions/$f/target/baton-$f.jar" "$copy/functions/$f/target/"
done
cp "$repo/local/target/baton-local.jar" "$copy/"
if ! unzip -l "$copy/baton-local.jar" 2>/dev/null | grep -q "kafka/server/KafkaConfig.class"; then
  echo "local/target/baton-local.jar is not the shaded jar with Kafka inside (being rebuilt?): mvn -DskipTests package -pl local" >&2
  exit 1
fi
echo "java: $("$java17" -version 2>&1 | head -1)${java25:+, $("$java25" -version 2>&1 | head -1)}; $(nproc) CPUs, function on CPU 0"
# Kafka and MongoDB run in the measuring JVM on CPU 1; the function gets CPU 0 alone (a 1-CPU limit).
taskset -c 1 "$java17" -Druns="$runs" -DfunctionCpu=0 -cp "$copy/baton-local.jar" \
  "$repo/knative/jib/MeasureStartup.java" "$copy" "$java17" $java25
