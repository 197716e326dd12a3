# Everything on Azure with one command, `./up.sh` (the cluster first, so the Kubernetes providers
# have a real endpoint, then everything): an AKS cluster whose cluster autoscaler adds
# nodes when scaled-out functions need them, a container registry, Event Hubs as the managed Kafka
# (SASL_SSL on port 9093), Cosmos DB's MongoDB API as the managed MongoDB, the platform (Knative,
# eventing-kafka with KEDA) and Baton with the managed overlay. Push the images before the functions
# can start (the push_images output).

locals {
  # Baton's topics (Topic in the eventing module) and their dead-letter topics; deploy-check compares
  # this list with the contract. Event Hubs Standard allows 10 event hubs per namespace: 9 are used.
  topics          = ["user-create", "user-approve", "user-approve-response", "user-create-response"]
  dead_letter     = [for t in local.topics : "${t}.dlq"]
  broker_topic    = "knative-broker-baton-baton-dead-letters"
  mongo_databases = ["operation_service", "user_service"]
  # The registry's host from its name, known at plan. Its login_server is known only after apply, and
  # fed into the overlay it would defer the kustomize data source and break for_each at plan.
  registry_name  = "${var.name_prefix}registry"
  image_registry = "${local.registry_name}.azurecr.io/baton"
  kube           = azurerm_kubernetes_cluster.baton.kube_config[0]
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
}

resource "azurerm_resource_group" "baton" {
  name     = "${var.name_prefix}-rg"
  location = var.location
}

resource "azurerm_container_registry" "baton" {
  name                = local.registry_name
  resource_group_name = azurerm_resource_group.baton.name
  location            = azurerm_resource_group.baton.location
  sku                 = "Basic"
}

resource "azurerm_kubernetes_cluster" "baton" {
  name                = "${var.name_prefix}-aks"
  resource_group_name = azurerm_resource_group.baton.name
  location            = azurerm_resource_group.baton.location
  dns_prefix          = var.name_prefix

  default_node_pool {
    name                 = "system"
    vm_size              = var.node_vm_size
    auto_scaling_enabled = true
    min_count            = var.node_min_count
    max_count            = var.node_max_count
  }

  # Pods that stay Pending because no node has room make the autoscaler add a node; idle nodes go
  # after 5 minutes, about the time Knative and KEDA take to scale a quiet function to zero.
  auto_scaler_profile {
    scale_down_unneeded        = "5m"
    scale_down_delay_after_add = "5m"
  }

  identity {
    type = "SystemAssigned"
  }

  # Azure network policy enforces the NetworkPolicy of knative/base.
  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_role_assignment" "pull_images" {
  principal_id                     = azurerm_kubernetes_cluster.baton.kubelet_identity[0].object_id
  role_definition_name             = "AcrPull"
  scope                            = azurerm_container_registry.baton.id
  skip_service_principal_aad_check = true
}

resource "azurerm_eventhub_namespace" "baton" {
  name                = "${var.name_prefix}-events"
  resource_group_name = azurerm_resource_group.baton.name
  location            = azurerm_resource_group.baton.location
  sku                 = "Standard"
  capacity            = 1
}

resource "azurerm_eventhub" "topics" {
  for_each            = toset(concat(local.topics, local.dead_letter))
  name                = each.value
  namespace_name      = azurerm_eventhub_namespace.baton.name
  resource_group_name = azurerm_resource_group.baton.name
  partition_count     = var.topic_partitions
  message_retention   = 7
}

# The dead-letter Broker's own topic, created here because it is named by the Kafka Broker's template.
resource "azurerm_eventhub" "broker" {
  name                = local.broker_topic
  namespace_name      = azurerm_eventhub_namespace.baton.name
  resource_group_name = azurerm_resource_group.baton.name
  partition_count     = 1
  message_retention   = 7
}

resource "azurerm_cosmosdb_account" "baton" {
  name                 = "${var.name_prefix}-mongo"
  resource_group_name  = azurerm_resource_group.baton.name
  location             = azurerm_resource_group.baton.location
  offer_type           = "Standard"
  kind                 = "MongoDB"
  mongo_server_version = "4.2"

  capabilities {
    name = "EnableMongo"
  }

  capabilities {
    name = "EnableServerless"
  }

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = azurerm_resource_group.baton.location
    failover_priority = 0
  }
}

