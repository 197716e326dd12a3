variable "subscription_id" {
  type        = string
  description = "Azure subscription to create everything in (azurerm 4 requires it explicitly)."
}

variable "location" {
  type        = string
  description = "Azure region."
  default     = "westeurope"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name; lower-case letters and digits, as registry and Event Hubs names must be globally unique."
  default     = "baton"
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{2,15}$", var.name_prefix))
    error_message = "name_prefix: 3 to 16 lower-case letters and digits, starting with a letter."
  }
}

variable "node_vm_size" {
  type        = string
  description = "VM size of the cluster's nodes."
  default     = "Standard_D4s_v5"
}

variable "node_min_count" {
  type        = number
  description = "Fewest nodes the cluster autoscaler keeps (the platform needs about two D4s_v5)."
  default     = 2
}

variable "node_max_count" {
  type        = number
  description = "Most nodes the cluster autoscaler adds when pods of scaled-out functions do not fit."
  default     = 6
}

variable "image_tag" {
  type        = string
  description = "Tag of the function images pushed to the registry with Jib."
  default     = "0.1.0-SNAPSHOT"
}

variable "topic_partitions" {
  type        = number
  description = "Partitions per Baton topic: the most consumers a KafkaSource uses per topic (KEDA max-scale in knative/base)."
  default     = 6
}

variable "install_monitoring" {
  type        = bool
  description = "Install Prometheus and Grafana with the Baton dashboard (terraform/modules/observability) to watch scaling; it needs about one more node."
  default     = false
}
