variable "name" {
  description = "Name of the service (also of its cluster, task family, log group and roles)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,30}$", var.name))
    error_message = "The name must be 1-31 lower-case letters, digits or '-'."
  }
}

variable "image" {
  description = "Container image, pinned by digest or immutable tag (for example `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:...`)."
  type        = string

  validation {
    condition     = !endswith(var.image, ":latest") && (strcontains(var.image, "@sha256:") || can(regex(":[^/]+$", var.image)))
    error_message = "Pin the image by digest or a version tag; `latest` or no tag is not reproducible."
  }
}

variable "container_port" {
  description = "Port the container listens on."
  type        = number
  default     = 8443
}

variable "cpu" {
  description = "Task CPU units (256, 512, 1024, 2048, 4096, 8192 or 16384)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Task memory, in MiB (must be valid for the chosen CPU)."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "CPU architecture of the image: X86_64 or ARM64 (Graviton, cheaper per vCPU)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "Use X86_64 or ARM64."
  }
}

variable "desired_count" {
  description = "Number of running tasks."
  type        = number
  default     = 2
}

variable "environment" {
  description = "Plain (non-secret) environment variables of the container."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Secret environment variables: name -> ARN of a Secrets Manager secret or SSM parameter (read by the execution role at start)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for arn in values(var.secrets) : can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", arn))])
    error_message = "Secrets are ARNs of Secrets Manager secrets or SSM parameters."
  }
}

variable "task_role_arn" {
  description = "Role the application assumes (its AWS permissions; build it with the iam-role module). Null gives the task no AWS permissions."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the service."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks (they get no public IP; egress goes through NAT)."
  type        = list(string)
}

variable "load_balancer_security_group_id" {
  description = "Security group of the load balancer allowed to reach the container port."
  type        = string
}

variable "target_group_arn" {
  description = "Target group (type `ip`) the service registers its tasks in."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the container logs in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Use a CloudWatch retention value of 365 days or more."
  }
}

variable "kms_key_arn" {
  description = "KMS key encrypting the container logs and ECS Exec sessions. When null, the module creates a dedicated key with rotation."
  type        = string
  default     = null
}
