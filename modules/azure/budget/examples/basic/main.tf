terraform {
  required_version = "~> 1.6"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_subscription" "current" {}

module "budget" {
  source = "../../"

  name            = "budget-example-dev"
  subscription_id = data.azurerm_subscription.current.id
  amount          = 1000
  start_date      = "2027-01-01"
  alert_emails    = ["cloud-costs@example.com"]
}

output "budget_id" {
  description = "ID of the example budget."
  value       = module.budget.budget_id
}
