variable "overlay" {
  type        = string
  description = "Which knative/overlays/ to deploy: local (in-cluster Kafka and MongoDB) or managed (external Kafka over SASL_SSL, external MongoDB)."
  default     = "local"
  validation {
    condition     = contains(["local", "managed"], var.overlay)
    error_message = "overlay must be local or managed."
  }
}

variable "namespace" {
  type        = string
  description = "Namespace of Baton's functions. The manifests name it (knative/base) and the dead-letter Triggers match on it, so only baton is supported."
  default     = "baton"
  validation {
    condition     = var.namespace == "baton"
    error_message = "knative/base deploys into the namespace baton."
  }
}

variable "manifests_dir" {
  type        = string
  description = "The repository's knative/ folder."
  default     = null
}

variable "image_registry" {
  type        = string
  description = "Registry and path the function images are pushed to, e.g. myregistry.azurecr.io/baton. Null keeps the overlay's images (dev.local/... for a kind cluster)."
  default     = null
}

variable "image_tag" {
  type        = string
  description = "Tag of the function images."
  default     = "0.1.0-SNAPSHOT"
}

variable "mongodb_uri" {
  type        = string
  description = "MongoDB connection string for the operation and user functions; stored in the Secret baton-mongodb."
  sensitive   = true
}

variable "kafka_bootstrap_servers" {
  type        = string
  description = "Kafka bootstrap servers for the managed overlay (e.g. <namespace>.servicebus.windows.net:9093); ignored by the local overlay."
  default     = null
}

variable "kafka_sasl_mechanism" {
  type        = string
  description = "SASL mechanism of the managed Kafka (PLAIN for Event Hubs and most managed services)."
  default     = "PLAIN"
}

variable "kafka_sasl_username" {
  type        = string
  description = "SASL user of the managed Kafka ($ConnectionString for Event Hubs)."
  default     = null
  sensitive   = true
}

variable "kafka_sasl_password" {
  type        = string
  description = "SASL password of the managed Kafka (the connection string for Event Hubs)."
  default     = null
  sensitive   = true
}

variable "api_address" {
  type        = string
  description = "Where curl reaches the Knative gateway, e.g. http://localhost:8080 behind kubectl port-forward. Null: the route URL itself."
  default     = null
}

variable "create_kafka_topics" {
  type        = bool
  description = "Apply the local overlay's KafkaTopics here. False when the platform module already created them from the same file."
  default     = false
}

variable "wait_for" {
  type        = any
  description = "Anything the deployment must wait for (the platform module's ready output, loaded images, topics). An input instead of a module depends_on, which would defer this module's data sources to apply time."
  default     = null
}
