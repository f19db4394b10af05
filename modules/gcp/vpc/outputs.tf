output "network_id" {
  description = "ID of the VPC network."
  value       = google_compute_network.this.id
}

output "network_self_link" {
  description = "Self link of the VPC network."
  value       = google_compute_network.this.self_link
}

output "subnet_ids" {
  description = "Subnetwork IDs by name."
  value       = { for k, s in google_compute_subnetwork.this : k => s.id }
}

output "subnet_self_links" {
  description = "Subnetwork self links by name."
  value       = { for k, s in google_compute_subnetwork.this : k => s.self_link }
}
