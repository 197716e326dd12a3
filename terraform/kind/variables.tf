variable "cluster_name" {
  type        = string
  description = "Name of the kind cluster (kind get clusters)."
  default     = "baton"
}

variable "node_image" {
  type        = string
  description = "kindest/node image, i.e. the Kubernetes version of the cluster."
  default     = "kindest/node:v1.34.0"
}

variable "worker_nodes" {
  type        = number
  description = "Worker nodes besides the control plane. kind cannot add nodes on demand, so scale-out is bounded by these."
  default     = 2
}

variable "load_images" {
  type        = bool
  description = "Load the function images (built with Jib into the local Docker daemon, see docs/deploy.md) into the kind nodes."
  default     = true
}

variable "image_tag" {
  type        = string
  description = "Tag of the dev.local/baton-* images built by Jib."
  default     = "0.1.0-SNAPSHOT"
}

variable "install_monitoring" {
  type        = bool
  description = "Install Prometheus and Grafana with the Baton dashboard (terraform/modules/observability) to watch scaling."
  default     = true
}
