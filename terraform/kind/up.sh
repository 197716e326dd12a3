#!/usr/bin/env bash
# The one command for terraform/kind: `./up.sh [terraform apply options]`.
# Two applies, because the Kubernetes, Helm, kubectl and kustomization providers are configured from
# the cluster's endpoint and credentials, which do not exist before the cluster does: the first apply
# creates only the cluster, the second everything else (and is what a later `terraform apply` repeats).
set -euo pipefail
cd "$(dirname "$0")"
terraform init -input=false
terraform apply -target=kind_cluster.baton "$@"
terraform apply "$@"
