variable "project_id" {
  description = "Project that hosts the cluster."
  type        = string
}

variable "name" {
  description = "Name of the cluster (also the prefix of its node service account)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.name))
    error_message = "The name must be 2-20 lower-case letters, digits or '-', starting with a letter (the service account ID adds a suffix)."
  }
}

variable "region" {
  description = "Region of the (regional, three-zone) cluster."
  type        = string
}

variable "network" {
  description = "Self link or ID of the VPC network."
  type        = string
}

variable "subnetwork" {
  description = "Self link or ID of the subnetwork of the nodes."
  type        = string
}

variable "pods_range_name" {
  description = "Name of the subnetwork's secondary range for pods."
  type        = string
  default     = "pods"
}

variable "services_range_name" {
  description = "Name of the subnetwork's secondary range for services."
  type        = string
  default     = "services"
}

variable "master_ipv4_cidr_block" {
  description = "/28 range of the control plane's private endpoint."
  type        = string
  default     = "172.16.0.0/28"
}

variable "master_authorized_networks" {
  description = "Ranges allowed to reach the control plane, by display name (for example the CI runners and the VPN)."
  type        = map(string)

  validation {
    condition     = !contains(values(var.master_authorized_networks), "0.0.0.0/0")
    error_message = "0.0.0.0/0 would open the control plane to the internet."
  }
}

variable "rbac_security_group" {
  description = "Google Group named `gke-security-groups@<domain>` whose member groups can be bound in Kubernetes RBAC (Google Groups for RBAC)."
  type        = string

  validation {
    condition     = startswith(var.rbac_security_group, "gke-security-groups@")
    error_message = "Google Groups for RBAC requires the group gke-security-groups@<your domain>."
  }
}

variable "release_channel" {
  description = "GKE release channel: RAPID, REGULAR or STABLE."
  type        = string
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "Use RAPID, REGULAR or STABLE."
  }
}

variable "database_encryption_key_id" {
  description = "Cloud KMS key (same region) encrypting Kubernetes Secrets in etcd at the application layer."
  type        = string
}

variable "machine_type" {
  description = "Machine type of the nodes."
  type        = string
  default     = "e2-standard-4"
}

variable "min_nodes_per_zone" {
  description = "Minimum number of nodes in each zone (autoscaled)."
  type        = number
  default     = 1
}

variable "max_nodes_per_zone" {
  description = "Maximum number of nodes in each zone (autoscaled)."
  type        = number
  default     = 3
}
