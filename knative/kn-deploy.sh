#!/usr/bin/env bash
# Deploys Baton with the kn CLI: the same resources as `kubectl apply -k knative/overlays/<overlay>`.
#
#   knative/kn-deploy.sh [--overlay local|managed] [--namespace NS] [--dry-run]
#
# The Knative Services are created with `kn service apply`. Everything kn has no command or flag for
# is applied with `kubectl apply`: KafkaSinks, the dead-letter Broker and Triggers, KafkaTopics,
# ConfigMaps, the NetworkPolicy, and the KafkaSources. The kafka source plugin (`kn source kafka
# create`) has --servers, --topics, --consumergroup, --sink, --annotation, --label and --ce-override,
# but no flag for initialOffset, ordering, delivery (retry, backoff, timeout, dead-letter sink) or
# SASL; patching those in after creation would race the first poll. So the plugin is not used and
# not needed: the KafkaSources are applied whole.
#
# --dry-run prints every command instead of running it. deploy-check's KnDeployDryRunTest compares
# that output with the rendered overlays, so the two deployment paths cannot drift apart: change a
# value here and in knative/ together.
#
# Managed overlay settings come from the environment:
#   BATON_KAFKA_BOOTSTRAP  Kafka bootstrap servers (default: the overlay's placeholder)
#   BATON_IMAGE_PREFIX     registry and path of the images (default: the overlay's placeholder)
# The Secrets baton-mongodb (and, managed, baton-kafka) must exist: see docs/deploy.md.
set -euo pipefail

overlay=local
namespace=baton
dry_run=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --overlay) overlay="$2"; shift 2 ;;
    --namespace) namespace="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

version=0.1.0-SNAPSHOT
case "$overlay" in
  local)
    bootstrap=baton-kafka-kafka-bootstrap.kafka.svc:9092
    image_prefix=dev.local
    sasl=false
    broker_replication=1
    ;;
  managed)
    bootstrap="${BATON_KAFKA_BOOTSTRAP:-kafka.example.com:9093}"
    image_prefix="${BATON_IMAGE_PREFIX:-registry.example.com/baton}"
    sasl=true
    broker_replication=3
    ;;
  *) echo "--overlay must be local or managed" >&2; exit 2 ;;
esac

# Prints a command (shell-quoted) in a dry run, runs it otherwise.
run() {
  if $dry_run; then
    printf '%q ' "$@" | sed 's/ $//'
    echo
  else
    "$@"
  fi
}

# Applies the YAML on stdin to a namespace, Baton's unless given (or prints it as a heredoc in a dry run).
apply() {
  local target="${1:-$namespace}"
  if $dry_run; then
    echo "kubectl apply -n $target -f - <<'EOF'"
    cat
    echo "EOF"
  else
    kubectl apply -n "$target" -f -
  fi
}

require_secret() {
  if $dry_run; then
    echo "kubectl get secret -n $namespace $1"
  elif ! kubectl get secret -n "$namespace" "$1" >/dev/null; then
    echo "Secret $namespace/$1 is missing; create it first (docs/deploy.md, 'Secrets')" >&2
    exit 1
  fi
}

namespace_and_secrets() {
  if $dry_run; then
    echo "kubectl create namespace $namespace --dry-run=client -o yaml | kubectl apply -f -"
  else
    kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -
  fi
  require_secret baton-mongodb
  if $sasl; then require_secret baton-kafka; fi
}

kafka_topics() {
  local topic
  for topic in user-create user-approve user-approve-response user-create-response; do
    kafka_topic "$topic" 604800000
    kafka_topic "$topic.dlq" 1209600000
  done
}

# Strimzi's topic operator watches the namespace of its Kafka cluster.
kafka_topic() {
  apply kafka <<EOF
apiVersion: kafka.strimzi.io/v1
kind: KafkaTopic
metadata:
  name: $1
  namespace: kafka
  labels:
    strimzi.io/cluster: baton-kafka
    app.kubernetes.io/part-of: baton
spec:
  partitions: 6
  replicas: 1
  config:
    retention.ms: $2
EOF
}

