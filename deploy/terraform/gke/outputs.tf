output "cluster_name" {
  description = "Name of the GKE cluster (gcloud container clusters get-credentials <name> --region <region>)."
  value       = google_container_cluster.this.name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = google_container_cluster.this.endpoint
  sensitive   = true
}

output "registry" {
  description = "Where images are pushed: <registry>/todo-chatbot:<tag> (the image.registry value of values-gke.yaml)."
  value       = "${var.region}-docker.pkg.dev/${var.project}/${google_artifact_registry_repository.images.repository_id}"
}

output "network_id" {
  description = "ID of the VPC network."
  value       = google_compute_network.this.id
}

output "database_url" {
  description = "Private DATABASE_URL of Cloud SQL (when create_database), for the todo-chatbot-secrets Secret."
  value = var.create_database ? format(
    "postgresql://%s:%s@%s:5432/%s?sslmode=require",
    google_sql_user.todo[0].name,
    random_password.database[0].result,
    google_sql_database_instance.this[0].private_ip_address,
    google_sql_database.todo[0].name,
  ) : null
  sensitive = true
}
