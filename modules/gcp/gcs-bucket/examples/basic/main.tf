terraform {
  required_version = "~> 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
}

# Labels required by the organisation are set once here and applied by the provider to every
# resource that supports labels.
provider "google" {
  project = "acme-example-dev"
  region  = "europe-west1"

  default_labels = {
    owner       = "platform-team"
    environment = "dev"
    costcenter  = "cc-1234"
    managed_by  = "terraform"
  }
}

resource "google_kms_key_ring" "example" {
  name     = "example-data"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "bucket" {
  name            = "example-bucket"
  key_ring        = google_kms_key_ring.example.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}

module "bucket" {
  source = "../../"

  project_id = "acme-example-dev"
  name       = "acme-example-reports-dev"
  location   = "europe-west1"
  kms_key_id = google_kms_crypto_key.bucket.id
  log_bucket = "acme-storage-logs-dev"
}

output "bucket_url" {
  description = "URL of the example bucket."
  value       = module.bucket.bucket_url
}
