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

module "gke" {
  source = "../../"

  project_id                 = "acme-example-dev"
  name                       = "example-dev"
  region                     = "europe-west1"
  network                    = "projects/acme-example-dev/global/networks/example-dev"
  subnetwork                 = "projects/acme-example-dev/regions/europe-west1/subnetworks/app-europe-west1"
  rbac_security_group        = "gke-security-groups@example.com"
  database_encryption_key_id = "projects/acme-security/locations/europe-west1/keyRings/gke/cryptoKeys/example-dev-secrets"

  master_authorized_networks = {
    corporate-vpn = "203.0.113.0/24"
  }
}

output "cluster_name" {
  description = "Name of the example cluster."
  value       = module.gke.cluster_name
}
