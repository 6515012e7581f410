data "digitalocean_kubernetes_versions" "this" {
  version_prefix = var.kubernetes_version_prefix
}

resource "digitalocean_vpc" "this" {
  name     = "${var.name}-vpc"
  region   = var.region
  ip_range = var.vpc_ip_range
}

resource "digitalocean_container_registry" "this" {
  name                   = var.registry_name
  subscription_tier_slug = var.registry_tier
  region                 = var.region
}

resource "digitalocean_kubernetes_cluster" "this" {
  name                 = var.name
  region               = var.region
  version              = data.digitalocean_kubernetes_versions.this.latest_version
  vpc_uuid             = digitalocean_vpc.this.id
  ha                   = var.ha_control_plane
  auto_upgrade         = true
  surge_upgrade        = true
  registry_integration = true
  tags                 = var.tags

  maintenance_policy {
    day        = "sunday"
    start_time = "04:00"
  }

  node_pool {
    name       = "${var.name}-pool"
    size       = var.node_size
    auto_scale = true
    min_nodes  = var.min_nodes
    max_nodes  = var.max_nodes
    tags       = var.tags

    labels = {
      "todo-chatbot.io/pool" = "general"
    }
  }

  depends_on = [digitalocean_container_registry.this]
}

resource "digitalocean_database_cluster" "postgres" {
  count = var.create_database ? 1 : 0

  name                 = "${var.name}-pg"
  engine               = "pg"
  version              = "16"
  size                 = var.database_size
  region               = var.region
  node_count           = 1
  private_network_uuid = digitalocean_vpc.this.id
  tags                 = var.tags
}

resource "digitalocean_database_db" "todo" {
  count = var.create_database ? 1 : 0

  cluster_id = digitalocean_database_cluster.postgres[0].id
  name       = "todo"
}

resource "digitalocean_database_firewall" "postgres" {
  count = var.create_database ? 1 : 0

  cluster_id = digitalocean_database_cluster.postgres[0].id

  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.this.id
  }
}
