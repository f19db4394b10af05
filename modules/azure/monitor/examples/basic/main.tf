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

variable "tags" {
  description = "Required tags of every resource of the example."
  type        = map(string)
  default = {
    Owner       = "platform-team"
    Environment = "dev"
    CostCenter  = "cc-1234"
    ManagedBy   = "terraform"
  }
}

resource "azurerm_resource_group" "monitor" {
  name     = "rg-example-monitor-dev"
  location = "westeurope"
  tags     = var.tags
}

module "monitor" {
  source = "../../"

  name                = "log-example-dev"
  resource_group_name = azurerm_resource_group.monitor.name
  location            = azurerm_resource_group.monitor.location
  tags                = var.tags

  diagnostic_targets = {
    keyvault = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-example-dev"
  }
}

output "workspace_id" {
  description = "Workspace receiving the activity log and resource logs."
  value       = module.monitor.workspace_id
}
