output "cluster_id" {
  description = "ID of the cluster."
  value       = azurerm_kubernetes_cluster.this.id
}

output "cluster_name" {
  description = "Name of the cluster."
  value       = azurerm_kubernetes_cluster.this.name
}

output "oidc_issuer_url" {
  description = "OIDC issuer of the cluster, for workload identity federation."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "kubelet_identity_object_id" {
  description = "Object ID of the kubelet identity (grant it AcrPull on your registries)."
  value       = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
}

output "private_fqdn" {
  description = "Private FQDN of the API server (null for a public cluster)."
  value       = azurerm_kubernetes_cluster.this.private_fqdn
}
