variable "name" {
  description = "Name of the Log Analytics workspace."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$", var.name))
    error_message = "The name must be 4-63 letters, digits or '-'."
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

variable "retention_in_days" {
  description = "Interactive retention of the workspace's data."
  type        = number
  default     = 90

  validation {
    condition     = var.retention_in_days >= 90 && var.retention_in_days <= 730
    error_message = "Keep logs between 90 and 730 days (use archive tiers for longer)."
  }
}

variable "daily_quota_gb" {
  description = "Daily ingestion cap in GB (-1: no cap). A cap protects the budget but drops data once reached."
  type        = number
  default     = -1
}

variable "activity_log_categories" {
  description = "Subscription activity log categories exported to the workspace."
  type        = list(string)
  default     = ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"]
}

variable "diagnostic_targets" {
  description = "Resources whose logs (category group `allLogs`) and metrics are sent to the workspace, by a short name (for example `{ keyvault = azurerm_key_vault.main.id }`)."
  type        = map(string)
  default     = {}
}

variable "archive_storage_account_id" {
  description = "Optional storage account that also receives the activity log, for long-term archive."
  type        = string
  default     = null
}
