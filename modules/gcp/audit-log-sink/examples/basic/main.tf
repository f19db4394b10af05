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

module "audit_logs" {
  source = "../../"

  project_id = "acme-example-dev"
  name       = "audit-logs"
  kms_key_id = "projects/acme-security/locations/europe-west1/keyRings/logging/cryptoKeys/audit-logs"
}

output "log_bucket_id" {
  description = "Where the audit logs are kept."
  value       = module.audit_logs.log_bucket_id
}
