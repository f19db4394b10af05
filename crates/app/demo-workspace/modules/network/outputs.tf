output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets."
  value       = aws_subnet.public[*].id
}

output "db_subnet_group" {
  description = "Name of the database subnet group."
  value       = aws_db_subnet_group.this.name
}
