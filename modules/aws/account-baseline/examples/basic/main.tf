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

module "baseline" {
  source = "../../"

  name                = "acme-dev"
  monthly_budget_usd  = 500
  budget_alert_emails = ["cloud-costs@example.com"]
}

output "access_log_bucket_name" {
  description = "Give this to the s3-bucket module as access_log_bucket."
  value       = module.baseline.access_log_bucket_name
}
