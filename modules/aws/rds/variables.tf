variable "identifier" {
  description = "Identifier of the DB instance (also the prefix of its subnet group, parameter group and security group)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,53}[a-z0-9]$", var.identifier)) && !strcontains(var.identifier, "--")
    error_message = "The identifier must start with a letter and hold lower-case letters, digits and single hyphens."
  }
}

variable "engine_version" {
  description = "PostgreSQL major version (minor versions are upgraded automatically in the maintenance window)."
  type        = string
  default     = "17"

  validation {
    condition     = can(regex("^1[4-9]$", var.engine_version))
    error_message = "Use a supported PostgreSQL major version (14 or later), for example \"17\"."
  }
}

variable "instance_class" {
  description = "Instance class (for example `db.t4g.medium`, `db.m7g.large`)."
  type        = string
  default     = "db.t4g.medium"
}

variable "allocated_storage_gb" {
  description = "Initial storage, in GiB (gp3)."
  type        = number
  default     = 50
}

variable "max_allocated_storage_gb" {
  description = "Upper limit of storage autoscaling, in GiB."
  type        = number
  default     = 200
}

variable "database_name" {
  description = "Name of the database created with the instance."
  type        = string
  default     = "app"
}

variable "master_username" {
  description = "Master user name. Its password is generated, stored and rotated by RDS in Secrets Manager."
  type        = string
  default     = "dbadmin"
}

variable "vpc_id" {
  description = "VPC of the instance."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the DB subnet group (at least two availability zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "A DB subnet group needs subnets in at least two availability zones."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups (application tiers) allowed to connect on the PostgreSQL port."
  type        = list(string)
  default     = []
}

variable "multi_az" {
  description = "Run a synchronous standby in a second availability zone."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days automated backups (and point-in-time recovery) are kept."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "Keep automated backups between 7 and 35 days."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for storage, Performance Insights and the master user secret. When null, the module creates a dedicated key with rotation."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Refuse deletion of the instance. Turn off only to decommission it (a final snapshot is always taken)."
  type        = bool
  default     = true
}

variable "monitoring_interval" {
  description = "Enhanced Monitoring interval in seconds (1, 5, 10, 15, 30 or 60)."
  type        = number
  default     = 60

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "Enhanced Monitoring needs an interval of 1, 5, 10, 15, 30 or 60 seconds."
  }
}
