# Watching Baton scale: kube-prometheus-stack (Prometheus, Grafana, kube-state-metrics and the
# prometheus-operator CRDs), Knative's autoscaler switched to serving Prometheus metrics, the
# dashboard and PodMonitors of knative/observability (the same files `kubectl apply -k` uses), and,
# for a managed Kafka, a kafka-exporter reading offsets and consumer lag from the broker.

locals {
  manifests_dir = coalesce(var.manifests_dir, "${path.module}/../../../knative")
  observability = "${local.manifests_dir}/observability"
  # Knative Serving 1.23 exports no metrics unless told; prometheus makes each component serve them on
  # its port 9090 (the autoscaler's Deployment names it metrics).
  knative_observability = { "metrics-protocol" = "prometheus" }
}

# Holds var.wait_for, so that everything below is installed after what the caller named.
resource "terraform_data" "wait_for" {
  input = var.wait_for
}

resource "helm_release" "kube_prometheus_stack" {
  name             = "monitoring"
  repository       = "https://prometheus-community.github.io/helm-charts"
  chart            = "kube-prometheus-stack"
  version          = var.kube_prometheus_stack_chart_version
  namespace        = var.namespace
  create_namespace = true
  values           = [file("${local.observability}/kube-prometheus-stack-values.yaml")]
  depends_on       = [terraform_data.wait_for]
}

# The release document carries config-observability with only an _example key, so this one key has a
# single owner here (unlike config-kafka-features, see the platform module).
resource "kubernetes_config_map_v1_data" "knative_observability" {
  metadata {
    name      = "config-observability"
    namespace = "knative-serving"
  }
  data       = local.knative_observability
  force      = true
  depends_on = [terraform_data.wait_for]
}

# The autoscaler reads config-observability once, at start: a pod-template annotation with the
# setting rolls it whenever the setting changes.
resource "kubernetes_annotations" "autoscaler_restart" {
  api_version = "apps/v1"
  kind        = "Deployment"
  metadata {
    name      = "autoscaler"
    namespace = "knative-serving"
  }
  template_annotations = {
    "baton.dev/config-observability" = sha256(jsonencode(local.knative_observability))
  }
  force      = true
  depends_on = [kubernetes_config_map_v1_data.knative_observability]
}

# The dashboard ConfigMap and the PodMonitors, built by kustomize inside Terraform from the same
# folder `kubectl apply -k knative/observability` applies.
data "kustomization_build" "observability" {
  path = local.observability
}

resource "kustomization_resource" "observability" {
  for_each   = data.kustomization_build.observability.ids
  manifest   = data.kustomization_build.observability.manifests[each.value]
  depends_on = [helm_release.kube_prometheus_stack]
}

# A managed Kafka has no Strimzi to run kafka-exporter: the chart does, with the credentials from
# variables (the chart keeps them in its own Secret) and a ServiceMonitor for Prometheus.
resource "helm_release" "kafka_exporter" {
  count      = var.in_cluster_kafka ? 0 : 1
  name       = "kafka-exporter"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "prometheus-kafka-exporter"
  version    = var.kafka_exporter_chart_version
  namespace  = var.namespace
  values     = [file("${local.observability}/kafka-exporter-values.yaml")]

  set {
    name  = "kafkaServer[0]"
    type  = "string"
    value = var.kafka_bootstrap_servers
  }

  set_sensitive {
    name  = "sasl.scram.username"
    type  = "string"
    value = var.kafka_sasl_username
  }

  set_sensitive {
    name  = "sasl.scram.password"
    type  = "string"
    value = var.kafka_sasl_password
  }

  depends_on = [helm_release.kube_prometheus_stack]
}
