output "log_bucket_id" {
  description = "ID of the log bucket holding the audit logs."
  value       = google_logging_project_bucket_config.this.id
}

output "sink_writer_identity" {
  description = "Identity the sink writes with."
  value       = var.organization_id == null ? google_logging_project_sink.this[0].writer_identity : google_logging_organization_sink.this[0].writer_identity
}
