terraform {
  required_version = ">= 1.5.0"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.40"
    }
  }
}

# The API token comes from the DIGITALOCEAN_TOKEN environment variable.
provider "digitalocean" {}
