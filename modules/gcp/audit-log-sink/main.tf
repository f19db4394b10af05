locals {
  filter = "logName:\"cloudaudit.googleapis.com\""
}

data "google_logging_project_cmek_settings" "this" {
  project = var.project_id
}

# Cloud Logging's service agent wraps the bucket's data keys with the customer-managed key.
resource "google_kms_crypto_key_iam_member" "logging_agent" {
  crypto_key_id = var.kms_key_id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${data.google_logging_project_cmek_settings.this.service_account_id}"
}

resource "google_logging_project_bucket_config" "this" {
  project        = var.project_id
  location       = var.location
  bucket_id      = var.name
  description    = "Audit logs exported by the sink ${var.name}"
  retention_days = var.retention_days
  locked         = var.lock_bucket

  cmek_settings {
    kms_key_name = var.kms_key_id
  }

  depends_on = [google_kms_crypto_key_iam_member.logging_agent]
}

# Admin Activity logs are always on; Data Access logs have to be turned on per service.
resource "google_project_iam_audit_config" "all_services" {
  count = var.data_access_logs ? 1 : 0

  project = var.project_id
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_logging_project_sink" "this" {
  count = var.organization_id == null ? 1 : 0

  project                = var.project_id
  name                   = var.name
  destination            = "logging.googleapis.com/${google_logging_project_bucket_config.this.id}"
  filter                 = local.filter
  unique_writer_identity = true
}

resource "google_logging_organization_sink" "this" {
  count = var.organization_id == null ? 0 : 1

  org_id           = var.organization_id
  name             = var.name
  destination      = "logging.googleapis.com/${google_logging_project_bucket_config.this.id}"
  filter           = local.filter
  include_children = true
}

# A sink writing to a bucket of another resource needs its writer identity to be a bucket writer.
resource "google_project_iam_member" "org_sink_writer" {
  count = var.organization_id == null ? 0 : 1

  project = var.project_id
  role    = "roles/logging.bucketWriter"
  member  = google_logging_organization_sink.this[0].writer_identity

  condition {
    title      = "only-${var.name}"
    expression = "resource.name.endsWith(\"locations/${var.location}/buckets/${var.name}\")"
  }
}
