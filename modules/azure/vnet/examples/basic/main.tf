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

resource "azurerm_resource_group" "network" {
  name     = "rg-example-network-dev"
  location = "westeurope"
  tags     = var.tags
}

module "vnet" {
  source = "../../"

  name                = "vnet-example-dev"
  resource_group_name = azurerm_resource_group.network.name
  location            = azurerm_resource_group.network.location
  tags                = var.tags
  address_space       = ["10.30.0.0/16"]

  subnets = {
    app = { address_prefix = "10.30.0.0/20" }
    data = {
      address_prefix    = "10.30.16.0/24"
      service_endpoints = ["Microsoft.Storage"]
    }
  }

  flow_logs = {
    network_watcher_name                = "NetworkWatcher_westeurope"
    network_watcher_resource_group_name = "NetworkWatcherRG"
    storage_account_id                  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stflowlogsdev"
  }
}

output "subnet_ids" {
  description = "Subnets of the example network."
  value       = module.vnet.subnet_ids
}
