#!/usr/bin/env bash
# Commits offset 0 (the log start) on every partition of every topic a KafkaSource consumes, for its
# consumer group, before the KafkaSources exist. Run it once per cluster, after the topics and before
# `kubectl apply -k` (docs/deploy.md, B step 4; Terraform's kind root runs it for you).
#
#   knative/platform/commit-initial-offsets.sh [--context CTX] [--dry-run]             # Strimzi in the cluster
#   knative/platform/commit-initial-offsets.sh --bootstrap-servers HOST:PORT [--dry-run] # managed Kafka
#
# With --bootstrap-servers it commits the same offsets from this machine with Baton's replay tool
# (`kn baton replay reset --to-earliest`, docs/replay.md), whose Kafka client reads SASL from
# KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG, as the functions do.
# It builds local/target/baton-local.jar first if it is missing (needs a JDK 17+ and Maven).
#
# Why: with initialOffset: earliest the eventing-kafka controller commits no initial offsets, and the
# dispatcher commits only on partitions that received a record. KEDA's Kafka scaler (the controller
# leaves offsetResetPolicy=latest and scaleToZeroOnInvalidOffset=false) counts a partition with no
# committed offset as lag 1, so every source kept one consumer for ever. With offsets committed, an
# idle partition has lag 0 and the source's ConsumerGroup can scale to zero.
#
# The groups and topics are BatonFunction.consumerGroup() and consumes() (deploy-check compares them).
# Kafka refuses to reset a group with live members, so this is for before the sources are created;
# on a group that already has offsets it is not needed.
set -euo pipefail

context=()
dry_run=false
bootstrap=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --context) context=(--context "$2"); shift 2 ;;
    --bootstrap-servers) bootstrap="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

run() {
  if $dry_run; then
    echo "$*"
  else
    "$@"
  fi
}

if [[ -n "$bootstrap" ]]; then
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [[ -z "${BATON_REPLAY_JAR:-}${BATON_REPLAY_CLASSPATH:-}" && ! -f "$root/local/target/baton-local.jar" ]] && ! $dry_run; then
    (cd "$root" && mvn -B -q -DskipTests package -pl local -am)
  fi
  # One reset per function covers every topic it consumes (BatonFunction.consumes()).
  for function in operation user approval; do
    run "$root/knative/kn-baton" replay reset --function "$function" --to-earliest --execute --bootstrap-servers "$bootstrap"
  done
  exit 0
fi

run kubectl "${context[@]}" wait kafka/baton-kafka -n kafka --for=condition=Ready --timeout=10m
run kubectl "${context[@]}" wait kafkatopic --all -n kafka --for=condition=Ready --timeout=5m

# group topic
while read -r group topic; do
  run kubectl "${context[@]}" exec -n kafka baton-kafka-dual-role-0 -- bin/kafka-consumer-groups.sh \
    --bootstrap-server localhost:9092 --group "$group" --topic "$topic" --reset-offsets --to-earliest --execute
done <<'PAIRS'
baton-operation user-create-response
baton-user user-create
baton-user user-approve-response
baton-approval user-approve
PAIRS
