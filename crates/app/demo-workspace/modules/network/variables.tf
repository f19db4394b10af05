variable "name" {
  description = "Name prefix of every network resource."
  type        = string
}

variable "cidr_block" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "az_count" {
  description = "Number of availability zones to spread subnets over."
  type        = number
  default     = 2
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "flow_log_role_arn" {
  description = "IAM role the VPC flow log service assumes."
  type        = string
  default     = null
}
