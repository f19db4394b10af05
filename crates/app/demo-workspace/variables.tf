variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev, staging, prod)."
  type        = string
}

variable "owner" {
  description = "Team that owns these resources."
  type        = string
}

variable "cost_center" {
  description = "Cost center the spend is charged to."
  type        = string
  default     = "CC-1042"
}

variable "instance_type" {
  description = "EC2 instance type of the web server."
  type        = string
  default     = "t3.small"
}

variable "db_password" {
  description = "Master password of the database."
  type        = string
  sensitive   = true
}
