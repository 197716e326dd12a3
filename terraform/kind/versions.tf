terraform {
  required_version = ">= 1.6.0"
  required_providers {
    kind = {
      source = "tehcyx/kind"
      # 0.10.0 vendors kind v0.30.0, the release kindest/node:v1.34.0 (variables.tf) is built for;
      # deploy-check (TerraformChecks.kindPair) keeps the two in step.
      version = "0.10.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "2.36.0"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "2.17.0"
    }
    kubectl = {
      source  = "alekc/kubectl"
      version = "2.1.3"
    }
    http = {
      source  = "hashicorp/http"
      version = "3.4.5"
    }
    kustomization = {
      source  = "kbst/kustomization"
      version = "0.9.6"
    }
  }
}