config_maps() {
  local managed_keys="" broker_auth=""
  if $sasl; then
    managed_keys=$'\n  kafka.security.protocol: SASL_SSL\n  kafka.sasl.mechanism: PLAIN'
    broker_auth=$'\n  auth.secret.ref.name: baton-kafka'
  fi
  apply <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: baton-config
  labels:
    app.kubernetes.io/part-of: baton
data:
  kafka.bootstrap.servers: $bootstrap
  local.delivery.enabled: "false"
  operation.timeout: 5m
  approval.work.time: 200ms
  approval.blocked.domains: blocked.example
  metrics.port: "9095"$managed_keys
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: baton-dead-letters-broker
  labels:
    app.kubernetes.io/part-of: baton
data:
  bootstrap.servers: $bootstrap
  default.topic.partitions: "1"
  default.topic.replication.factor: "$broker_replication"$broker_auth
EOF
}

dead_letters() {
  apply <<EOF
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata:
  name: baton-dead-letters
  labels:
    app.kubernetes.io/part-of: baton
  annotations:
    eventing.knative.dev/broker.class: Kafka
spec:
  config:
    apiVersion: v1
    kind: ConfigMap
    name: baton-dead-letters-broker
  delivery:
    retry: 10
    backoffPolicy: exponential
    backoffDelay: PT1S
EOF
  dead_letter_route user-create baton-user dev.baton.user.create.requested
  dead_letter_route user-approve baton-approval dev.baton.user.approval.requested
  dead_letter_route user-approve-response baton-user dev.baton.user.approval.decided
  dead_letter_route user-create-response baton-operation dev.baton.user.create.completed dev.baton.user.create.failed
}

# A Trigger sending the topic's failed events (by CloudEvent type, or raw records by source) to a
# KafkaSink that writes <topic>.dlq. Arguments: topic, KafkaSource name, event types.
dead_letter_route() {
  local topic="$1" source="$2" type filters="" auth=""
  shift 2
  for type in "$@"; do
    filters+=$'\n        - exact:\n            type: '"$type"
  done
  if $sasl; then
    auth=$'\n  auth:\n    secret:\n      ref:\n        name: baton-kafka'
  fi
  apply <<EOF
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: $topic-dlq
  labels:
    app.kubernetes.io/part-of: baton
  annotations:
    autoscaling.eventing.knative.dev/class: disabled
spec:
  broker: baton-dead-letters
  filters:
    - any:$filters
        - exact:
            source: /apis/v1/namespaces/$namespace/kafkasources/$source#$topic
  subscriber:
    ref:
      apiVersion: eventing.knative.dev/v1alpha1
      kind: KafkaSink
      name: $topic-dlq
---
apiVersion: eventing.knative.dev/v1alpha1
kind: KafkaSink
metadata:
  name: $topic-dlq
  labels:
    app.kubernetes.io/part-of: baton
spec:
  topic: $topic.dlq
  bootstrapServers:
    - $bootstrap
  contentMode: binary$auth
EOF
}

# kn service apply with what every function Service shares. Arguments: Service name, image name (the
# operation image runs as two Services), then Service-specific flags.
function_service() {
  local name="$1" image="$2"
  shift 2
  local args=(kn service apply "$name" -n "$namespace"
    --image "$image_prefix/$image:$version"
    --port http1:8080
    --label app.kubernetes.io/part-of=baton
    --label app.kubernetes.io/component=function
    --scale-metric concurrency
    --scale-min 0
    --scale-utilization 70
    --probe-readiness http::8080:/health/readiness
    --probe-liveness http::8080:/health/liveness
    --probe-liveness-opts InitialDelaySeconds=20,PeriodSeconds=10,FailureThreshold=3
    --env BATON_HOST=0.0.0.0
    --env-value-from KAFKA_BOOTSTRAP_SERVERS=cm:baton-config:kafka.bootstrap.servers
    --env-value-from BATON_LOCAL_DELIVERY_ENABLED=cm:baton-config:local.delivery.enabled
    --env-value-from BATON_METRICS_PORT=cm:baton-config:metrics.port)
  args+=("$@")
  if $sasl; then
    args+=(--env-value-from KAFKA_SECURITY_PROTOCOL=cm:baton-config:kafka.security.protocol
      --env-value-from KAFKA_SASL_MECHANISM=cm:baton-config:kafka.sasl.mechanism
      --env-value-from KAFKA_SASL_JAAS_CONFIG=secret:baton-kafka:sasl.jaas.config)
  fi
  run "${args[@]}"
}

