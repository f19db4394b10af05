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

resource "azurerm_resource_group" "aks" {
  name     = "rg-example-aks-dev"
  location = "westeurope"
  tags     = var.tags
}

module "aks" {
  source = "../../"

  name                       = "aks-example-dev"
  resource_group_name        = azurerm_resource_group.aks.name
  location                   = azurerm_resource_group.aks.location
  tags                       = var.tags
  subnet_id                  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-example-network-dev/providers/Microsoft.Network/virtualNetworks/vnet-example-dev/subnets/app"
  admin_group_object_ids     = ["00000000-0000-0000-0000-000000000001"]
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-example-dev"
}

output "oidc_issuer_url" {
  description = "Issuer for workload identity federations."
  value       = module.aks.oidc_issuer_url
}
