variable "name" {
  description = "Short name of the account (for example `acme-prod`), used in resource names."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,30}$", var.name))
    error_message = "The name must be 2-31 lower-case letters, digits or '-'."
  }
}

variable "log_retention_days" {
  description = "Days CloudTrail and AWS Config objects are kept in the log bucket before expiry."
  type        = number
  default     = 2557

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "Keep audit logs for at least 365 days."
  }
}

variable "cloudwatch_log_retention_days" {
  description = "Retention of the CloudTrail copy in CloudWatch Logs (used for metric filters and alarms)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_log_retention_days)
    error_message = "Use a CloudWatch retention value of 365 days or more."
  }
}

variable "security_hub_standards" {
  description = "Security Hub standards to subscribe to, as ARN suffixes after `arn:<partition>:securityhub:<region>::` (for example `standards/aws-foundational-security-best-practices/v/1.0.0`)."
  type        = list(string)
  default = [
    "standards/aws-foundational-security-best-practices/v/1.0.0",
    "standards/cis-aws-foundations-benchmark/v/3.0.0",
  ]
}

variable "monthly_budget_usd" {
  description = "Monthly cost budget of the account, in US dollars."
  type        = number

  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "The budget must be positive."
  }
}

variable "budget_alert_emails" {
  description = "E-mail addresses alerted at 80% (actual) and 100% (forecast) of the monthly budget."
  type        = list(string)

  validation {
    condition     = length(var.budget_alert_emails) > 0 && alltrue([for e in var.budget_alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Give at least one valid e-mail address."
  }
}

variable "password_minimum_length" {
  description = "Minimum length of IAM user passwords (CIS AWS Foundations: 14 or more)."
  type        = number
  default     = 14

  validation {
    condition     = var.password_minimum_length >= 14
    error_message = "Passwords need at least 14 characters."
  }
}

variable "password_max_age_days" {
  description = "Days after which IAM user passwords expire."
  type        = number
  default     = 90

  validation {
    condition     = var.password_max_age_days >= 1 && var.password_max_age_days <= 90
    error_message = "Passwords must expire within 90 days."
  }
}
