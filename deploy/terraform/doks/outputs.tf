output "cluster_id" {
  description = "ID of the DOKS cluster (doctl kubernetes cluster kubeconfig save <id>)."
  value       = digitalocean_kubernetes_cluster.this.id
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = digitalocean_kubernetes_cluster.this.endpoint
}

output "kubeconfig" {
  description = "Kubeconfig of the cluster."
  value       = digitalocean_kubernetes_cluster.this.kube_config[0].raw_config
  sensitive   = true
}

output "registry_endpoint" {
  description = "Where images are pushed: <endpoint>/todo-chatbot:<tag> (the image.registry value of values-doks.yaml)."
  value       = digitalocean_container_registry.this.endpoint
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = digitalocean_vpc.this.id
}

output "database_url" {
  description = "Private DATABASE_URL of the managed PostgreSQL (when create_database), for the todo-chatbot-secrets Secret."
  value = var.create_database ? format(
    "postgresql://%s:%s@%s:%d/%s?sslmode=require",
    digitalocean_database_cluster.postgres[0].user,
    digitalocean_database_cluster.postgres[0].password,
    digitalocean_database_cluster.postgres[0].private_host,
    digitalocean_database_cluster.postgres[0].port,
    digitalocean_database_db.todo[0].name,
  ) : null
  sensitive = true
}
