# Installs the platform Baton runs on, on an existing cluster: Knative Serving with Kourier, Knative
# Eventing with eventing-kafka (KafkaSource, KafkaSink, Kafka Broker) and its KEDA autoscaler, KEDA,
# and optionally Strimzi with a KRaft Kafka and Baton's topics and MongoDB. Prometheus and Grafana
# are the observability module's.
# Knative is installed from its release manifests, fetched at plan time from the pinned release.

locals {
  manifests_dir = coalesce(var.manifests_dir, "${path.module}/../../../knative")
  serving       = "https://github.com/knative/serving/releases/download/knative-v${var.knative_serving_version}"
  eventing      = "https://github.com/knative/eventing/releases/download/knative-v${var.knative_eventing_version}"
  kafka         = "https://github.com/knative-extensions/eventing-kafka-broker/releases/download/knative-v${var.knative_kafka_version}"

  # Applied in this order: CRDs, then controllers, then the pieces that need the controllers.
  crd_urls = {
    serving_crds  = "${local.serving}/serving-crds.yaml"
    eventing_crds = "${local.eventing}/eventing-crds.yaml"
  }
  core_urls = {
    serving_core     = "${local.serving}/serving-core.yaml"
    eventing_core    = "${local.eventing}/eventing-core.yaml"
    kafka_controller = "${local.kafka}/eventing-kafka-controller.yaml"
  }
  addon_urls = {
    kourier      = "https://github.com/knative-extensions/net-kourier/releases/download/knative-v${var.kourier_version}/kourier.yaml"
    kafka_source = "${local.kafka}/eventing-kafka-source.yaml"
    kafka_sink   = "${local.kafka}/eventing-kafka-sink.yaml"
    kafka_broker = "${local.kafka}/eventing-kafka-broker.yaml"
  }
}

data "http" "crds" {
  for_each = local.crd_urls
  url      = each.value
}

data "http" "core" {
  for_each = local.core_urls
  url      = each.value
}

data "http" "addons" {
  for_each = local.addon_urls
  url      = each.value
}

# One YAML stream per stage; each document becomes one kubectl_manifest.
data "kubectl_file_documents" "crds" {
  content = join("\n---\n", [for response in values(data.http.crds) : response.response_body])
}

data "kubectl_file_documents" "core" {
  content = join("\n---\n", [for response in values(data.http.core) : response.response_body])
}

# The release's config-kafka-features carries controller-autoscaler-keda: "disabled" as real data.
# The key is set here, in the document before it is applied, so one resource owns it; a separate
# kubernetes_config_map_v1_data would fight kubectl_manifest.core over it on every plan. With the flag
# the eventing-kafka controller creates a KEDA ScaledObject per KafkaSource carrying the
# autoscaling.eventing.knative.dev/class: keda.autoscaling.knative.dev annotation (knative/base/sources.yaml).
locals {
  kafka_features = { "controller-autoscaler-keda" = "enabled" }
  kafka_features_documents = {
    for key, doc in data.kubectl_file_documents.core.manifests : key => yamldecode(doc)
    if try(yamldecode(doc).kind, "") == "ConfigMap" && try(yamldecode(doc).metadata.name, "") == "config-kafka-features"
  }
  kafka_features_data = {
    for key, doc in local.kafka_features_documents : key => { data = merge(doc.data, local.kafka_features) }
  }
  kafka_features_patched = {
    for key, doc in local.kafka_features_documents : key => yamlencode(merge(doc, local.kafka_features_data[key]))
  }
  core_manifests = merge(data.kubectl_file_documents.core.manifests, local.kafka_features_patched)
}

data "kubectl_file_documents" "addons" {
  content = join("\n---\n", [for response in values(data.http.addons) : response.response_body])
}

# Server-side apply: Knative's CRDs are too large for the last-applied annotation.
resource "kubectl_manifest" "crds" {
  for_each          = data.kubectl_file_documents.crds.manifests
  yaml_body         = each.value
  server_side_apply = true
}

# After KEDA, so the eventing-kafka controller finds the ScaledObject CRD when it starts with the flag on.
resource "kubectl_manifest" "core" {
  for_each          = local.core_manifests
  yaml_body         = each.value
  server_side_apply = true
  depends_on        = [kubectl_manifest.crds, helm_release.keda]
}

