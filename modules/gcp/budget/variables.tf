variable "billing_account" {
  description = "Billing account ID (`XXXXXX-XXXXXX-XXXXXX`) the budget belongs to."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "Use the billing account ID, as XXXXXX-XXXXXX-XXXXXX."
  }
}

variable "project_id" {
  description = "Project that owns the e-mail notification channels."
  type        = string
}

variable "display_name" {
  description = "Name of the budget in the billing console."
  type        = string
}

variable "project_numbers" {
  description = "Projects the budget covers, by project number (empty: the whole billing account)."
  type        = list(string)
  default     = []
}

variable "amount" {
  description = "Monthly budget, in whole units of `currency_code`."
  type        = number

  validation {
    condition     = var.amount > 0 && floor(var.amount) == var.amount
    error_message = "The budget is a positive whole amount."
  }
}

variable "currency_code" {
  description = "Currency of the amount; must be the billing account's currency."
  type        = string
  default     = "USD"
}

variable "alert_emails" {
  description = "E-mail addresses alerted at 80% (actual) and 100% (forecast) of the budget."
  type        = list(string)

  validation {
    condition     = length(var.alert_emails) > 0 && alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Give at least one valid e-mail address."
  }
}
