variable "name" {
  description = "Name of the role."
  type        = string

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.name))
    error_message = "The name must be 1-64 characters: letters, digits and +=,.@_-."
  }
}

variable "description" {
  description = "What the role is for (shown in the IAM console and in access reviews)."
  type        = string
}

variable "path" {
  description = "IAM path of the role."
  type        = string
  default     = "/"
}

variable "trusted_services" {
  description = "AWS services that may assume the role (for example `ecs-tasks.amazonaws.com`); limited to this account with `aws:SourceAccount`."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.trusted_services : endswith(s, ".amazonaws.com")])
    error_message = "Trusted services are service principals ending with .amazonaws.com."
  }
}

variable "trusted_role_arns" {
  description = "IAM roles or users (full ARNs, never `*` or an account root) that may assume the role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.trusted_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/", a))])
    error_message = "Trusted principals are role or user ARNs; account roots and wildcards are not accepted."
  }
}

variable "statements" {
  description = <<-EOT
    Permissions of the role, one entry per policy statement: `actions` (service:Action, no
    service-wide or global wildcards), `resources` (ARNs; `*` only for statements made solely of
    List*/Describe* actions) and optional `conditions` (`test`, `variable`, `values`).
  EOT
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))

  validation {
    condition     = length(var.statements) > 0
    error_message = "Give the role at least one statement."
  }

  validation {
    condition = alltrue(flatten([
      for s in var.statements : [for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9]+\\*?$", a)) && !endswith(a, ":*")]
    ]))
    error_message = "Actions are `service:Action` (a trailing * after a prefix such as `s3:Get*` is allowed); `*` and `service:*` are not least privilege."
  }

  validation {
    condition = alltrue([
      for s in var.statements : length(s.resources) > 0 && (!contains(s.resources, "*") || alltrue([
        for a in s.actions : can(regex("^[a-z0-9-]+:(List|Describe)[A-Za-z0-9]*\\*?$", a))
      ]))
    ])
    error_message = "Every statement names its resources; `*` is accepted only for statements of List*/Describe* actions, which do not support resource-level permissions."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of the permissions boundary policy attached to the role, if the organisation uses one."
  type        = string
  default     = null
}

variable "max_session_duration" {
  description = "Maximum session length, in seconds (1 to 12 hours)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "The maximum session duration is between 3600 and 43200 seconds."
  }
}
