variable "name" {
  description = "Name of the virtual network (also the prefix of its network security groups)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}[a-zA-Z0-9_]$", var.name))
    error_message = "The name must be 2-64 letters, digits, '.', '_' or '-'."
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

variable "address_space" {
  description = "Address ranges of the virtual network."
  type        = list(string)

  validation {
    condition     = length(var.address_space) > 0 && alltrue([for c in var.address_space : can(cidrhost(c, 0))])
    error_message = "Give at least one valid CIDR range."
  }
}

variable "subnets" {
  description = "Subnets by name: address prefix, optional service endpoints and an optional delegation (service name). Every subnet gets its own network security group."
  type = map(object({
    address_prefix    = string
    service_endpoints = optional(list(string), [])
    delegation        = optional(string)
  }))

  validation {
    condition     = alltrue([for s in values(var.subnets) : can(cidrhost(s.address_prefix, 0))])
    error_message = "Each subnet needs a valid address prefix."
  }
}

variable "dns_servers" {
  description = "Custom DNS servers of the virtual network (empty: Azure-provided DNS)."
  type        = list(string)
  default     = []
}

variable "ddos_protection_plan_id" {
  description = "ID of a DDoS Network Protection plan to attach (plans are usually shared by a hub); null leaves the platform's basic protection."
  type        = string
  default     = null
}

variable "flow_logs" {
  description = "Virtual network flow logs: Network Watcher of the region, the storage account receiving the logs, and an optional Log Analytics workspace for Traffic Analytics."
  type = object({
    network_watcher_name                = string
    network_watcher_resource_group_name = string
    storage_account_id                  = string
    log_analytics_workspace = optional(object({
      workspace_id = string
      resource_id  = string
      location     = string
    }))
  })
}

variable "flow_log_retention_days" {
  description = "Days the flow logs are kept in the storage account."
  type        = number
  default     = 90

  validation {
    condition     = var.flow_log_retention_days >= 90 && var.flow_log_retention_days <= 365
    error_message = "Keep flow logs between 90 and 365 days."
  }
}
