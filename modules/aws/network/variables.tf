variable "name" {
  description = "Name of the VPC, used as a prefix for every resource of the network."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,38}$", var.name))
    error_message = "The name must be 1-39 lower-case letters, digits or '-'."
  }
}

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC (a /16 to /24 private range)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 24
    error_message = "The CIDR block must be a valid IPv4 block between /16 and /24."
  }
}

variable "availability_zones" {
  description = "Availability zones to spread the subnets across (one public and one private subnet per zone)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 6
    error_message = "Use between 2 and 6 availability zones."
  }
}

variable "subnet_newbits" {
  description = "Bits added to the VPC prefix for each subnet (4 on a /16 gives /20 subnets)."
  type        = number
  default     = 4
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway for all zones (cheaper, but a zone outage cuts egress of the others). Default: one per zone."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow logs in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "Keep flow logs at least a year: use a CloudWatch retention value of 365 days or more."
  }
}

variable "flow_log_traffic_type" {
  description = "Traffic captured by the flow logs: ALL, ACCEPT or REJECT."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ALL", "ACCEPT", "REJECT"], var.flow_log_traffic_type)
    error_message = "The traffic type must be ALL, ACCEPT or REJECT."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the flow log group. When null, the module creates a dedicated key with rotation."
  type        = string
  default     = null
}