resource "kubectl_manifest" "addons" {
  for_each          = data.kubectl_file_documents.addons.manifests
  yaml_body         = each.value
  server_side_apply = true
  depends_on        = [kubectl_manifest.core]
}

# Kourier is Serving's ingress; the NetworkPolicy in knative/base admits its namespace, kourier-system.
resource "kubernetes_config_map_v1_data" "serving_network" {
  metadata {
    name      = "config-network"
    namespace = "knative-serving"
  }
  data = {
    "ingress-class" = "kourier.ingress.networking.knative.dev"
  }
  force      = true
  depends_on = [kubectl_manifest.core]
}

resource "kubernetes_config_map_v1_data" "serving_domain" {
  count = var.knative_domain == "" ? 0 : 1
  metadata {
    name      = "config-domain"
    namespace = "knative-serving"
  }
  data       = zipmap([var.knative_domain], [""])
  force      = true
  depends_on = [kubectl_manifest.core]
}

# Without a fixed domain: a job that sets <gateway IP>.sslip.io once the gateway has an external IP.
data "http" "default_domain" {
  count = var.knative_domain == "" ? 1 : 0
  url   = "${local.serving}/serving-default-domain.yaml"
}

data "kubectl_file_documents" "default_domain" {
  count   = var.knative_domain == "" ? 1 : 0
  content = data.http.default_domain[0].response_body
}

resource "kubectl_manifest" "default_domain" {
  for_each          = var.knative_domain == "" ? data.kubectl_file_documents.default_domain[0].manifests : {}
  yaml_body         = each.value
  server_side_apply = true
  depends_on        = [kubectl_manifest.addons]
}

# Pods of Knative Services run without privilege escalation and with the runtime's seccomp profile.
resource "kubernetes_config_map_v1_data" "serving_features" {
  metadata {
    name      = "config-features"
    namespace = "knative-serving"
  }
  data = {
    "secure-pod-defaults" = "enabled"
  }
  force      = true
  depends_on = [kubectl_manifest.core]
}

resource "helm_release" "keda" {
  name             = "keda"
  repository       = "https://kedacore.github.io/charts"
  chart            = "keda"
  version          = var.keda_chart_version
  namespace        = "keda"
  create_namespace = true
}

resource "kubernetes_namespace_v1" "kafka" {
  count = var.install_kafka ? 1 : 0
  metadata {
    name = "kafka"
  }
}

# Strimzi watches its own namespace, kafka, where the cluster and Baton's topics live.
resource "helm_release" "strimzi" {
  count      = var.install_kafka ? 1 : 0
  name       = "strimzi"
  repository = "oci://quay.io/strimzi-helm"
  chart      = "strimzi-kafka-operator"
  version    = var.strimzi_chart_version
  namespace  = kubernetes_namespace_v1.kafka[0].metadata[0].name
}

data "kubectl_file_documents" "kafka_cluster" {
  content = file("${local.manifests_dir}/platform/kafka-cluster.yaml")
}

resource "kubectl_manifest" "kafka_cluster" {
  for_each   = var.install_kafka ? data.kubectl_file_documents.kafka_cluster.manifests : {}
  yaml_body  = each.value
  depends_on = [helm_release.strimzi]
}

# Baton's topics: the same file the local overlay applies, so there is one list of topics.
data "kubectl_file_documents" "kafka_topics" {
  content = file("${local.manifests_dir}/overlays/local/kafka-topics.yaml")
}

resource "kubectl_manifest" "kafka_topics" {
  for_each   = var.install_kafka ? data.kubectl_file_documents.kafka_topics.manifests : {}
  yaml_body  = each.value
  depends_on = [kubectl_manifest.kafka_cluster]
}

resource "kubernetes_namespace_v1" "mongodb" {
  count = var.install_mongodb ? 1 : 0
  metadata {
    name = "mongodb"
  }
}

data "kubectl_file_documents" "mongodb" {
  content = file("${local.manifests_dir}/platform/mongodb.yaml")
}

resource "kubectl_manifest" "mongodb" {
  for_each   = var.install_mongodb ? data.kubectl_file_documents.mongodb.manifests : {}
  yaml_body  = each.value
  depends_on = [kubernetes_namespace_v1.mongodb]
}
