variable "name" {
  description = "Name of the budget."
  type        = string
}

variable "subscription_id" {
  description = "Subscription the budget covers, as a resource ID (`/subscriptions/<guid>`)."
  type        = string

  validation {
    condition     = can(regex("^/subscriptions/[0-9a-fA-F-]{36}$", var.subscription_id))
    error_message = "Use the subscription's resource ID: /subscriptions/<guid>."
  }
}

variable "amount" {
  description = "Monthly budget, in the billing currency of the subscription."
  type        = number

  validation {
    condition     = var.amount > 0
    error_message = "The budget must be positive."
  }
}

variable "start_date" {
  description = "First day the budget applies, the first of a month (`YYYY-MM-01`); it cannot be changed later without recreating the budget."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-01$", var.start_date))
    error_message = "The start date is the first day of a month, as YYYY-MM-01."
  }
}

variable "resource_group_names" {
  description = "Restrict the budget to these resource groups (empty: the whole subscription)."
  type        = list(string)
  default     = []
}

variable "alert_emails" {
  description = "E-mail addresses alerted at 80% (actual) and 100% (forecast) of the budget."
  type        = list(string)

  validation {
    condition     = length(var.alert_emails) > 0 && alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Give at least one valid e-mail address."
  }
}

variable "action_group_ids" {
  description = "Azure Monitor action groups also notified (for chat or ticketing integrations)."
  type        = list(string)
  default     = []
}
