variable "namespace" {
  type        = string
  description = "Namespace of Prometheus and Grafana. The NetworkPolicy of knative/base admits Prometheus from it, and knative/observability installs into it, so only monitoring is supported."
  default     = "monitoring"
  validation {
    condition     = var.namespace == "monitoring"
    error_message = "knative/base's NetworkPolicy and knative/observability expect Prometheus in the namespace monitoring."
  }
}

variable "kube_prometheus_stack_chart_version" {
  type        = string
  description = "kube-prometheus-stack Helm chart version (Prometheus, Grafana, kube-state-metrics, the prometheus-operator CRDs). deploy-check validates the PodMonitors against the CRD this version ships (deploy-check/src/test/resources/crds)."
  default     = "88.5.3"
}

variable "in_cluster_kafka" {
  type        = bool
  description = "Kafka is the in-cluster Strimzi one, whose kafkaExporter (knative/platform/kafka-cluster.yaml) reports offsets and lag. False: install the prometheus-kafka-exporter chart against kafka_bootstrap_servers."
  default     = true
}

variable "kafka_exporter_chart_version" {
  type        = string
  description = "prometheus-kafka-exporter Helm chart version (kafka_exporter v1.9.0, as in Strimzi 1.2.0), used when in_cluster_kafka is false."
  default     = "3.1.1"
}

variable "kafka_bootstrap_servers" {
  type        = string
  description = "Bootstrap address of the managed Kafka the exporter reads (e.g. <namespace>.servicebus.windows.net:9093), when in_cluster_kafka is false."
  default     = null
}

variable "kafka_sasl_username" {
  type        = string
  description = "SASL PLAIN user of the managed Kafka ($ConnectionString for Event Hubs)."
  default     = null
  sensitive   = true
}

variable "kafka_sasl_password" {
  type        = string
  description = "SASL PLAIN password of the managed Kafka (the connection string for Event Hubs)."
  default     = null
  sensitive   = true
}

variable "manifests_dir" {
  type        = string
  description = "The repository's knative/ folder (knative/observability holds the dashboard, the PodMonitors and the chart values)."
  default     = null
}

variable "wait_for" {
  type        = any
  description = "Anything to install after (the platform module's ready output): Knative's config-observability and autoscaler must exist. An input instead of a module depends_on, which would defer this module's data sources to apply time."
  default     = null
}
