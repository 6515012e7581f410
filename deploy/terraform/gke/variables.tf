variable "project" {
  description = "Google Cloud project ID."
  type        = string
}

variable "name" {
  description = "Name of the cluster; also prefixes the network, registry and database."
  type        = string
  default     = "todo-chatbot"
}

variable "region" {
  description = "Google Cloud region (a regional cluster spreads its nodes over the region's zones)."
  type        = string
  default     = "europe-west1"
}

variable "nodes_cidr" {
  description = "Primary range of the nodes' subnet."
  type        = string
  default     = "10.130.0.0/20"
}

variable "pods_cidr" {
  description = "Secondary range for pod addresses."
  type        = string
  default     = "10.132.0.0/14"
}

variable "services_cidr" {
  description = "Secondary range for Service addresses."
  type        = string
  default     = "10.136.0.0/20"
}

variable "master_cidr" {
  description = "Range of the private control plane endpoint (a /28)."
  type        = string
  default     = "172.16.0.0/28"
}

variable "master_authorized_cidrs" {
  description = "CIDRs allowed to reach the Kubernetes API (your office, the CI runners' egress)."
  type        = list(string)
  default     = []
}

variable "node_size" {
  description = "Machine type of the worker nodes."
  type        = string
  default     = "e2-standard-2"
}

variable "min_nodes" {
  description = "Fewest worker nodes per zone the cluster autoscaler keeps."
  type        = number
  default     = 1

  validation {
    condition     = var.min_nodes >= 1
    error_message = "min_nodes must be at least 1."
  }
}

variable "max_nodes" {
  description = "Most worker nodes per zone the cluster autoscaler adds."
  type        = number
  default     = 4

  validation {
    condition     = var.max_nodes >= var.min_nodes
    error_message = "max_nodes must not be below min_nodes."
  }
}

variable "create_database" {
  description = "Create a Cloud SQL for PostgreSQL instance on a private IP in the network."
  type        = bool
  default     = false
}

variable "database_tier" {
  description = "Machine tier of the Cloud SQL instance."
  type        = string
  default     = "db-custom-2-7680"
}

variable "labels" {
  description = "Labels put on every resource that takes them."
  type        = map(string)
  default     = { app = "todo-chatbot" }
}
