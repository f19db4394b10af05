resource "azurerm_consumption_budget_subscription" "this" {
  name            = var.name
  subscription_id = var.subscription_id
  amount          = var.amount
  time_grain      = "Monthly"

  time_period {
    start_date = "${var.start_date}T00:00:00Z"
  }

  dynamic "filter" {
    for_each = length(var.resource_group_names) > 0 ? [1] : []

    content {
      dimension {
        name   = "ResourceGroupName"
        values = var.resource_group_names
      }
    }
  }

  notification {
    enabled        = true
    operator       = "GreaterThan"
    threshold      = 80
    threshold_type = "Actual"
    contact_emails = var.alert_emails
    contact_groups = var.action_group_ids
  }

  notification {
    enabled        = true
    operator       = "GreaterThan"
    threshold      = 100
    threshold_type = "Forecasted"
    contact_emails = var.alert_emails
    contact_groups = var.action_group_ids
  }

  lifecycle {
    ignore_changes = [time_period]
  }
}
