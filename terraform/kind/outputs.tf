output "kubeconfig_context" {
  description = "kubectl context of the cluster."
  value       = "kind-${var.cluster_name}"
}

output "port_forward" {
  description = "Run this in another terminal before the curl commands."
  value       = "kubectl --context kind-${var.cluster_name} port-forward -n kourier-system svc/kourier 8080:80"
}

output "api_url" {
  description = "The operation API's Knative route."
  value       = module.baton.api_url
}

output "curl_commands" {
  description = "Ready-to-paste calls through the port-forward."
  value       = module.baton.curl_commands
}

output "grafana" {
  description = "How to open the Baton dashboard, when install_monitoring is true."
  value       = one(module.observability[*].grafana)
}
