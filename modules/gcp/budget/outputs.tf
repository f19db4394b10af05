output "budget_id" {
  description = "ID of the budget."
  value       = google_billing_budget.this.id
}

output "notification_channel_ids" {
  description = "Monitoring notification channels created for the alert e-mails."
  value       = [for c in google_monitoring_notification_channel.email : c.id]
}
