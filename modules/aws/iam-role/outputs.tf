output "role_arn" {
  description = "ARN of the role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role."
  value       = aws_iam_role.this.name
}

output "policy_json" {
  description = "The role's permissions policy, as rendered (for reviews)."
  value       = data.aws_iam_policy_document.permissions.json
}
