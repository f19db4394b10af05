terraform {
  required_version = "~> 1.6"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
  }
}

# Shared keys are disabled on the account: the provider must use Entra ID for data-plane calls.
provider "azurerm" {
  features {}
  storage_use_azuread = true
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

resource "azurerm_resource_group" "data" {
  name     = "rg-example-data-dev"
  location = "westeurope"
  tags     = var.tags
}

module "storage" {
  source = "../../"

  name                       = "stexampledatadev"
  resource_group_name        = azurerm_resource_group.data.name
  location                   = azurerm_resource_group.data.location
  tags                       = var.tags
  private_endpoint_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-example-network-dev/providers/Microsoft.Network/virtualNetworks/vnet-example-dev/subnets/data"
  key_vault_id               = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-example-dev"
  key_name                   = "storage-cmk"
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-example-dev"
  containers                 = ["reports"]
}

output "storage_account_id" {
  description = "ID of the example storage account."
  value       = module.storage.storage_account_id
}
