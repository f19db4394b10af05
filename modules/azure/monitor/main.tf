data "azurerm_subscription" "current" {}

resource "azurerm_log_analytics_workspace" "this" {
  name                            = var.name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  sku                             = "PerGB2018"
  retention_in_days               = var.retention_in_days
  daily_quota_gb                  = var.daily_quota_gb
  local_authentication_enabled    = false
  allow_resource_only_permissions = true
  tags                            = var.tags
}

# The subscription's activity log (who changed what, policy and security events).
resource "azurerm_monitor_diagnostic_setting" "activity_log" {
  name                       = "activity-log-to-${var.name}"
  target_resource_id         = data.azurerm_subscription.current.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id
  storage_account_id         = var.archive_storage_account_id

  dynamic "enabled_log" {
    for_each = toset(var.activity_log_categories)

    content {
      category = enabled_log.value
    }
  }
}

# Resource logs and metrics of the given resources.
resource "azurerm_monitor_diagnostic_setting" "targets" {
  for_each = var.diagnostic_targets

  name                       = "to-${var.name}"
  target_resource_id         = each.value
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
