output "kubeconfig_command" {
  description = "Point kubectl at the cluster."
  value       = "az aks get-credentials --resource-group ${azurerm_resource_group.baton.name} --name ${azurerm_kubernetes_cluster.baton.name}"
}

output "push_images" {
  description = "Build and push the function images with Jib (docs/deploy.md). Run it with eval: it is a command list, and $(...) alone would pass the && to az as words."
  value       = "az acr login --name ${azurerm_container_registry.baton.name} && cd ${abspath("${path.root}/../..")} && mvn -DskipTests install -pl eventing,local && mvn -Pjib -DskipTests package jib:build -Dbaton.image.registry=${local.image_registry} -pl functions/operation,functions/user,functions/approval && cd -"
}

output "api_url" {
  description = "The operation API's Knative route."
  value       = module.baton.api_url
}

output "curl_commands" {
  description = "Ready-to-paste calls against the route."
  value       = module.baton.curl_commands
}

output "grafana" {
  description = "How to open the Baton dashboard, when install_monitoring is true."
  value       = one(module.observability[*].grafana)
}