services() {
  # Public: the only route reachable from outside the cluster. The client API only: no event sink.
  function_service baton-operation baton-operation --no-cluster-local \
    --scale-max 5 --scale-target 50 --concurrency-limit 200 \
    --request cpu=250m,memory=384Mi --limit cpu=1,memory=512Mi \
    --env BATON_EVENTS_ENABLED=false \
    --env-value-from BATON_OPERATION_TIMEOUT=cm:baton-config:operation.timeout \
    --env-value-from MONGODB_URI=secret:baton-mongodb:uri
  # The same image as the operation's event sink: cluster-local, no client API.
  function_service baton-operation-events baton-operation --cluster-local \
    --scale-max 5 --scale-target 20 --concurrency-limit 50 \
    --request cpu=250m,memory=384Mi --limit cpu=1,memory=512Mi \
    --env BATON_API_ENABLED=false \
    --env-value-from BATON_OPERATION_TIMEOUT=cm:baton-config:operation.timeout \
    --env-value-from MONGODB_URI=secret:baton-mongodb:uri
  function_service baton-user baton-user --cluster-local \
    --scale-max 10 --scale-target 20 --concurrency-limit 50 \
    --request cpu=250m,memory=384Mi --limit cpu=1,memory=512Mi \
    --env-value-from MONGODB_URI=secret:baton-mongodb:uri
  function_service baton-approval baton-approval --cluster-local \
    --scale-max 10 --scale-target 10 --concurrency-limit 20 \
    --request cpu=250m,memory=256Mi --limit cpu=1,memory=384Mi \
    --env-value-from BATON_APPROVAL_WORK_TIME=cm:baton-config:approval.work.time \
    --env-value-from BATON_APPROVAL_BLOCKED_DOMAINS=cm:baton-config:approval.blocked.domains
}

network_policy() {
  apply <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: baton-internal-functions
  labels:
    app.kubernetes.io/part-of: baton
spec:
  podSelector:
    matchExpressions:
      - key: serving.knative.dev/service
        operator: In
        values:
          - baton-operation-events
          - baton-user
          - baton-approval
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: knative-serving
          podSelector:
            matchLabels:
              app: activator
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kourier-system
          podSelector:
            matchLabels:
              app: 3scale-kourier-gateway
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: knative-serving
          podSelector:
            matchLabels:
              app: autoscaler
      ports:
        - protocol: TCP
          port: 9090
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
          podSelector:
            matchLabels:
              app.kubernetes.io/name: prometheus
      ports:
        - protocol: TCP
          port: 9095
EOF
}

# Arguments: function service name, sink Service, KEDA max-scale, lag threshold, topics.
kafka_source() {
  local name="$1" sink="$2" max_scale="$3" lag="$4" topic topics="" net=""
  shift 4
  for topic in "$@"; do
    topics+=$'\n    - '"$topic"
  done
  if $sasl; then
    net=$'\n  net:\n    sasl:\n      enable: true\n      type:\n        secretKeyRef: {name: baton-kafka, key: sasl.mechanism}\n      user:\n        secretKeyRef: {name: baton-kafka, key: user}\n      password:\n        secretKeyRef: {name: baton-kafka, key: password}\n    tls:\n      enable: true'
  fi
  apply <<EOF
apiVersion: sources.knative.dev/v1
kind: KafkaSource
metadata:
  name: $name
  labels:
    app.kubernetes.io/part-of: baton
  annotations:
    autoscaling.eventing.knative.dev/class: keda.autoscaling.knative.dev
    autoscaling.eventing.knative.dev/min-scale: "0"
    autoscaling.eventing.knative.dev/max-scale: "$max_scale"
    autoscaling.eventing.knative.dev/lag-threshold: "$lag"
    autoscaling.eventing.knative.dev/polling-interval: "10"
    autoscaling.eventing.knative.dev/cooldown-period: "120"
spec:
  consumerGroup: $name
  bootstrapServers:
    - $bootstrap
  topics:$topics
  initialOffset: earliest
  ordering: unordered
  delivery:
    retry: 5
    backoffPolicy: exponential
    backoffDelay: PT1S
    timeout: PT30S
    deadLetterSink:
      ref:
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        name: baton-dead-letters
  sink:
    ref:
      apiVersion: serving.knative.dev/v1
      kind: Service
      name: $sink$net
EOF
}

sources() {
  kafka_source baton-operation baton-operation-events 6 50 user-create-response
  kafka_source baton-user baton-user 12 50 user-create user-approve-response
  kafka_source baton-approval baton-approval 6 20 user-approve
}

namespace_and_secrets
if [[ "$overlay" == local ]]; then kafka_topics; fi
config_maps
dead_letters
services
network_policy
sources
if ! $dry_run; then
  echo "Deployed. The API: $(kn service describe baton-operation -n "$namespace" -o url)"
fi
