variable "name" {
  description = "Globally unique bucket name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name)) && !can(regex("\\.\\.|^xn--|-s3alias$", var.name))
    error_message = "The name must be a valid S3 bucket name: 3-63 lower-case letters, digits, '.' and '-'."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key for default encryption. When null, the module creates a dedicated key with rotation."
  type        = string
  default     = null
}

variable "access_log_bucket" {
  description = "Name of the bucket that receives this bucket's server access logs (for example the account baseline's access-log bucket)."
  type        = string
}

variable "access_log_prefix" {
  description = "Prefix of the access log objects. Defaults to `<bucket name>/`."
  type        = string
  default     = null
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are deleted."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "Keep noncurrent versions for at least one day."
  }
}

variable "force_destroy" {
  description = "Allow `terraform destroy` to delete a bucket that still holds objects. Keep false outside sandboxes."
  type        = bool
  default     = false
}
