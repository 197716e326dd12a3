locals {
  route_url  = try(data.kubernetes_resource.operation.object.status.url, "http://baton-operation.${var.namespace}.example.com")
  route_host = replace(replace(local.route_url, "https://", ""), "http://", "")
  # Behind a port-forward the gateway picks the route by Host header.
  base_url    = coalesce(var.api_address, local.route_url)
  host_header = var.api_address == null ? "" : " -H 'Host: ${local.route_host}'"
}

output "api_url" {
  description = "URL of the operation API, Baton's only public route."
  value       = local.route_url
}

output "curl_commands" {
  description = "Ready-to-paste calls: sign up, wait for the outcome, and the original demo's routes."
  value       = <<-EOT
    # Sign up (202 Accepted; the Location header is the operation to watch):
    LOCATION=$(curl -si -X POST ${local.base_url}/users${local.host_header} -H 'Content-Type: application/json' -d '{"name":"Ada Lovelace","email":"ada@example.org"}' | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
    # Wait up to 10s for it to finish (repeat until "done":true; the first signup waits for cold starts):
    curl -s "${local.base_url}$LOCATION?wait=10s"${local.host_header}; echo
    # The original demo's routes:
    curl -s -X POST ${local.base_url}/operation/create/user-create${local.host_header} -H 'Content-Type: application/json' -d '{"name":"Grace Hopper"}'; echo
    curl -s ${local.base_url}/operation/get/$(echo "$LOCATION" | cut -d/ -f3)${local.host_header}; echo
  EOT
}
