output "ready" {
  description = "Depend on this to deploy after the platform is installed."
  value = {
    knative = length(kubectl_manifest.addons)
    kafka   = length(kubectl_manifest.kafka_topics)
    mongodb = length(kubectl_manifest.mongodb)
  }
  depends_on = [
    helm_release.keda,
    kubernetes_config_map_v1_data.serving_network,
    kubernetes_config_map_v1_data.serving_features,
    kubectl_manifest.kafka_topics,
    kubectl_manifest.mongodb,
  ]
}

output "kafka_bootstrap_servers" {
  description = "Bootstrap address of the in-cluster Kafka, when installed."
  value       = var.install_kafka ? "baton-kafka-kafka-bootstrap.kafka.svc:9092" : null
}

output "mongodb_uri" {
  description = "URI of the in-cluster MongoDB, when installed. It has no credentials: local clusters only."
  value       = var.install_mongodb ? "mongodb://mongodb.mongodb.svc:27017" : null
}

output "gateway_service" {
  description = "The Kourier gateway Service that Knative routes are reached through."
  value       = "kourier-system/kourier"
}
