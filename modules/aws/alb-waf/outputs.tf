output "lb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "lb_dns_name" {
  description = "DNS name of the load balancer (point an alias record at it)."
  value       = aws_lb.this.dns_name
}

output "lb_zone_id" {
  description = "Hosted zone of the load balancer, for Route 53 alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "Security group of the load balancer; allow it as a source on the targets."
  value       = aws_security_group.this.id
}

output "target_group_arn" {
  description = "Target group the HTTPS listener forwards to."
  value       = aws_lb_target_group.this.arn
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL."
  value       = aws_wafv2_web_acl.this.arn
}
