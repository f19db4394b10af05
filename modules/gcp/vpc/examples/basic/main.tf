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

module "vpc" {
  source = "../../"

  project_id = "acme-example-dev"
  name       = "example-dev"

  subnets = {
    app-europe-west1 = {
      region        = "europe-west1"
      ip_cidr_range = "10.40.0.0/20"
      secondary_ranges = {
        pods     = "10.48.0.0/14"
        services = "10.52.0.0/20"
      }
    }
  }
}

output "subnet_ids" {
  description = "Subnets of the example network."
  value       = module.vpc.subnet_ids
}
