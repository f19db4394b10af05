variable "project_id" {
  description = "Project that holds the destination log bucket (and, for a project sink, whose logs are exported)."
  type        = string
}

variable "name" {
  description = "Name of the sink and of its log bucket."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{0,60}$", var.name))
    error_message = "The name must be 1-61 lower-case letters, digits, '_' or '-'."
  }
}

variable "organization_id" {
  description = "Numeric organization ID: when set, an aggregated organization sink exports the audit logs of every folder and project; when null, only this project's."
  type        = string
  default     = null
}

variable "location" {
  description = "Location of the log bucket (a region or `global`)."
  type        = string
  default     = "europe-west1"
}

variable "retention_days" {
  description = "Days the audit logs are kept in the log bucket."
  type        = number
  default     = 400

  validation {
    condition     = var.retention_days >= 365 && var.retention_days <= 3650
    error_message = "Keep audit logs between 365 and 3650 days."
  }
}

variable "lock_bucket" {
  description = "Lock the bucket's retention policy: nobody can shorten it or delete the bucket before the retention has passed. Irreversible."
  type        = bool
  default     = true
}

variable "kms_key_id" {
  description = "Cloud KMS key (same location as the bucket) encrypting the log bucket; the module grants the project's Cloud Logging service agent access to it."
  type        = string
}

variable "data_access_logs" {
  description = "Turn on Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for all services of the project. They can be voluminous."
  type        = bool
  default     = true
}
