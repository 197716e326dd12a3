#!/usr/bin/env bash
# Startup-to-ready time and idle RSS of each function jar, against a running './baton up'
# (its Kafka on 9092 and MongoDB on 27017), plus the RSS of the running stack's processes.
# Usage: local/scripts/measure-jars.sh [runs] [extra JVM options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-3}"; shift || true
port=18990
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
printf '%-10s %-6s %s\n' function run "ready-ms idle-rss-MB"
for fn in operation user approval; do
  for run in $(seq "$runs"); do
    start=$(date +%s%N)
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 MONGODB_URI=mongodb://127.0.0.1:27017 PORT=$port BATON_LOG_LEVEL=WARN \
      java "$@" -jar "$root/functions/$fn/target/baton-$fn.jar" > /dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health/readiness"; do sleep 0.05; done
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep 10
    printf '%-10s %-6s %s %s\n' "$fn" "$run" "$ready" "$(rss_mb $pid)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
echo "running stack:"
for p in $(pgrep -f 'baton-local.jar up') $(pgrep -f 'baton-(operation|user|approval).jar -jar\|target/baton-(operation|user|approval).jar'); do
  printf '  %-8s %5s MB  %s\n' "$p" "$(rss_mb "$p")" "$(tr '\0' ' ' < /proc/$p/cmdline | grep -oE 'baton-[a-z]+\.jar( up)?' | head -1)"
done
