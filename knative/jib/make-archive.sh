#!/usr/bin/env bash
# Makes the class-data archive that the function's image carries (knative/jib/README.md):
#   functions/<fn>/target/jib/app/baton-<fn>.jar   the shaded jar, dated 1970-01-01T00:00:01Z as Jib dates files
#   functions/<fn>/target/jib/app/baton-<fn>.jsa   AppCDS archive (or .aot with ARCHIVE=aot and a JDK 25)
# ARCHIVE=none only copies the jar (an image without an archive, e.g. where Kafka cannot be embedded).
# The archive only works with the same JVM build as the image's base image: run this with that JDK
# (JAVA=/path/to/bin/java). With another build the image still starts, without the archive (-Xshare:auto).
#
#   knative/jib/make-archive.sh operation|user|approval
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fn="$1"
java="${JAVA:-java}"
kind="${ARCHIVE:-jsa}"
out="$repo/functions/$fn/target/jib/app"
mkdir -p "$out"
cp "$repo/functions/$fn/target/baton-$fn.jar" "$out/"
# CDS rejects a jar whose size or date differ from the training run's; Jib dates every file so.
touch -d @1 "$out/baton-$fn.jar"
rm -f "$out"/baton-"$fn".{jsa,aot}
if [[ "$kind" == none ]]; then ls -l "$out"; exit 0; fi
if ! unzip -l "$repo/local/target/baton-local.jar" 2>/dev/null | grep -q "kafka/server/KafkaConfig.class"; then
  echo "local/target/baton-local.jar is not the shaded jar with Kafka inside: mvn -DskipTests install -pl eventing,local" >&2
  exit 1
fi
"$java" -cp "$repo/local/target/baton-local.jar" "$repo/knative/jib/MeasureStartup.java" \
  --train "$out/baton-$fn.jar" "$out/baton-$fn.$kind" "$java"
ls -l "$out"
