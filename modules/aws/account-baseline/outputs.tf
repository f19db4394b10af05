output "audit_bucket_name" {
  description = "Bucket holding CloudTrail (`cloudtrail/`) and AWS Config (`config/`) deliveries."
  value       = aws_s3_bucket.audit.id
}

output "access_log_bucket_name" {
  description = "Bucket receiving S3 server access logs; pass it as `access_log_bucket` to the s3-bucket module."
  value       = aws_s3_bucket.access_logs.id
}

output "audit_kms_key_arn" {
  description = "KMS key encrypting the audit trail, its log group, its SNS topic and Config deliveries."
  value       = aws_kms_key.audit.arn
}

output "cloudtrail_arn" {
  description = "ARN of the multi-region trail."
  value       = aws_cloudtrail.this.arn
}

output "cloudtrail_log_group_name" {
  description = "CloudWatch log group with the trail's events, for metric filters and alarms."
  value       = aws_cloudwatch_log_group.trail.name
}

output "cloudtrail_sns_topic_arn" {
  description = "SNS topic notified of each trail delivery."
  value       = aws_sns_topic.trail.arn
}

output "guardduty_detector_id" {
  description = "ID of the GuardDuty detector."
  value       = aws_guardduty_detector.this.id
}

output "config_recorder_name" {
  description = "Name of the AWS Config recorder."
  value       = aws_config_configuration_recorder.this.name
}
