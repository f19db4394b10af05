output "vnet_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "vnet_name" {
  description = "Name of the virtual network."
  value       = azurerm_virtual_network.this.name
}

output "subnet_ids" {
  description = "Subnet IDs by subnet name."
  value       = { for k, s in azurerm_subnet.this : k => s.id }
}

output "network_security_group_ids" {
  description = "Network security group IDs by subnet name (add rules to these)."
  value       = { for k, n in azurerm_network_security_group.this : k => n.id }
}
