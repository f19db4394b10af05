terraform {
  required_version = "~> 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Owner       = "platform-team"
      Environment = "dev"
      CostCenter  = "cc-1234"
      ManagedBy   = "terraform"
    }
  }
}

module "alb" {
  source = "../../"

  name              = "example-web"
  vpc_id            = "vpc-0123456789abcdef0"
  vpc_cidr_block    = "10.20.0.0/16"
  subnet_ids        = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  access_log_bucket = "acme-alb-logs-eu-west-1"
}

output "lb_dns_name" {
  description = "Point the application's DNS record here."
  value       = module.alb.lb_dns_name
}
