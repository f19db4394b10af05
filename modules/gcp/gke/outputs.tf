output "cluster_id" {
  description = "ID of the cluster."
  value       = google_container_cluster.this.id
}

output "cluster_name" {
  description = "Name of the cluster."
  value       = google_container_cluster.this.name
}

output "endpoint" {
  description = "Control plane endpoint (reachable from the authorized networks only)."
  value       = google_container_cluster.this.endpoint
  sensitive   = true
}

output "workload_identity_pool" {
  description = "Workload identity pool (`<project>.svc.id.goog`) for Kubernetes service account bindings."
  value       = "${var.project_id}.svc.id.goog"
}

output "node_service_account_email" {
  description = "Service account of the nodes."
  value       = google_service_account.nodes.email
}
