variable "name" {
  description = "Name of the cluster (also its DNS prefix and the prefix of its identity)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,44}[a-z0-9]$", var.name))
    error_message = "The name must be 2-46 lower-case letters, digits or '-'."
  }
}

variable "resource_group_name" {
  description = "Resource group that holds the resources."
  type        = string
}

variable "location" {
  description = "Azure region (for example `westeurope`)."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource of the module; must include the organisation's required tags Owner, Environment and CostCenter."
  type        = map(string)

  validation {
    condition     = alltrue([for k in ["Owner", "Environment", "CostCenter"] : contains(keys(var.tags), k)])
    error_message = "Tags must include Owner, Environment and CostCenter."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes minor version (patches are applied automatically); null uses the region's default."
  type        = string
  default     = null
}

variable "subnet_id" {
  description = "Subnet of the nodes and pods (Azure CNI overlay: pods get addresses from `pod_cidr`)."
  type        = string
}

variable "pod_cidr" {
  description = "Overlay range of the pods; must not overlap the virtual network or peered networks."
  type        = string
  default     = "192.168.0.0/16"
}

variable "admin_group_object_ids" {
  description = "Entra ID groups that get cluster-admin through Azure RBAC."
  type        = list(string)

  validation {
    condition     = length(var.admin_group_object_ids) > 0
    error_message = "Name at least one administrator group: local accounts are disabled."
  }
}

variable "private_cluster" {
  description = "Serve the API server on a private endpoint only. When false, `api_server_authorized_ip_ranges` must list the allowed ranges."
  type        = bool
  default     = true
}

variable "api_server_authorized_ip_ranges" {
  description = "Ranges allowed to reach a public API server (ignored for private clusters)."
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.api_server_authorized_ip_ranges, "0.0.0.0/0")
    error_message = "0.0.0.0/0 would open the API server to the internet."
  }
}

variable "system_node_vm_size" {
  description = "VM size of the system node pool (needs a cache or temp disk large enough for ephemeral OS disks)."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "user_node_vm_size" {
  description = "VM size of the workload node pool."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "user_node_min_count" {
  description = "Minimum number of workload nodes (autoscaled)."
  type        = number
  default     = 2
}

variable "user_node_max_count" {
  description = "Maximum number of workload nodes (autoscaled)."
  type        = number
  default     = 6
}

variable "log_analytics_workspace_id" {
  description = "Log Analytics workspace for Container Insights, Defender and the control-plane logs."
  type        = string
}

variable "disk_encryption_set_id" {
  description = "Disk encryption set (customer-managed key) for node disks; null keeps platform keys, with encryption at host always on."
  type        = string
  default     = null
}
