variable "project_id" {
  description = "Project that owns the bucket."
  type        = string
}

variable "name" {
  description = "Globally unique bucket name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.name)) && !startswith(var.name, "goog")
    error_message = "The name must be 3-63 lower-case letters, digits, '.', '_' or '-', not starting with 'goog'."
  }
}

variable "location" {
  description = "Location of the bucket: a region (`europe-west1`), a dual-region or a multi-region (`EU`)."
  type        = string
}

variable "kms_key_id" {
  description = "Cloud KMS key (`projects/.../cryptoKeys/...`, same location as the bucket) for default encryption; the module grants the Cloud Storage service agent access to it."
  type        = string

  validation {
    condition     = can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key_id))
    error_message = "Use the key's full ID: projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>."
  }
}

variable "log_bucket" {
  description = "Bucket receiving this bucket's usage and storage logs."
  type        = string
}

variable "noncurrent_version_retention_days" {
  description = "Days after which noncurrent object versions are deleted."
  type        = number
  default     = 90
}

variable "soft_delete_retention_days" {
  description = "Days deleted objects can be restored (7 to 90; 0 turns soft delete off and is refused)."
  type        = number
  default     = 14

  validation {
    condition     = var.soft_delete_retention_days >= 7 && var.soft_delete_retention_days <= 90
    error_message = "Soft delete retention is between 7 and 90 days."
  }
}

variable "force_destroy" {
  description = "Allow `terraform destroy` to delete a bucket that still holds objects. Keep false outside sandboxes."
  type        = bool
  default     = false
}