# The stateful functions' databases (BatonFunction.databaseName(), contract.Databases in the eventing module).
resource "azurerm_cosmosdb_mongo_database" "baton" {
  for_each            = toset(local.mongo_databases)
  name                = each.value
  resource_group_name = azurerm_resource_group.baton.name
  account_name        = azurerm_cosmosdb_account.baton.name
}

provider "kubernetes" {
  host                   = azurerm_kubernetes_cluster.baton.kube_config[0].host
  client_certificate     = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_certificate)
  client_key             = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_key)
  cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].cluster_ca_certificate)
}

provider "helm" {
  kubernetes {
    host                   = azurerm_kubernetes_cluster.baton.kube_config[0].host
    client_certificate     = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_certificate)
    client_key             = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_key)
    cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].cluster_ca_certificate)
  }
}

provider "kubectl" {
  host                   = azurerm_kubernetes_cluster.baton.kube_config[0].host
  client_certificate     = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_certificate)
  client_key             = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].client_key)
  cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.baton.kube_config[0].cluster_ca_certificate)
  load_config_file       = false
}

provider "kustomization" {
  kubeconfig_raw = azurerm_kubernetes_cluster.baton.kube_config_raw
}

module "platform" {
  source          = "../modules/platform"
  install_kafka   = false
  install_mongodb = false
  # Routes get <gateway IP>.sslip.io names, so curl works without a DNS zone.
  knative_domain = ""
}

# Offset 0 committed for every KafkaSource group and event hub before the sources exist, as on kind:
# without it KEDA counts each partition that never received a record as lag 1, and no source scales
# to zero. Runs Baton's replay tool on this machine (builds local/target/baton-local.jar if missing).
resource "terraform_data" "initial_offsets" {
  triggers_replace = [azurerm_eventhub_namespace.baton.id]
  input            = [for hub in azurerm_eventhub.topics : hub.id]

  provisioner "local-exec" {
    command = "${path.module}/../../knative/platform/commit-initial-offsets.sh --bootstrap-servers ${azurerm_eventhub_namespace.baton.name}.servicebus.windows.net:9093"
    environment = {
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "PLAIN"
      KAFKA_SASL_JAAS_CONFIG  = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\"${azurerm_eventhub_namespace.baton.default_primary_connection_string}\";"
    }
  }
}

module "baton" {
  source                  = "../modules/baton"
  overlay                 = "managed"
  image_registry          = local.image_registry
  image_tag               = var.image_tag
  mongodb_uri             = azurerm_cosmosdb_account.baton.primary_mongodb_connection_string
  kafka_bootstrap_servers = "${azurerm_eventhub_namespace.baton.name}.servicebus.windows.net:9093"
  kafka_sasl_mechanism    = "PLAIN"
  kafka_sasl_username     = "$ConnectionString"
  kafka_sasl_password     = azurerm_eventhub_namespace.baton.default_primary_connection_string
  # Ordering by input, not by a module depends_on (which would defer the module's data sources to
  # apply time and break their for_each at plan, hashicorp/terraform #28131 and #30340).
  wait_for = {
    platform  = module.platform.ready
    topics    = [for hub in azurerm_eventhub.topics : hub.id]
    broker    = azurerm_eventhub.broker.id
    databases = [for db in azurerm_cosmosdb_mongo_database.baton : db.id]
    pull      = azurerm_role_assignment.pull_images.id
    offsets   = terraform_data.initial_offsets.id
  }
}

# Prometheus, Grafana with the Baton dashboard, and a kafka-exporter reading Event Hubs' offsets and
# consumer lag (docs/observability-dashboard.md).
module "observability" {
  source                  = "../modules/observability"
  count                   = var.install_monitoring ? 1 : 0
  in_cluster_kafka        = false
  kafka_bootstrap_servers = "${azurerm_eventhub_namespace.baton.name}.servicebus.windows.net:9093"
  kafka_sasl_username     = "$ConnectionString"
  kafka_sasl_password     = azurerm_eventhub_namespace.baton.default_primary_connection_string
  wait_for                = module.platform.ready
}
