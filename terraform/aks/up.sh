#!/usr/bin/env bash
# The one command for terraform/aks: `./up.sh -var subscription_id=... -var name_prefix=...`.
# Two applies, because the Kubernetes, Helm, kubectl and kustomization providers are configured from
# the AKS cluster's kube_config, which does not exist before the cluster does: the first apply creates
# the cluster (and what it needs), the second everything else (and is what a later `terraform apply` repeats).
set -euo pipefail
cd "$(dirname "$0")"
terraform init -input=false
terraform apply -target=azurerm_kubernetes_cluster.baton "$@"
terraform apply "$@"
