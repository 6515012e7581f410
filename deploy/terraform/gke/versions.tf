terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.14"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

# Credentials from the environment: `gcloud auth application-default login` on a laptop,
# Workload Identity Federation in CI (google-github-actions/auth); no service account key.
provider "google" {
  project = var.project
  region  = var.region
}
