variable "name" {
  description = "Globally unique storage account name (3-24 lower-case letters and digits)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
    error_message = "The name must be 3-24 lower-case letters and digits."
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

variable "replication_type" {
  description = "Redundancy of the account: ZRS, GRS, RAGRS, GZRS or RAGZRS (LRS is not offered: one datacenter is one failure domain)."
  type        = string
  default     = "GZRS"

  validation {
    condition     = contains(["ZRS", "GRS", "RAGRS", "GZRS", "RAGZRS"], var.replication_type)
    error_message = "Use ZRS, GRS, RAGRS, GZRS or RAGZRS."
  }
}

variable "soft_delete_retention_days" {
  description = "Days deleted blobs and containers can be restored."
  type        = number
  default     = 30

  validation {
    condition     = var.soft_delete_retention_days >= 7 && var.soft_delete_retention_days <= 365
    error_message = "Soft delete retention is between 7 and 365 days."
  }
}

variable "allowed_ip_ranges" {
  description = "Public IP ranges (CIDR, no private ranges) allowed through the account firewall; normally empty since access goes through the private endpoint."
  type        = list(string)
  default     = []
}

variable "allowed_subnet_ids" {
  description = "Subnets (with the Microsoft.Storage service endpoint) allowed through the account firewall."
  type        = list(string)
  default     = []
}

variable "private_endpoint_subnet_id" {
  description = "Subnet of the private endpoint of the blob service (public network access is disabled)."
  type        = string
}

variable "private_dns_zone_ids" {
  description = "Private DNS zones (`privatelink.blob.core.windows.net`) the private endpoint registers in."
  type        = list(string)
  default     = []
}

variable "key_vault_id" {
  description = "Key Vault (Azure RBAC authorization, purge protection on) holding the customer-managed encryption key; the module grants the account's identity Key Vault Crypto Service Encryption User on it."
  type        = string
}

variable "key_name" {
  description = "Name of the RSA key in `key_vault_id` used for encryption at rest (the latest version is used)."
  type        = string
}

variable "log_analytics_workspace_id" {
  description = "Log Analytics workspace receiving the read, write and delete logs of the blob and queue services."
  type        = string
}

variable "containers" {
  description = "Private blob containers to create."
  type        = list(string)
  default     = []
}
