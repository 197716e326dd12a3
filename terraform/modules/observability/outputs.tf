output "grafana" {
  description = "How to open the Baton dashboard in Grafana (user admin)."
  value       = <<-EOT
    kubectl port-forward -n ${var.namespace} svc/monitoring-grafana 3000:80
    # then http://localhost:3000/d/baton-saga ; the admin password:
    kubectl get secret -n ${var.namespace} monitoring-grafana -o jsonpath='{.data.admin-password}' | base64 -d; echo
  EOT
}

output "prometheus" {
  description = "How to reach Prometheus (targets page: /targets)."
  value       = "kubectl port-forward -n ${var.namespace} svc/monitoring-prometheus 9090:9090"
}
