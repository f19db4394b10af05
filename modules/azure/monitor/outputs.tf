output "workspace_id" {
  description = "Resource ID of the Log Analytics workspace (pass it to other modules' diagnostic settings)."
  value       = azurerm_log_analytics_workspace.this.id
}

output "workspace_customer_id" {
  description = "Workspace (customer) ID, used by agents and Traffic Analytics."
  value       = azurerm_log_analytics_workspace.this.workspace_id
}

output "diagnostic_setting_ids" {
  description = "Diagnostic setting IDs by target name."
  value       = { for k, d in azurerm_monitor_diagnostic_setting.targets : k => d.id }
}
