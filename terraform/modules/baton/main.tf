# Deploys Baton: its Secrets (from variables, never from files) and the resources of one
# knative/overlays/ folder, built by kustomize inside Terraform so the YAML stays the single source.

locals {
  manifests_dir = coalesce(var.manifests_dir, "${path.module}/../../../knative")
  functions     = ["baton-operation", "baton-user", "baton-approval"]
  # The image names the overlay renders, which the images transformer below renames.
  overlay_image_prefix = var.overlay == "managed" ? "registry.example.com/baton" : "dev.local"
  managed              = var.overlay == "managed"
  jaas_config          = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"${coalesce(var.kafka_sasl_username, "-")}\" password=\"${coalesce(var.kafka_sasl_password, "-")}\";"
  # The managed overlay's placeholder bootstrap address is replaced wherever it appears.
  bootstrap_patches = {
    KafkaSource = "/spec/bootstrapServers/0"
    KafkaSink   = "/spec/bootstrapServers/0"
  }
}

# Holds var.wait_for, so that everything below is created after what the caller named.
resource "terraform_data" "wait_for" {
  input = var.wait_for
}

resource "kubernetes_namespace_v1" "baton" {
  metadata {
    name = var.namespace
  }
  depends_on = [terraform_data.wait_for]
}

resource "kubernetes_secret_v1" "mongodb" {
  metadata {
    name      = "baton-mongodb"
    namespace = kubernetes_namespace_v1.baton.metadata[0].name
  }
  data = {
    uri = var.mongodb_uri
  }
}

# Read by the functions (sasl.jaas.config), the KafkaSources (user, password, sasl.mechanism) and the
# KafkaSinks and the Kafka Broker (protocol, sasl.mechanism, user, password).
resource "kubernetes_secret_v1" "kafka" {
  count = local.managed ? 1 : 0
  metadata {
    name      = "baton-kafka"
    namespace = kubernetes_namespace_v1.baton.metadata[0].name
  }
  data = {
    protocol           = "SASL_SSL"
    "sasl.mechanism"   = var.kafka_sasl_mechanism
    user               = var.kafka_sasl_username
    password           = var.kafka_sasl_password
    "sasl.jaas.config" = local.jaas_config
  }
}

data "kustomization_overlay" "baton" {
  resources = ["${local.manifests_dir}/overlays/${var.overlay}"]

  dynamic "images" {
    for_each = var.image_registry == null ? [] : local.functions
    content {
      name     = "${local.overlay_image_prefix}/${images.value}"
      new_name = "${var.image_registry}/${images.value}"
      new_tag  = var.image_tag
    }
  }

  dynamic "patches" {
    for_each = local.managed ? local.bootstrap_patches : {}
    content {
      target {
        kind = patches.key
      }
      patch = jsonencode([{ op = "replace", path = patches.value, value = var.kafka_bootstrap_servers }])
    }
  }

  dynamic "patches" {
    for_each = local.managed ? { "baton-config" = "/data/kafka.bootstrap.servers", "baton-dead-letters-broker" = "/data/bootstrap.servers" } : {}
    content {
      target {
        kind = "ConfigMap"
        name = patches.key
      }
      patch = jsonencode([{ op = "replace", path = patches.value, value = var.kafka_bootstrap_servers }])
    }
  }
}

resource "kustomization_resource" "baton" {
  for_each = {
    for id in data.kustomization_overlay.baton.ids : id => id
    if var.create_kafka_topics || jsondecode(data.kustomization_overlay.baton.manifests[id]).kind != "KafkaTopic"
  }
  manifest   = data.kustomization_overlay.baton.manifests[each.value]
  depends_on = [kubernetes_secret_v1.mongodb, kubernetes_secret_v1.kafka]
}

data "kubernetes_resource" "operation" {
  api_version = "serving.knative.dev/v1"
  kind        = "Service"
  metadata {
    name      = "baton-operation"
    namespace = var.namespace
  }
  depends_on = [kustomization_resource.baton]
}
