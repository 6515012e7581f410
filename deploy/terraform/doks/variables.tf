variable "name" {
  description = "Name of the cluster; also prefixes the VPC and node pool."
  type        = string
  default     = "todo-chatbot"
}

variable "region" {
  description = "DigitalOcean region slug."
  type        = string
  default     = "fra1"
}

variable "kubernetes_version_prefix" {
  description = "Kubernetes minor version to run; the newest DOKS patch release of it is used."
  type        = string
  default     = "1.31."
}

variable "vpc_ip_range" {
  description = "Private range of the VPC the nodes live in."
  type        = string
  default     = "10.110.0.0/20"
}

variable "node_size" {
  description = "Droplet size of the worker nodes."
  type        = string
  default     = "s-2vcpu-4gb"
}

variable "min_nodes" {
  description = "Fewest worker nodes the autoscaler keeps."
  type        = number
  default     = 3

  validation {
    condition     = var.min_nodes >= 1
    error_message = "min_nodes must be at least 1."
  }
}

variable "max_nodes" {
  description = "Most worker nodes the autoscaler adds."
  type        = number
  default     = 10

  validation {
    condition     = var.max_nodes >= var.min_nodes
    error_message = "max_nodes must not be below min_nodes."
  }
}

variable "ha_control_plane" {
  description = "Run the highly available control plane (billed)."
  type        = bool
  default     = false
}

variable "registry_name" {
  description = "Name of the container registry (globally unique); images are pushed to registry.digitalocean.com/<name>."
  type        = string
  default     = "todo-chatbot"
}

variable "registry_tier" {
  description = "Container registry subscription tier: starter, basic or professional."
  type        = string
  default     = "basic"
}

variable "create_database" {
  description = "Create a managed PostgreSQL cluster reachable only from the Kubernetes cluster (instead of the in-cluster StatefulSet or Neon)."
  type        = bool
  default     = false
}

variable "database_size" {
  description = "Size slug of the managed PostgreSQL nodes."
  type        = string
  default     = "db-s-1vcpu-1gb"
}

variable "tags" {
  description = "Tags put on every resource that takes them."
  type        = list(string)
  default     = ["todo-chatbot"]
}
