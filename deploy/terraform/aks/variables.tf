variable "name" {
  description = "Name of the cluster; also prefixes the resource group, network and registry."
  type        = string
  default     = "todo-chatbot"
}

variable "location" {
  description = "Azure region."
  type        = string
  default     = "westeurope"
}

variable "kubernetes_version" {
  description = "Kubernetes minor version (AKS applies patch releases itself)."
  type        = string
  default     = "1.31"
}

variable "vnet_cidr" {
  description = "Address space of the virtual network."
  type        = string
  default     = "10.120.0.0/16"
}

variable "nodes_cidr" {
  description = "Subnet of the node pool (Azure CNI overlay: pods get addresses outside it)."
  type        = string
  default     = "10.120.0.0/20"
}

variable "database_cidr" {
  description = "Subnet delegated to the managed PostgreSQL server (when create_database)."
  type        = string
  default     = "10.120.16.0/24"
}

variable "node_size" {
  description = "VM size of the worker nodes."
  type        = string
  default     = "Standard_D2s_v5"
}

variable "system_node_size" {
  description = "VM size of the system node pool (cluster add-ons only)."
  type        = string
  default     = "Standard_D2s_v5"
}

variable "min_nodes" {
  description = "Fewest worker nodes the cluster autoscaler keeps in the app's pool."
  type        = number
  default     = 3

  validation {
    condition     = var.min_nodes >= 1
    error_message = "min_nodes must be at least 1."
  }
}

variable "max_nodes" {
  description = "Most worker nodes the cluster autoscaler adds to the app's pool."
  type        = number
  default     = 10

  validation {
    condition     = var.max_nodes >= var.min_nodes
    error_message = "max_nodes must not be below min_nodes."
  }
}

variable "api_authorized_ip_ranges" {
  description = "CIDRs allowed to reach the Kubernetes API (your office, the CI runners' egress)."
  type        = list(string)

  validation {
    condition     = length(var.api_authorized_ip_ranges) > 0
    error_message = "Name at least one CIDR that may reach the Kubernetes API."
  }
}

variable "registry_name" {
  description = "Name of the container registry (globally unique, letters and digits); images go to <name>.azurecr.io."
  type        = string
  default     = "todochatbot"
}

variable "create_database" {
  description = "Create an Azure Database for PostgreSQL flexible server reachable only from the virtual network."
  type        = bool
  default     = false
}

variable "database_sku" {
  description = "SKU of the managed PostgreSQL server."
  type        = string
  default     = "GP_Standard_D2ds_v5"
}

variable "tags" {
  description = "Tags put on every resource that takes them."
  type        = map(string)
  default     = { app = "todo-chatbot" }
}
