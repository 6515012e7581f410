output "cluster_name" {
  description = "Name of the AKS cluster (az aks get-credentials --name <name> --resource-group <group>)."
  value       = azurerm_kubernetes_cluster.this.name
}

output "resource_group" {
  description = "Resource group holding every resource of this module."
  value       = azurerm_resource_group.this.name
}

output "oidc_issuer_url" {
  description = "OIDC issuer of the cluster, for workload identity federation."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "registry_login_server" {
  description = "Where images are pushed: <server>/todo-chatbot:<tag> (the image.registry value of values-aks.yaml)."
  value       = azurerm_container_registry.this.login_server
}

output "vnet_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "database_url" {
  description = "Private DATABASE_URL of the managed PostgreSQL (when create_database), for the todo-chatbot-secrets Secret."
  value = var.create_database ? format(
    "postgresql://%s:%s@%s:5432/%s?sslmode=require",
    azurerm_postgresql_flexible_server.this[0].administrator_login,
    random_password.database[0].result,
    azurerm_postgresql_flexible_server.this[0].fqdn,
    azurerm_postgresql_flexible_server_database.todo[0].name,
  ) : null
  sensitive = true
}
