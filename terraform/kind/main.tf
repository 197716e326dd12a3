# Everything on a local kind cluster with one command, `./up.sh` (two applies: the cluster alone, so
# the providers below have a real endpoint, then everything): the cluster, the platform (Knative,
# eventing-kafka with KEDA, Strimzi Kafka, MongoDB) and Baton with the local overlay.
# The platform module needs no depends_on on the cluster: its resources use the providers, which are
# configured from kind_cluster.baton, so Terraform creates the cluster first anyway.
# Needs docker, and kind on the PATH to load the images. The API is reached through
# `kubectl port-forward -n kourier-system svc/kourier 8080:80` (see the curl_commands output).

resource "kind_cluster" "baton" {
  name           = var.cluster_name
  node_image     = var.node_image
  wait_for_ready = true

  kind_config {
    kind        = "Cluster"
    api_version = "kind.x-k8s.io/v1alpha4"

    node {
      role = "control-plane"
    }

    dynamic "node" {
      for_each = range(var.worker_nodes)
      content {
        role = "worker"
      }
    }
  }
}

provider "kubernetes" {
  host                   = kind_cluster.baton.endpoint
  client_certificate     = kind_cluster.baton.client_certificate
  client_key             = kind_cluster.baton.client_key
  cluster_ca_certificate = kind_cluster.baton.cluster_ca_certificate
}

provider "helm" {
  kubernetes {
    host                   = kind_cluster.baton.endpoint
    client_certificate     = kind_cluster.baton.client_certificate
    client_key             = kind_cluster.baton.client_key
    cluster_ca_certificate = kind_cluster.baton.cluster_ca_certificate
  }
}

provider "kubectl" {
  host                   = kind_cluster.baton.endpoint
  client_certificate     = kind_cluster.baton.client_certificate
  client_key             = kind_cluster.baton.client_key
  cluster_ca_certificate = kind_cluster.baton.cluster_ca_certificate
  load_config_file       = false
}

provider "kustomization" {
  kubeconfig_raw = kind_cluster.baton.kubeconfig
}

# Knative does not resolve dev.local/ tags to digests, so images loaded into the nodes are used as they are.
resource "terraform_data" "images" {
  count            = var.load_images ? 1 : 0
  triggers_replace = [kind_cluster.baton.id, var.image_tag]

  provisioner "local-exec" {
    command = join(" && ", [for f in ["baton-operation", "baton-user", "baton-approval"] :
    "kind load docker-image dev.local/${f}:${var.image_tag} --name ${var.cluster_name}"])
  }
}

module "platform" {
  source          = "../modules/platform"
  install_kafka   = true
  install_mongodb = true
  knative_domain  = "example.com"
}

# Offset 0 committed for every KafkaSource group and topic before the sources exist: without it KEDA
# counts each partition that never received a record as lag 1, and no source scales to zero.
resource "terraform_data" "initial_offsets" {
  triggers_replace = [kind_cluster.baton.id]
  input            = module.platform.ready

  provisioner "local-exec" {
    command = "${path.module}/../../knative/platform/commit-initial-offsets.sh --context kind-${var.cluster_name}"
  }
}

module "baton" {
  source      = "../modules/baton"
  overlay     = "local"
  mongodb_uri = module.platform.mongodb_uri
  api_address = "http://localhost:8080"
  # Ordering by input, not by a module depends_on: that would defer every data source in the module
  # to apply time and break its for_each at plan (hashicorp/terraform #28131, #30340).
  wait_for = {
    platform = module.platform.ready
    images   = terraform_data.images[*].id
    offsets  = terraform_data.initial_offsets.id
  }
}

# Prometheus, Grafana with the Baton dashboard, and what they scrape (docs/observability-dashboard.md).
module "observability" {
  source           = "../modules/observability"
  count            = var.install_monitoring ? 1 : 0
  in_cluster_kafka = true
  wait_for         = module.platform.ready
}
