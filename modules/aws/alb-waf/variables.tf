variable "name" {
  description = "Name of the load balancer (also the prefix of its target group, security group and web ACL)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,22}[a-zA-Z0-9]$", var.name))
    error_message = "The name must be 2-24 letters, digits or '-' (the target group name adds a suffix)."
  }
}

variable "vpc_id" {
  description = "VPC of the load balancer and its targets."
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR block of the VPC: the load balancer may only reach targets inside it."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the load balancer: public subnets for an internet-facing one, private ones when `internal = true`."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "An application load balancer needs subnets in at least two availability zones."
  }
}

variable "internal" {
  description = "Create an internal load balancer (reachable only from `allowed_cidr_blocks`)."
  type        = bool
  default     = false
}

variable "allowed_cidr_blocks" {
  description = "Client CIDR blocks allowed on ports 443 and 80. Default: the whole internet, for a public web entry point."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "The certificate must be an ACM certificate ARN."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener (TLS 1.3 with 1.2 fallback by default)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = can(regex("TLS13|TLS-1-2", var.ssl_policy))
    error_message = "Use a policy that requires TLS 1.2 or later."
  }
}

variable "target_port" {
  description = "Port the targets listen on."
  type        = number
  default     = 8443
}

variable "target_protocol" {
  description = "Protocol between the load balancer and the targets (HTTPS keeps traffic encrypted inside the VPC)."
  type        = string
  default     = "HTTPS"

  validation {
    condition     = contains(["HTTP", "HTTPS"], var.target_protocol)
    error_message = "The target protocol is HTTP or HTTPS."
  }
}

variable "target_type" {
  description = "Target type of the target group: `ip` (Fargate, awsvpc tasks) or `instance`."
  type        = string
  default     = "ip"

  validation {
    condition     = contains(["ip", "instance"], var.target_type)
    error_message = "The target type is ip or instance."
  }
}

variable "health_check_path" {
  description = "Path the target group health check requests."
  type        = string
  default     = "/healthz"
}

variable "access_log_bucket" {
  description = "Bucket receiving the load balancer's access logs (SSE-S3 encrypted, with the ELB log delivery policy)."
  type        = string
}

variable "waf_rate_limit" {
  description = "Requests per 5 minutes allowed from one IP address before WAF blocks it."
  type        = number
  default     = 2000

  validation {
    condition     = var.waf_rate_limit >= 100
    error_message = "AWS WAF rate limits start at 100 requests per 5 minutes."
  }
}

variable "waf_log_retention_days" {
  description = "Retention of the WAF logs in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.waf_log_retention_days)
    error_message = "Use a CloudWatch retention value of 365 days or more."
  }
}

variable "kms_key_arn" {
  description = "KMS key encrypting the WAF log group. When null, the module creates a dedicated key with rotation."
  type        = string
  default     = null
}
