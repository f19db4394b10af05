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

module "budget" {
  source = "../../"

  billing_account = "000000-AAAAAA-BBBBBB"
  project_id      = "acme-example-dev"
  display_name    = "example-dev monthly"
  project_numbers = ["123456789012"]
  amount          = 1000
  alert_emails    = ["cloud-costs@example.com"]
}

output "budget_id" {
  description = "ID of the example budget."
  value       = module.budget.budget_id
}
