variable "knative_serving_version" {
  type        = string
  description = "Knative Serving release (without the knative-v prefix). Its CRDs must match the ones deploy-check validates against."
  default     = "1.23.0"
}

variable "kourier_version" {
  type        = string
  description = "net-kourier release, Knative Serving's networking layer; keep it on the Serving minor version."
  default     = "1.23.0"
}

variable "knative_eventing_version" {
  type        = string
  description = "Knative Eventing release (without the knative-v prefix)."
  default     = "1.23.0"
}

variable "knative_kafka_version" {
  type        = string
  description = "eventing-kafka-broker release (KafkaSource, KafkaSink, Kafka Broker); keep it on the Eventing minor version."
  default     = "1.23.0"
}

variable "keda_chart_version" {
  type        = string
  description = "KEDA Helm chart version; the eventing-kafka KEDA autoscaler creates KEDA ScaledObjects for each KafkaSource."
  default     = "2.20.2"
}

variable "strimzi_chart_version" {
  type        = string
  description = "Strimzi operator Helm chart version. The Kafka version is that release's default."
  default     = "1.2.0"
}

variable "install_kafka" {
  type        = bool
  description = "Install Strimzi, a single-node KRaft Kafka cluster and Baton's topics in the cluster (false when Kafka is managed elsewhere)."
  default     = true
}

variable "install_mongodb" {
  type        = bool
  description = "Install a single-node MongoDB without authentication in the cluster (false when MongoDB is managed elsewhere)."
  default     = true
}

variable "knative_domain" {
  type        = string
  description = "Domain of Knative routes (<service>.<namespace>.<domain>). Empty: sslip.io magic DNS on the gateway's external IP (needs a LoadBalancer)."
  default     = "example.com"
}

variable "manifests_dir" {
  type        = string
  description = "The repository's knative/ folder, source of the in-cluster Kafka, MongoDB and topic manifests."
  default     = null
}
