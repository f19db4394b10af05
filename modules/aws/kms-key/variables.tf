variable "alias" {
  description = "Alias of the key, without the `alias/` prefix (for example `payments-data`)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]{1,250}$", var.alias)) && !startswith(var.alias, "aws/")
    error_message = "The alias may contain letters, digits, '/', '_' and '-' and must not start with 'aws/'."
  }
}

variable "description" {
  description = "Description of the key, shown in the KMS console."
  type        = string
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled deletion of the key takes effect."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "The deletion window must be between 7 and 30 days."
  }
}

variable "rotation_period_in_days" {
  description = "Days between automatic rotations of the key material (rotation is always on)."
  type        = number
  default     = 365

  validation {
    condition     = var.rotation_period_in_days >= 90 && var.rotation_period_in_days <= 2560
    error_message = "The rotation period must be between 90 and 2560 days."
  }
}

variable "multi_region" {
  description = "Create a multi-Region primary key (replicas are managed outside this module)."
  type        = bool
  default     = false
}

variable "key_administrators" {
  description = "ARNs of IAM principals that may manage the key (not use it). The account root keeps full access so IAM policies keep working."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.key_administrators : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:", arn))])
    error_message = "Each key administrator must be an IAM ARN (arn:aws:iam::<account>:...)."
  }
}

variable "key_users" {
  description = "ARNs of IAM principals that may encrypt, decrypt and generate data keys with the key."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.key_users : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:", arn))])
    error_message = "Each key user must be an IAM ARN (arn:aws:iam::<account>:...)."
  }
}

variable "service_principals" {
  description = "AWS service principals (for example `logs.eu-west-1.amazonaws.com`) allowed to use the key on behalf of this account only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.service_principals : endswith(s, ".amazonaws.com")])
    error_message = "Service principals end with .amazonaws.com."
  }
}
