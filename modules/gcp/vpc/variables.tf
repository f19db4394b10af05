variable "project_id" {
  description = "Project that hosts the network."
  type        = string
}

variable "name" {
  description = "Name of the VPC network (also the prefix of its routers, NAT gateways and firewall rules)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,50}[a-z0-9])?$", var.name))
    error_message = "The name must be 1-52 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "subnets" {
  description = "Subnets by name: region, primary range and optional secondary ranges (for example GKE pods and services)."
  type = map(object({
    region           = string
    ip_cidr_range    = string
    secondary_ranges = optional(map(string), {})
  }))

  validation {
    condition     = alltrue([for s in values(var.subnets) : can(cidrhost(s.ip_cidr_range, 0))])
    error_message = "Each subnet needs a valid primary CIDR range."
  }
}

variable "flow_log_sampling" {
  description = "Share of flows sampled by VPC flow logs (0 to 1)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.flow_log_sampling > 0 && var.flow_log_sampling <= 1
    error_message = "The sampling rate is above 0 and at most 1."
  }
}

variable "nat_log_filter" {
  description = "Cloud NAT logging: ERRORS_ONLY, TRANSLATIONS_ONLY or ALL."
  type        = string
  default     = "ERRORS_ONLY"

  validation {
    condition     = contains(["ERRORS_ONLY", "TRANSLATIONS_ONLY", "ALL"], var.nat_log_filter)
    error_message = "Use ERRORS_ONLY, TRANSLATIONS_ONLY or ALL."
  }
}

variable "iap_ssh_enabled" {
  description = "Allow SSH from Identity-Aware Proxy (35.235.240.0/20) to instances tagged `allow-iap-ssh`; no other inbound access is opened."
  type        = bool
  default     = false
}
