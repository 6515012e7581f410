resource "azurerm_resource_group" "this" {
  name     = "${var.name}-rg"
  location = var.location
  tags     = var.tags
}

resource "azurerm_virtual_network" "this" {
  name                = "${var.name}-vnet"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.vnet_cidr]
  tags                = var.tags
}

resource "azurerm_subnet" "nodes" {
  name                 = "nodes"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.nodes_cidr]
}

# Inbound traffic reaches the nodes only through the cluster's load balancer.
resource "azurerm_network_security_group" "this" {
  name                = "${var.name}-nsg"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags
}

resource "azurerm_subnet_network_security_group_association" "nodes" {
  subnet_id                 = azurerm_subnet.nodes.id
  network_security_group_id = azurerm_network_security_group.this.id
}

resource "azurerm_log_analytics_workspace" "this" {
  name                = "${var.name}-logs"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
  tags                = var.tags
}

resource "azurerm_container_registry" "this" {
  #checkov:skip=CKV_AZURE_139:The CI runners push over the public endpoint; pulls use the kubelet identity
  #checkov:skip=CKV_AZURE_165:One region: geo-replication is a Premium option to add when a second region exists
  #checkov:skip=CKV_AZURE_166:Quarantine needs a scanner to release images; CI scans before it pushes
  #checkov:skip=CKV_AZURE_233:Zone redundancy is a Premium option
  #checkov:skip=CKV_AZURE_237:Dedicated data endpoints are a Premium option
  #checkov:skip=CKV_AZURE_164:Images are pinned by digest in the chart instead of content trust
  name                = var.registry_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku                 = "Standard"
  admin_enabled       = false
  tags                = var.tags

  retention_policy_in_days = 7
}

resource "azurerm_kubernetes_cluster" "this" {
  #checkov:skip=CKV_AZURE_6:Set from the required variable api_authorized_ip_ranges (at least one CIDR), which checkov cannot read
  #checkov:skip=CKV_AZURE_115:A public API endpoint limited to api_authorized_ip_ranges, so hosted CI runners can deploy
  #checkov:skip=CKV_AZURE_117:Platform-managed disk encryption; a customer-managed key is an option to add with Key Vault
  #checkov:skip=CKV_AZURE_170:The free control-plane tier; choose Standard for the uptime SLA
  #checkov:skip=CKV_AZURE_226:Ephemeral OS disks need a VM size with a large enough cache disk
  name                      = var.name
  location                  = azurerm_resource_group.this.location
  resource_group_name       = azurerm_resource_group.this.name
  dns_prefix                = var.name
  kubernetes_version        = var.kubernetes_version
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"
  sku_tier                  = "Free"
  local_account_disabled    = true
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true
  tags                      = var.tags

  api_server_access_profile {
    authorized_ip_ranges = var.api_authorized_ip_ranges
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  # System pods only; the app runs on the autoscaled "general" pool below.
  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_node_size
    vnet_subnet_id               = azurerm_subnet.nodes.id
    auto_scaling_enabled         = true
    min_count                    = 1
    max_count                    = 3
    max_pods                     = 60
    host_encryption_enabled      = true
    only_critical_addons_enabled = true
    zones                        = ["1", "2", "3"]
    tags                         = var.tags

    upgrade_settings {
      max_surge = "33%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    load_balancer_sku   = "standard"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    duration    = 4
    day_of_week = "Sunday"
    start_time  = "04:00"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "general" {
  name                    = "general"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.this.id
  vm_size                 = var.node_size
  vnet_subnet_id          = azurerm_subnet.nodes.id
  auto_scaling_enabled    = true
  min_count               = var.min_nodes
  max_count               = var.max_nodes
  max_pods                = 60
  host_encryption_enabled = true
  zones                   = ["1", "2", "3"]
  mode                    = "User"
  tags                    = var.tags

  node_labels = {
    "todo-chatbot.io/pool" = "general"
  }

  upgrade_settings {
    max_surge = "33%"
  }
}

# The nodes pull from the registry with the cluster's kubelet identity: no pull secret.
resource "azurerm_role_assignment" "pull" {
  scope                            = azurerm_container_registry.this.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}

resource "azurerm_subnet" "database" {
  count = var.create_database ? 1 : 0

  name                 = "postgresql"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.database_cidr]

  delegation {
    name = "postgresql"
    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_subnet_network_security_group_association" "database" {
  count = var.create_database ? 1 : 0

  subnet_id                 = azurerm_subnet.database[0].id
  network_security_group_id = azurerm_network_security_group.this.id
}

resource "azurerm_private_dns_zone" "database" {
  count = var.create_database ? 1 : 0

  name                = "${var.name}.postgres.database.azure.com"
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "database" {
  count = var.create_database ? 1 : 0

  name                  = "${var.name}-postgresql"
  private_dns_zone_name = azurerm_private_dns_zone.database[0].name
  virtual_network_id    = azurerm_virtual_network.this.id
  resource_group_name   = azurerm_resource_group.this.name
  tags                  = var.tags
}

resource "random_password" "database" {
  count = var.create_database ? 1 : 0

  length  = 32
  special = false
}

resource "azurerm_postgresql_flexible_server" "this" {
  count = var.create_database ? 1 : 0
  #checkov:skip=CKV_AZURE_136:Geo-redundant backups are an option to turn on for a second region
  #checkov:skip=CKV2_AZURE_57:Private by VNet integration (a delegated subnet, no public access) instead of a private endpoint

  name                          = "${var.name}-pg"
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  version                       = "16"
  sku_name                      = var.database_sku
  storage_mb                    = 32768
  backup_retention_days         = 7
  delegated_subnet_id           = azurerm_subnet.database[0].id
  private_dns_zone_id           = azurerm_private_dns_zone.database[0].id
  public_network_access_enabled = false
  administrator_login           = "todo"
  administrator_password        = random_password.database[0].result
  zone                          = "1"
  tags                          = var.tags

  depends_on = [azurerm_private_dns_zone_virtual_network_link.database]
}

resource "azurerm_postgresql_flexible_server_database" "todo" {
  count = var.create_database ? 1 : 0

  name      = "todo"
  server_id = azurerm_postgresql_flexible_server.this[0].id
  charset   = "UTF8"
  collation = "en_US.utf8"
}
