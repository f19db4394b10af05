output "storage_account_id" {
  description = "ID of the storage account."
  value       = azurerm_storage_account.this.id
}

output "storage_account_name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "primary_blob_endpoint" {
  description = "Blob endpoint (resolves to the private endpoint inside the linked networks)."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}

output "identity_principal_id" {
  description = "Principal of the account's user-assigned identity (the one reading the encryption key)."
  value       = azurerm_user_assigned_identity.this.principal_id
}

output "private_endpoint_ip" {
  description = "Private IP address of the blob endpoint."
  value       = azurerm_private_endpoint.blob.private_service_connection[0].private_ip_address
}
